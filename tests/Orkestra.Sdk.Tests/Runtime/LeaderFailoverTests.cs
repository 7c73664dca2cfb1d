using System.Collections.Concurrent;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Sdk.Tests.Kubernetes.Client;
using Orkestra.Testing;

namespace Orkestra.Sdk.Tests.Runtime;

/// <summary>Two runtime instances with leader election against one API server: one reconciles; when it stops, the other takes over.</summary>
public sealed class LeaderFailoverTests
{
    private const string Site = """
        apiVersion: demo.orkestra.io/v1
        kind: Website
        metadata:
          name: NAME
          namespace: default
        spec:
          image: nginx:1.27
          replicas: 1
          port: 80
        """;

    [Fact]
    public async Task Only_the_leader_reconciles_and_a_follower_takes_over_when_it_stops()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(100) });
        await server.ApplyFileAsync(ClientFixtures.WebsiteCrdPath);
        var (katalog, _) = OperatorRuntime.LoadKatalog(Path.Combine(ClientFixtures.RepoRoot, "examples", "website", "katalog.yaml"));
        using var clientA = new KubeClient(new ClusterConnection("a", server.Url, "default"));
        using var clientB = new KubeClient(new ClusterConnection("b", server.Url, "default"));
        LeaderElectionOptions Election(string identity) => new()
        {
            Identity = identity,
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromMilliseconds(1500),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };
        var a = OperatorRuntime.Create(katalog!, clientA, new RuntimeOptions { LeaderElection = Election("a") });
        var b = OperatorRuntime.Create(katalog!, clientB, new RuntimeOptions { LeaderElection = Election("b") });
        var reports = new ConcurrentQueue<(string Instance, ReconcileReport Report)>();
        a.Reconciled += r => reports.Enqueue(("a", r));
        b.Reconciled += r => reports.Enqueue(("b", r));
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await WaitUntilAsync(() => a.IsLeader);
        var runB = b.RunAsync(stopB.Token);
        try
        {
            await server.ApplyAsync(Site.Replace("NAME", "first", StringComparison.Ordinal));
            await server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "first", "Ready", timeout: TimeSpan.FromSeconds(20));
            Assert.False(b.IsLeader);
            Assert.All(reports, r => Assert.Equal("a", r.Instance));

            // The leader stops (a rolling update, say): it releases the Lease, and the follower — caches warm — takes over.
            await stopA.CancelAsync();
            await runA.WaitAsync(TimeSpan.FromSeconds(30));
            await WaitUntilAsync(() => b.IsLeader);
            await server.ApplyAsync(Site.Replace("NAME", "second", StringComparison.Ordinal));
            await server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "second", "Ready", timeout: TimeSpan.FromSeconds(20));

            Assert.Contains(reports, r => r.Instance == "b" && r.Report.Name == "second");
            Assert.DoesNotContain(reports, r => r.Instance == "a" && r.Report.Name == "second");
            var deployments = await clientB.ListAsync("apps/v1", "Deployment", "default");
            Assert.Equal(new[] { "first", "second" }, deployments.Select(d => (string)d["metadata"]!["name"]!).Order());
        }
        finally
        {
            await stopA.CancelAsync();
            await stopB.CancelAsync();
            await Task.WhenAll(runA, runB).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
