using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orkestra.Hosting;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Testing;

namespace Orkestra.EndToEnd.Tests;

/// <summary>
/// An embedded API server with the website CRD, and the runtime running the typed katalog against it with the hooks
/// the generator registered (<c>AddGeneratedHooks()</c>). Disposing stops the runtime and the server.
/// </summary>
internal sealed class TypedRun : IAsyncDisposable
{
    public const string ApiVersion = "demo.orkestra.io/v1";

    public const string Kind = "Website";

    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceProvider _services;

    private TypedRun(KubeApiServer server, KubeClient client, ServiceProvider services, OperatorRuntime runtime)
    {
        Server = server;
        Client = client;
        _services = services;
        Runtime = runtime;
        runtime.Reconciled += Reports.Enqueue;
        Running = runtime.RunAsync(_stop.Token);
    }

    /// <summary>The folder holding Orkestra.Sdk.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The typed katalog (its crdFile points at examples/website/crd.yaml).</summary>
    public static string KatalogPath => Path.Combine(RepoRoot, "tests", "Orkestra.EndToEnd.Tests", "Typed", "katalog.yaml");

    /// <summary>The website CRD.</summary>
    public static string CrdPath => Path.Combine(RepoRoot, "examples", "website", "crd.yaml");

    public KubeApiServer Server { get; }

    public KubeClient Client { get; }

    public OperatorRuntime Runtime { get; }

    /// <summary>The runtime's task: it must not end (nor fault) before the test stops it.</summary>
    public Task Running { get; }

    public ConcurrentQueue<ReconcileReport> Reports { get; } = new();

    public static async Task<TypedRun> StartAsync()
    {
        var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(200) });
        try
        {
            await server.ApplyFileAsync(CrdPath);
            var builder = OrkestraHost.CreateBuilder([]);
            builder.AddGeneratedHooks();
            var services = builder.Services.BuildServiceProvider();
            var client = new KubeClient(new ClusterConnection("test", server.Url, "default"), new KubeClientOptions { Qps = 0 });
            var runtime = OperatorRuntime.Create(LoadKatalog(), client, new RuntimeOptions(), services: services, hooks: builder.Hooks, loggers: null);
            return new TypedRun(server, client, services, runtime);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public static Katalogs.Model.KatalogDocument LoadKatalog()
    {
        var (katalog, diagnostics) = OperatorRuntime.LoadKatalog(KatalogPath);
        Assert.True(katalog is not null, string.Join("\n", diagnostics));
        return katalog!;
    }

    /// <summary>The reports of the CR <paramref name="name"/> so far.</summary>
    public IReadOnlyList<ReconcileReport> ReportsOf(string name) => Reports.Where(r => r.Name == name || r.Name == "default/" + name).ToList();

    /// <summary>Applies a Website.</summary>
    public Task ApplyWebsiteAsync(string name, string image, int replicas = 2) => Server.ApplyAsync($"""
        apiVersion: {ApiVersion}
        kind: {Kind}
        metadata:
          name: {name}
          namespace: default
        spec:
          image: {image}
          replicas: {replicas}
          port: 8080
        """);

    /// <summary>Waits for a Website's Ready condition to have <paramref name="status"/> and a message satisfying <paramref name="message"/>.</summary>
    public Task<JsonObject> WaitForReadyAsync(string name, string status, Func<string, bool>? message = null) =>
        Server.WaitForAsync(
            ApiVersion,
            Kind,
            name,
            w => Ready(w) is { } ready && (string?)ready["status"] == status && (message is null || message((string?)ready["message"] ?? string.Empty)),
            timeout: TimeSpan.FromSeconds(10));

    /// <summary>The Ready condition of a Website, or null.</summary>
    public static JsonObject? Ready(JsonObject website) =>
        (website["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");

    /// <summary>Polls <paramref name="condition"/> until it holds (10 s at most).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Client.Dispose();
            await _services.DisposeAsync();
            await Server.DisposeAsync();
            _stop.Dispose();
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orkestra.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
