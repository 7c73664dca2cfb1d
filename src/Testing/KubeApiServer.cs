using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orkestra.Testing.Persistence;
using Orkestra.Testing.Security;
using Orkestra.Testing.Server;

namespace Orkestra.Testing;

/// <summary>
/// An embedded Kubernetes API server on loopback: discovery, OpenAPI, built-in kinds and CRDs, CRUD, watch,
/// finalizers and garbage collection, over real HTTP, so that kubectl and Kubernetes clients work against it.
/// Start one with <see cref="StartAsync"/> and dispose it to stop it.
/// </summary>
public sealed partial class KubeApiServer : IAsyncDisposable
{
    /// <summary>The name of the kubeconfig's cluster, user and context.</summary>
    public const string ContextName = "orkestra-dev";

    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly ClusterControllers _controllers;
    private readonly SimulatedControllers _simulation;
    private readonly CertificateAuthority? _authority;
    private readonly X509Certificate2? _serverCertificate;
    private readonly KubeApiServerOptions _options;
    private readonly Faults _faults = new();
    private Listener? _listener;
    private int _disposed;

    private KubeApiServer(ObjectService objects, KubeApiServerOptions options)
    {
        Objects = objects;
        _options = options;
        _controllers = new ClusterControllers(objects);
        _simulation = new SimulatedControllers(objects, options);
        _authority = options.Https ? CertificateAuthority.Create("orkestra-dev-ca") : null;
        _serverCertificate = _authority?.IssueServerCertificate();
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>; it stays the same across <see cref="RestartAsync"/>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>A delay added to every request before it is handled (fault injection; zero by default).</summary>
    public TimeSpan RequestLatency
    {
        get => _faults.Latency;
        set => _faults.Latency = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "the latency must not be negative");
    }

    /// <summary>The PEM of the CA that issued the server's certificate, or null for a plain HTTP server.</summary>
    public string? CertificateAuthorityPem => _authority?.CertificatePem;

    /// <summary>
    /// A kubeconfig (YAML) pointing at this server, with cluster, user and context <c>orkestra-dev</c>. Over HTTPS the
    /// cluster carries the CA; over plain HTTP it says <c>insecure-skip-tls-verify</c>, which the JavaScript client
    /// requires for an http:// server (kubectl does not mind). The user carries the token or a client certificate when
    /// the server asks for one.
    /// </summary>
    public string Kubeconfig => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{ContextName}}
          cluster:
            server: {{Url.GetLeftPart(UriPartial.Authority)}}
            {{(_authority is null ? "insecure-skip-tls-verify: true" : "certificate-authority-data: " + Pem.Data(_authority.CertificatePem))}}
        users:
        - name: {{ContextName}}
          user: {{UserCredentials()}}
        contexts:
        - name: {{ContextName}}
          context:
            cluster: {{ContextName}}
            user: {{ContextName}}
            namespace: default
        current-context: {{ContextName}}
        preferences: {}

        """;

    /// <summary>
    /// A client certificate and key (PEM) for <paramref name="user"/> in <paramref name="groups"/>, issued by the
    /// server's CA, for a server started with <see cref="KubeApiServerOptions.ClientCertificates"/>.
    /// </summary>
    /// <param name="user">The user name (the certificate's CN).</param>
    /// <param name="groups">The groups (its O attributes).</param>
    /// <returns>The certificate and its private key, as PEM.</returns>
    /// <exception cref="InvalidOperationException">The server does not accept client certificates.</exception>
    public (string CertificatePem, string KeyPem) IssueClientCertificate(string user, params string[] groups)
    {
        if (_authority is null || !_options.ClientCertificates)
        {
            throw new InvalidOperationException("this server does not accept client certificates; start it with Https and ClientCertificates");
        }

        using var certificate = _authority.IssueClientCertificate(user, groups);
        return (Pem.Certificate(certificate), Pem.PrivateKey(certificate));
    }

    private string UserCredentials()
    {
        if (_options.Token is { } token)
        {
            return "{token: " + JsonValue.Create(token).ToJsonString() + "}";
        }

        if (_options.ClientCertificates)
        {
            var (certificate, key) = IssueClientCertificate(ContextName, "system:masters");
            return "{client-certificate-data: " + Pem.Data(certificate) + ", client-key-data: " + Pem.Data(key) + "}";
        }

        return "{}";
    }

    /// <summary>The server's objects, for in-process use without HTTP (the fixture API and tests).</summary>
    internal ObjectService Objects { get; }

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
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WorkloadReadyDelay, TimeSpan.Zero);
        if (options.ClientCertificates && !options.Https)
        {
            throw new ArgumentException("client certificates need HTTPS: set Https too", nameof(options));
        }

        if (options.Token is { } token && (token.Length == 0 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw new ArgumentException("the token must be non-empty, without spaces or control characters", nameof(options));
        }

        var registry = new ResourceRegistry();
        var store = StoredState.OpenStore(options);
        KubeApiServer server;
        try
        {
            StoredState.ServeCustomResources(store, registry);
            var service = new ObjectService(store, registry, new ObjectSchemas());
            foreach (var name in InitialNamespaces.Where(n => store.Get("namespaces", "", n) is null))
            {
                var ns = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } };
                service.Create(registry.BuiltIn("", "namespaces"), "", ns, WriteOptions.Default, []);
            }

            server = new KubeApiServer(service, options);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        // Deletions a previous run left unfinished (finalizers, cascades) carry on.
        if (options.DataDirectory is not null)
        {
            server._controllers.Wake();
        }

        try
        {
            await server.ListenAsync(options.Port, ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Ends every open watch, as a server that drops its connections does (fault injection): clients must watch
    /// again from the last resourceVersion they saw.
    /// </summary>
    public void DropWatches() => Objects.Store.CloseWatches();

    /// <summary>
    /// Forgets the watch history (fault injection): a watch or list continuation from an earlier resourceVersion then
    /// gets 410 Gone, and clients must list again.
    /// </summary>
    public void CompactHistory() => Objects.Store.Compact();

    /// <summary>
    /// Answers the next <paramref name="count"/> requests (other than <c>/version</c> and the health paths) with
    /// <paramref name="status"/> and a Status body instead of handling them (fault injection): 500 InternalError,
    /// 503 ServiceUnavailable, or 429 TooManyRequests with a <c>Retry-After</c> header.
    /// </summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The status code: 429 or a 5xx.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> to send (whole seconds); 1 s for a 429 when null.</param>
    public void FailNextRequests(int count, HttpStatusCode status = HttpStatusCode.InternalServerError, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (status != HttpStatusCode.TooManyRequests && (int)status is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), "injected failures are 429 or 5xx");
        }

        _faults.FailNext(count, status, retryAfter ?? (status == HttpStatusCode.TooManyRequests ? TimeSpan.FromSeconds(1) : null));
    }

    /// <summary>
    /// Stops listening (open watches end, connections close) and listens again on the same port, with the same objects
    /// and resourceVersions: a restart of the API server as its clients see it.
    /// </summary>
    /// <param name="ct">Cancels the restart.</param>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await StopListeningAsync();
        await ListenAsync(Url.Port, ct);
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

        _fixtureClient?.Dispose();
        await StopListeningAsync();
        await _controllers.DisposeAsync();
        await _simulation.DisposeAsync();
        Objects.Store.Dispose();
        _serverCertificate?.Dispose();
        _authority?.Dispose();
    }

    private async Task ListenAsync(int port, CancellationToken ct)
    {
        var stopping = new CancellationTokenSource();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (_serverCertificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = _serverCertificate,
                    ClientCertificateMode = _options.ClientCertificates ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,
                    ClientCertificateValidation = (certificate, _, _) => _authority!.Issued(certificate),
                });
            }
        }));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        var address = string.Empty;
        var handler = new ApiHandler(Objects, new Discovery(Objects.Registry), new OpenApi(Objects.Registry),
            new WatchStreamer(Objects.Store, _options.BookmarkInterval, stopping.Token), () => address);
        var authenticator = new RequestAuthenticator(_options.Token, _options.ClientCertificates ? _authority : null);
        app.Run(async context =>
        {
            if (!authenticator.Allows(context))
            {
                await Responses.UnauthorizedAsync(context);
            }
            else if (!await _faults.InterceptAsync(context))
            {
                await handler.HandleAsync(context);
            }
        });
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        address = string.Create(CultureInfo.InvariantCulture, $"{Url.Host}:{Url.Port}");
        _listener = new Listener(app, stopping);
    }

    private async Task StopListeningAsync()
    {
        if (Interlocked.Exchange(ref _listener, null) is not { } listener)
        {
            return;
        }

        await listener.Stopping.CancelAsync();
        Objects.Store.CloseWatches();
        await listener.App.StopAsync();
        await listener.App.DisposeAsync();
        listener.Stopping.Dispose();
    }

    /// <summary>One listening instance: the web host and the token that ends its watches.</summary>
    private sealed record Listener(WebApplication App, CancellationTokenSource Stopping);
}
