using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Orkestra.Kubernetes;
using Orkestra.Runtime;
using Orkestra.Testing;
using static Orkestra.Sdk.Tests.Runtime.InformerTests;

namespace Orkestra.Sdk.Tests.Runtime;

public partial class LeaderElectorTests
{
    private static LeaderElectionOptions Options(string identity) => new()
    {
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(1),
        RenewDeadline = TimeSpan.FromMilliseconds(600),
        RetryPeriod = TimeSpan.FromMilliseconds(150),
    };

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")]
    private static partial Regex MicroTime();

    [Fact]
    public async Task A_single_candidate_becomes_leader_and_keeps_renewing_the_lease()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        var logger = new RecordingLogger();
        await using var candidate = Campaign(new LeaderElector(client, Options("one"), logger));

        await Until(() => candidate.Elector.IsLeader && candidate.Leading == 1);
        var lease = await server.GetAsync("coordination.k8s.io/v1", "Lease", "orkestra-konductor");
        Assert.NotNull(lease);
        Assert.Equal("one", (string?)lease["spec"]?["holderIdentity"]);
        Assert.Equal(1, (int?)lease["spec"]?["leaseDurationSeconds"]);
        Assert.Equal(0, (int?)lease["spec"]?["leaseTransitions"]);
        Assert.Matches(MicroTime(), (string?)lease["spec"]?["acquireTime"]);
        Assert.Matches(MicroTime(), (string?)lease["spec"]?["renewTime"]);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("one became leader", StringComparison.Ordinal));

        var firstRenew = (string?)lease["spec"]?["renewTime"];
        await server.WaitForAsync("coordination.k8s.io/v1", "Lease", "orkestra-konductor", l => (string?)l["spec"]?["renewTime"] != firstRenew, timeout: WaitLimit);
        Assert.True(candidate.Elector.IsLeader);
        Assert.Equal([true], candidate.Changes);
    }

    [Fact]
    public async Task Of_two_candidates_exactly_one_leads()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        var active = 0;
        var overlaps = 0;
        await using var a = Campaign(new LeaderElector(client, Options("a"), new RecordingLogger()), Track);
        await using var b = Campaign(new LeaderElector(client, Options("b"), new RecordingLogger()), Track);

        await Until(() => a.Elector.IsLeader || b.Elector.IsLeader);
        var sampling = Stopwatch.StartNew();
        while (sampling.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            Assert.False(a.Elector.IsLeader && b.Elector.IsLeader, "two candidates lead at once");
            await Task.Delay(15);
        }

        Assert.Equal(0, overlaps);
        Assert.True(a.Elector.IsLeader ^ b.Elector.IsLeader, "exactly one candidate leads");
        Assert.Equal(1, a.Leading + b.Leading);

        async Task Track(CancellationToken token)
        {
            if (Interlocked.Increment(ref active) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            try
            {
                await Task.Delay(System.Threading.Timeout.Infinite, token);
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        }
    }

    [Fact]
    public async Task A_leader_that_stops_releases_the_lease_and_another_takes_over_at_once()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        var slow = Options("first") with { LeaseDuration = TimeSpan.FromSeconds(10), RenewDeadline = TimeSpan.FromSeconds(5) };
        var first = Campaign(new LeaderElector(client, slow, new RecordingLogger()));
        await Until(() => first.Elector.IsLeader);
        await using var second = Campaign(new LeaderElector(client, slow with { Identity = "second" }, new RecordingLogger()));
        await Task.Delay(300);
        Assert.False(second.Elector.IsLeader);

        var stopped = Stopwatch.StartNew();
        await first.DisposeAsync();
        Assert.True(first.Cancelled.Task.IsCompleted, "the leader's token was cancelled");
        Assert.False(first.Elector.IsLeader);
        Assert.Equal([true, false], first.Changes);

        await Until(() => second.Elector.IsLeader);
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(2), $"took over after {stopped.Elapsed.TotalMilliseconds} ms");
        var lease = await server.GetAsync("coordination.k8s.io/v1", "Lease", "orkestra-konductor");
        Assert.Equal("second", (string?)lease?["spec"]?["holderIdentity"]);
        Assert.Equal(1, (int?)lease?["spec"]?["leaseTransitions"]);
        Assert.Equal(10, (int?)lease?["spec"]?["leaseDurationSeconds"]);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_loses_leadership_at_once_and_campaigns_again()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        await using var candidate = Campaign(new LeaderElector(client, Options("one"), new RecordingLogger()));
        await Until(() => candidate.Elector.IsLeader);

        var failing = Stopwatch.StartNew();
        server.FailNextRequests(1_000_000);
        await candidate.Cancelled.Task.WaitAsync(WaitLimit);
        // The renew deadline runs from the last successful renewal, up to one retry period before the failures began.
        Assert.True(failing.Elapsed >= TimeSpan.FromMilliseconds(600 - 150 - 50), $"gave up after {failing.Elapsed.TotalMilliseconds} ms");
        Assert.False(candidate.Elector.IsLeader);
        Assert.Equal([true, false], candidate.Changes);

        server.FailNextRequests(0);
        await Until(() => candidate.Elector.IsLeader && candidate.Leading == 2);
        Assert.Equal([true, false, true], candidate.Changes);
    }

    [Fact]
    public async Task A_lease_taken_by_another_is_respected_for_its_duration_as_observed_locally()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        await using var candidate = Campaign(new LeaderElector(client, Options("one"), new RecordingLogger()));
        await Until(() => candidate.Elector.IsLeader);

        // Another holder writes the Lease, with a renewTime long past: only the local observation counts.
        var taken = Stopwatch.StartNew();
        await Retry(async () =>
        {
            var lease = (await client.GetAsync("coordination.k8s.io/v1", "Lease", "orkestra-konductor", "default"))!;
            lease["spec"]!["holderIdentity"] = "intruder";
            lease["spec"]!["renewTime"] = "2000-01-01T00:00:00.000000Z";
            await client.ReplaceAsync(lease);
        });

        await candidate.Cancelled.Task.WaitAsync(WaitLimit);
        Assert.False(candidate.Elector.IsLeader);
        await Until(() => candidate.Elector.IsLeader);
        Assert.True(taken.Elapsed >= TimeSpan.FromSeconds(1), $"took the lease back after {taken.Elapsed.TotalMilliseconds} ms");
        var now = await server.GetAsync("coordination.k8s.io/v1", "Lease", "orkestra-konductor");
        Assert.Equal("one", (string?)now?["spec"]?["holderIdentity"]);
        Assert.Equal(1, (int?)now?["spec"]?["leaseTransitions"]);
    }

    [Fact]
    public async Task Inconsistent_timings_are_refused()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        Assert.Throws<ArgumentException>(() => new LeaderElector(client, Options("x") with { RenewDeadline = TimeSpan.FromSeconds(2) }, new RecordingLogger()));
        Assert.Throws<ArgumentException>(() => new LeaderElector(client, Options("x") with { Identity = "" }, new RecordingLogger()));
    }

    private static async Task Retry(Func<Task> write)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (KubeConflictException) when (attempt < 20)
            {
            }
        }
    }

    private static Candidate Campaign(LeaderElector elector, Func<CancellationToken, Task>? work = null)
    {
        var candidate = new Candidate(elector, new CancellationTokenSource());
        elector.LeadershipChanged += candidate.OnChanged;
        candidate.Task = elector.RunAsync(
            async token =>
            {
                Interlocked.Increment(ref candidate.LeadingCount);
                token.Register(() => candidate.Cancelled.TrySetResult());
                if (work is not null)
                {
                    await work(token);
                }
            },
            candidate.Stop.Token);
        return candidate;
    }

    /// <summary>A campaigning elector and what it did; disposing it stops the campaign.</summary>
    private sealed class Candidate(LeaderElector elector, CancellationTokenSource stop) : IAsyncDisposable
    {
        private readonly List<bool> _changes = [];
        private int _disposed;
        public int LeadingCount;

        public LeaderElector Elector { get; } = elector;

        public CancellationTokenSource Stop { get; } = stop;

        public Task Task { get; set; } = Task.CompletedTask;

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Leading => Volatile.Read(ref LeadingCount);

        public List<bool> Changes
        {
            get
            {
                lock (_changes)
                {
                    return [.. _changes];
                }
            }
        }

        public void OnChanged(bool leading)
        {
            lock (_changes)
            {
                _changes.Add(leading);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            await Stop.CancelAsync();
            await Task.WaitAsync(WaitLimit);
            Stop.Dispose();
        }
    }
}
