using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orkestra.Testing.Server;

namespace Orkestra.Testing;

/// <summary>
/// An embedded Kubernetes API server on loopback: discovery, OpenAPI, built-in kinds and CRDs, CRUD, watch,
/// finalizers and garbage collection, over real HTTP, so that kubectl and Kubernetes clients work against it.
/// Start one with <see cref="StartAsync"/> and dispose it to stop it.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable
{
    /// <summary>The name of the kubeconfig's cluster, user and context.</summary>
    public const string ContextName = "orkestra-dev";

    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly WebApplication _app;
    private readonly ClusterControllers _controllers;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private KubeApiServer(WebApplication app, ClusterControllers controllers, CancellationTokenSource stopping, Uri url)
    {
        _app = app;
        _controllers = controllers;
        _stopping = stopping;
        Url = url;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>
    /// A kubeconfig (YAML) pointing at this server, with cluster, user and context <c>orkestra-dev</c>. The server is
    /// plain HTTP, so the cluster says <c>insecure-skip-tls-verify</c>: the JavaScript client refuses an http:// server
    /// without it (kubectl does not mind).
    /// </summary>
    public string Kubeconfig => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{ContextName}}
          cluster:
            server: {{Url.GetLeftPart(UriPartial.Authority)}}
            insecure-skip-tls-verify: true
        users:
        - name: {{ContextName}}
          user: {}
        contexts:
        - name: {{ContextName}}
          context:
            cluster: {{ContextName}}
            user: {{ContextName}}
            namespace: default
        current-context: {{ContextName}}
        preferences: {}

        """;

    /// <summary>The server's objects, for in-process use without HTTP (the fixture API and tests).</summary>
    internal ObjectService Objects { get; private init; } = null!;

    /// <summary>Starts a server on 127.0.0.1, with the namespaces a fresh cluster has.</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="ct">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken ct = default)
    {
        options ??= new KubeApiServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WatchHistorySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.BookmarkInterval, TimeSpan.Zero);
        var registry = new ResourceRegistry();
        var store = new ObjectStore(options.WatchHistorySize);
        var service = new ObjectService(store, registry, new ObjectSchemas());
        foreach (var name in InitialNamespaces)
        {
            var ns = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } };
            service.Create(registry.BuiltIn("", "namespaces"), "", ns, WriteOptions.Default, []);
        }
        var stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        string address = "";
        var handler = new ApiHandler(service, new Discovery(registry), new OpenApi(registry),
            new WatchStreamer(store, options.BookmarkInterval, stopping.Token), () => address);
        app.Run(handler.HandleAsync);
        await app.StartAsync(ct);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        address = string.Create(CultureInfo.InvariantCulture, $"{url.Host}:{url.Port}");
        return new KubeApiServer(app, new ClusterControllers(service), stopping, url) { Objects = service };
    }

    /// <summary>Writes <see cref="Kubeconfig"/> to a file (creating its directory).</summary>
    /// <param name="path">Where to write it.</param>
    public async Task WriteKubeconfigAsync(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        await File.WriteAllTextAsync(path, Kubeconfig);
    }

    /// <summary>Ends open watches and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync();
        Objects.Store.CloseWatches();
        await _controllers.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
