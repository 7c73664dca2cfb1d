using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orkestra.Testing.Security;
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
    private readonly CertificateAuthority? _authority;
    private readonly KubeApiServerOptions _options;
    private int _disposed;

    private KubeApiServer(WebApplication app, ClusterControllers controllers, CancellationTokenSource stopping, Uri url, CertificateAuthority? authority, KubeApiServerOptions options)
    {
        _app = app;
        _controllers = controllers;
        _stopping = stopping;
        _authority = authority;
        _options = options;
        Url = url;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

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
        if (options.ClientCertificates && !options.Https)
        {
            throw new ArgumentException("client certificates need HTTPS: set Https too", nameof(options));
        }

        if (options.Token is { } token && (token.Length == 0 || token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw new ArgumentException("the token must be non-empty, without spaces or control characters", nameof(options));
        }

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
        var authority = options.Https ? CertificateAuthority.Create("orkestra-dev-ca") : null;
        var serverCertificate = authority?.IssueServerCertificate();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
        {
            if (serverCertificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateMode = options.ClientCertificates ? ClientCertificateMode.AllowCertificate : ClientCertificateMode.NoCertificate,
                    ClientCertificateValidation = (certificate, _, _) => authority!.Issued(certificate),
                });
            }
        }));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        var app = builder.Build();
        string address = "";
        var handler = new ApiHandler(service, new Discovery(registry), new OpenApi(registry),
            new WatchStreamer(store, options.BookmarkInterval, stopping.Token), () => address);
        var authenticator = new RequestAuthenticator(options.Token, options.ClientCertificates ? authority : null);
        app.Run(context => authenticator.Allows(context) ? handler.HandleAsync(context) : Responses.UnauthorizedAsync(context));
        await app.StartAsync(ct);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        address = string.Create(CultureInfo.InvariantCulture, $"{url.Host}:{url.Port}");
        return new KubeApiServer(app, new ClusterControllers(service), stopping, url, authority, options) { Objects = service };
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
        _authority?.Dispose();
    }
}
