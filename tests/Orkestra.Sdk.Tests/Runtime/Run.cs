using System.Collections.Concurrent;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Sdk.Tests.Kubernetes.Client;
using Orkestra.Testing;

namespace Orkestra.Sdk.Tests.Runtime;

/// <summary>
/// A runtime test's world: the embedded API server with the website CRD, and the runtime of a katalog running against
/// it, its reconcile reports collected.
/// </summary>
internal sealed class Run : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private Run(KubeApiServer server, KubeClient client)
    {
        Server = server;
        Client = client;
    }

    public KubeApiServer Server { get; }

    public KubeClient Client { get; }

    public ConcurrentQueue<ReconcileReport> Reports { get; } = new();

    public OperatorRuntime Runtime { get; private set; } = null!;

    public static async Task<Run> StartAsync(string katalogPath, string? dataDirectory = null)
    {
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(200), DataDirectory = dataDirectory });
        await server.ApplyFileAsync(ClientFixtures.WebsiteCrdPath);
        var (katalog, diagnostics) = OperatorRuntime.LoadKatalog(katalogPath);
        Assert.True(katalog is not null, string.Join("\n", diagnostics));
        var run = new Run(server, new KubeClient(new ClusterConnection("test", server.Url, "default")));
        run.Runtime = OperatorRuntime.Create(katalog!, run.Client);
        run.Runtime.Reconciled += run.Reports.Enqueue;
        run._running = run.Runtime.RunAsync(run._stop.Token);
        return run;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}
