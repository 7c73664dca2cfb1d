using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Kubernetes;

namespace Orkestra.Runtime;

/// <summary>Settings of a <see cref="LeaderElector"/> (client-go's leader election; the Helm chart's defaults).</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>The Lease's name.</summary>
    public string LeaseName { get; init; } = "orkestra-konductor";

    /// <summary>The Lease's namespace (the release namespace).</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Who this process is, as written in the Lease's <c>holderIdentity</c>: unique per replica.</summary>
    public string Identity { get; init; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long followers wait, after they last saw the Lease change, before taking it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying to renew before it gives leadership up.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire, and the leader renews.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Lease-based leader election with client-go's semantics: a candidate creates the Lease or takes it over once its
/// holder has not renewed it for <see cref="LeaderElectionOptions.LeaseDuration"/> (measured on this machine's clock
/// since the Lease was last seen to change, never by comparing with the remote clock); writes are guarded by the
/// resourceVersion, so one candidate wins a race. The leader renews every <see cref="LeaderElectionOptions.RetryPeriod"/>
/// and gives leadership up when renewing has not succeeded within <see cref="LeaderElectionOptions.RenewDeadline"/>.
/// </summary>
public sealed class LeaderElector
{
    private const string LeaseApiVersion = "coordination.k8s.io/v1";
    private const string LeaseKind = "Lease";
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly IKubeClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private LeaseRecord? _observed;
    private long _observedAt;
    private volatile bool _isLeader;
    private int _running;

    /// <summary>Creates an elector; it does nothing until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="options">Lease name, identity and timings.</param>
    /// <param name="logger">Where leadership changes and failures are logged.</param>
    public LeaderElector(IKubeClient client, LeaderElectionOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrEmpty(options.LeaseName, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Namespace, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Identity, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RetryPeriod, TimeSpan.Zero, nameof(options));
        if (options.LeaseDuration <= options.RenewDeadline || options.RenewDeadline <= options.RetryPeriod)
        {
            throw new ArgumentException("the lease duration must exceed the renew deadline, which must exceed the retry period", nameof(options));
        }

        _client = client;
        _options = options;
        _logger = logger;
    }

    /// <summary>Raised with true when this process becomes the leader and with false when it stops being it.</summary>
    public event Action<bool>? LeadershipChanged;

    /// <summary>Whether this process holds the Lease now.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>This candidate's identity.</summary>
    public string Identity => _options.Identity;

    /// <summary>
    /// Campaigns until <paramref name="cancellationToken"/> is cancelled: each time this process becomes the leader,
    /// <paramref name="onStartedLeading"/> runs with a token cancelled the moment leadership is lost (or the run is
    /// cancelled); after a loss, it campaigns again. When cancelled while leading, it waits for the callback to return
    /// and releases the Lease so that another candidate takes over at once. Returns without throwing when cancelled.
    /// </summary>
    /// <param name="onStartedLeading">What to do while leading; an exception it throws is logged.</param>
    /// <param name="cancellationToken">Stops campaigning.</param>
    /// <exception cref="InvalidOperationException">The elector is running already.</exception>
    public async Task RunAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStartedLeading);
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("the leader elector is running already");
        }

        try
        {
            await CampaignAsync(onStartedLeading, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task CampaignAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            SetLeader(true);
            var work = RunCallbackAsync(onStartedLeading, leading.Token);
            await RenewAsync(cancellationToken).ConfigureAwait(false);
            await leading.CancelAsync().ConfigureAwait(false);
            SetLeader(false);
            await work.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunCallbackAsync(Func<CancellationToken, Task> onStartedLeading, CancellationToken token)
    {
        try
        {
            await Task.Run(() => onStartedLeading(token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Leadership ended.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "the leader's work of {Identity} failed", _options.Identity);
        }
    }

    private void SetLeader(bool leading)
    {
        _isLeader = leading;
        if (leading)
        {
            _logger.LogInformation("{Identity} became leader (Lease {Namespace}/{Lease})", _options.Identity, _options.Namespace, _options.LeaseName);
        }
        else
        {
            _logger.LogInformation("{Identity} lost leadership (Lease {Namespace}/{Lease})", _options.Identity, _options.Namespace, _options.LeaseName);
        }

        if (LeadershipChanged is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((Action<bool>)handler)(leading);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "a LeadershipChanged handler failed");
            }
        }
    }

    // Tries every retry period (with jitter) until the Lease is ours; false when cancelled.
    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            try
            {
                await Task.Delay(_options.RetryPeriod * (1 + (Random.Shared.NextDouble() * 0.2)), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    // Renews every retry period; returns when a renewal has not succeeded within the renew deadline, or when cancelled.
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(_options.RenewDeadline);
                var renewed = false;
                try
                {
                    while (!(renewed = await TryAcquireOrRenewAsync(deadline.Token).ConfigureAwait(false)))
                    {
                        await Task.Delay(_options.RetryPeriod, deadline.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Deadline passed or cancelled.
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (!renewed)
                {
                    _logger.LogWarning("{Identity} could not renew the Lease {Namespace}/{Lease} within {Deadline} ms", _options.Identity, _options.Namespace, _options.LeaseName, (int)_options.RenewDeadline.TotalMilliseconds);
                    return;
                }
            }

            try
            {
                await Task.Delay(_options.RetryPeriod, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // client-go's tryAcquireOrRenew: true when this process holds the Lease (created, taken over or renewed).
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        try
        {
            var lease = await _client.GetAsync(LeaseApiVersion, LeaseKind, _options.LeaseName, _options.Namespace, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                var created = new LeaseRecord(_options.Identity, DurationSeconds(_options.LeaseDuration), MicroTime(now), MicroTime(now), 0);
                try
                {
                    await _client.CreateAsync(NewLease(created), cancellationToken).ConfigureAwait(false);
                }
                catch (KubeAlreadyExistsException)
                {
                    return false;
                }

                Observe(created);
                return true;
            }

            var current = LeaseRecord.Read(lease);
            if (current != _observed)
            {
                Observe(current);
            }

            var holdsIt = current.HolderIdentity == _options.Identity;
            var expiresAt = _observedAt + (long)(TimeSpan.FromSeconds(current.LeaseDurationSeconds).TotalSeconds * Stopwatch.Frequency);
            if (current.HolderIdentity.Length > 0 && !holdsIt && Stopwatch.GetTimestamp() < expiresAt)
            {
                return false;
            }

            var next = holdsIt
                ? current with { LeaseDurationSeconds = DurationSeconds(_options.LeaseDuration), RenewTime = MicroTime(now) }
                : new LeaseRecord(_options.Identity, DurationSeconds(_options.LeaseDuration), MicroTime(now), MicroTime(now), current.LeaseTransitions + 1);
            try
            {
                await _client.ReplaceAsync(next.WriteTo(lease), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubeConflictException)
            {
                return false;
            }

            Observe(next);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogWarning("{Identity} could not acquire or renew the Lease {Namespace}/{Lease}: {Error}", _options.Identity, _options.Namespace, _options.LeaseName, ex.Message);
            return false;
        }
    }

    // client-go's release: an empty holder and a one-second lease, so that another candidate takes over at once.
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout);
        try
        {
            var lease = await _client.GetAsync(LeaseApiVersion, LeaseKind, _options.LeaseName, _options.Namespace, timeout.Token).ConfigureAwait(false);
            if (lease is null || LeaseRecord.Read(lease) is not { } current || current.HolderIdentity != _options.Identity)
            {
                return;
            }

            var now = MicroTime(DateTimeOffset.UtcNow);
            var released = new LeaseRecord(string.Empty, 1, now, now, current.LeaseTransitions);
            await _client.ReplaceAsync(released.WriteTo(lease), cancellationToken: timeout.Token).ConfigureAwait(false);
            Observe(released);
            _logger.LogInformation("{Identity} released the Lease {Namespace}/{Lease}", _options.Identity, _options.Namespace, _options.LeaseName);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("{Identity} could not release the Lease {Namespace}/{Lease}: {Error}", _options.Identity, _options.Namespace, _options.LeaseName, ex.Message);
        }
    }

    private void Observe(LeaseRecord record)
    {
        _observed = record;
        _observedAt = Stopwatch.GetTimestamp();
    }

    private JsonObject NewLease(LeaseRecord record) => record.WriteTo(new JsonObject
    {
        ["apiVersion"] = LeaseApiVersion,
        ["kind"] = LeaseKind,
        ["metadata"] = new JsonObject { ["name"] = _options.LeaseName, ["namespace"] = _options.Namespace },
    });

    private static int DurationSeconds(TimeSpan duration) => Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));

    // A Kubernetes MicroTime: RFC 3339 with six fractional digits, in UTC.
    private static string MicroTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Lease's spec as leader election reads and writes it.</summary>
    private sealed record LeaseRecord(string HolderIdentity, int LeaseDurationSeconds, string? AcquireTime, string? RenewTime, int LeaseTransitions)
    {
        public static LeaseRecord Read(JsonObject lease)
        {
            var spec = lease["spec"] as JsonObject;
            return new LeaseRecord(
                (string?)spec?["holderIdentity"] ?? string.Empty,
                Number(spec?["leaseDurationSeconds"]),
                (string?)spec?["acquireTime"],
                (string?)spec?["renewTime"],
                Number(spec?["leaseTransitions"]));
        }

        // Writes the record into the Lease's spec (keeping the Lease's metadata, so its resourceVersion guards the write).
        public JsonObject WriteTo(JsonObject lease)
        {
            var spec = lease["spec"] as JsonObject ?? [];
            lease["spec"] = spec;
            spec["holderIdentity"] = HolderIdentity;
            spec["leaseDurationSeconds"] = LeaseDurationSeconds;
            spec["acquireTime"] = AcquireTime;
            spec["renewTime"] = RenewTime;
            spec["leaseTransitions"] = LeaseTransitions;
            return lease;
        }

        private static int Number(JsonNode? node) =>
            node is JsonValue value && value.TryGetValue<int>(out var number) ? number : 0;
    }
}
