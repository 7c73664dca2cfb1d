using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Kubernetes.Client;
using Orkestra.Kubernetes.Configuration;

namespace Orkestra.Kubernetes;

/// <summary>
/// The SDK's Kubernetes REST client: one pooled HTTP connection set to one cluster, with the connection's TLS trust and
/// credentials (token, token file, basic, client certificate, exec plugin), discovery, client-side rate limiting,
/// retries of idempotent requests, and the API's errors as <see cref="KubeApiException"/>s. Thread-safe; dispose it to
/// close its connections.
/// </summary>
/// <example>
/// <code>
/// using var kube = KubeClient.Create();                       // kubeconfig, KUBECONFIG, in-cluster or ~/.kube/config
/// var secret = await kube.GetAsync("v1", "Secret", "db", "default");
/// await foreach (var change in kube.WatchAsync("apps/v1", "Deployment", "default", list.ResourceVersion)) { … }
/// </code>
/// </example>
public sealed partial class KubeClient : IKubeClient, IDisposable
{
    private const int PageSize = 500;
    private readonly KubeClientOptions _options;
    private readonly HttpClient _http;
    private readonly Credentials _credentials;
    private readonly TokenBucket _bucket;
    private readonly X509Certificate2Collection? _roots;
    private readonly string _baseAddress;
    private readonly string? _hostHeader;
    private string? _lastTlsProblem;
    private int _disposed;

    /// <summary>Creates a client for <paramref name="connection"/>.</summary>
    /// <param name="connection">The cluster and user (from <see cref="KubeConfig"/> or <see cref="InClusterConfig"/>).</param>
    /// <param name="options">Rate limit, timeout and retries; the defaults when null.</param>
    /// <exception cref="KubeConfigException">The connection's CA or client certificate does not load.</exception>
    public KubeClient(ClusterConnection connection, KubeClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _options = options ?? new KubeClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxRetries, nameof(options));
        DefaultNamespace = string.IsNullOrEmpty(connection.Namespace) ? "default" : connection.Namespace;
        _baseAddress = connection.Server.AbsoluteUri.EndsWith('/') ? connection.Server.AbsoluteUri : connection.Server.AbsoluteUri + "/";
        _hostHeader = connection.TlsServerName is { Length: > 0 } serverName
            ? (connection.Server.IsDefaultPort ? serverName : serverName + ":" + connection.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : null;
        _bucket = new TokenBucket(_options.Qps, _options.Burst);
        if (connection.CertificateAuthorityPem is { } caPem && !connection.InsecureSkipTlsVerify)
        {
            _roots = [];
            try
            {
                _roots.ImportFromPem(caPem);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new KubeConfigException($"context '{connection.Context}': the cluster's certificate-authority is not PEM certificates ({ex.Message})", ex);
            }

            if (_roots.Count == 0)
            {
                throw new KubeConfigException($"context '{connection.Context}': the cluster's certificate-authority holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
        }

        _credentials = new Credentials(connection, _options.ExecTimeout);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = _options.Timeout < TimeSpan.FromSeconds(30) ? _options.Timeout : TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.GZip,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = ValidateServerCertificate;
        if (connection.ClientCertificatePem is not null || connection.Exec is not null)
        {
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => _credentials.ClientCertificate!;
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    /// <summary>The cluster and user this client talks to.</summary>
    public ClusterConnection Connection { get; }

    /// <summary>The namespace of the connection's context, else <c>default</c>: where namespaced objects that name none go.</summary>
    public string DefaultNamespace { get; }

    private string ServerText => Connection.Server.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>
    /// A client for the configuration found as kubectl and controller-runtime find it: the kubeconfig file(s) of
    /// <paramref name="kubeconfig"/>, else those of <c>KUBECONFIG</c>, else the in-cluster service account (when no
    /// context is asked for), else <c>~/.kube/config</c>.
    /// </summary>
    /// <param name="kubeconfig">A kubeconfig path (or a path list as <c>KUBECONFIG</c> holds it), or null.</param>
    /// <param name="context">The kubeconfig context; its current context when null.</param>
    /// <param name="options">Rate limit, timeout and retries.</param>
    /// <exception cref="KubeConfigException">No configuration is found, or it is not usable (the message says why).</exception>
    public static KubeClient Create(string? kubeconfig = null, string? context = null, KubeClientOptions? options = null)
    {
        ClusterConnection connection;
        if (!string.IsNullOrWhiteSpace(kubeconfig) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("KUBECONFIG")))
        {
            connection = KubeConfig.Load(context, kubeconfig);
        }
        else if (context is null && InClusterConfig.IsAvailable())
        {
            connection = InClusterConfig.Load();
        }
        else
        {
            var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            if (!File.Exists(home))
            {
                throw new KubeConfigException(
                    $"no Kubernetes configuration found: no kubeconfig was given, KUBECONFIG is not set, the process does not run in a cluster (KUBERNETES_SERVICE_HOST is not set) and {home} does not exist; pass --kubeconfig or set KUBECONFIG");
            }

            connection = KubeConfig.Load(context, home);
        }

        return new KubeClient(connection, options);
    }

    /// <inheritdoc/>
    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string name, string? @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var description = Describe("GET", apiVersion, kind, @namespace, name);
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = Describe("GET", resource, @namespace, name);
        var obj = await SendAsync(new Request(HttpMethod.Get, ObjectPath(resource, @namespace, name, null), description, Retry.Idempotent), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return obj is null ? null : WithType(obj, resource);
    }

    /// <inheritdoc/>
    public async Task<ResourceList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default)
    {
        var description = DescribeCollection("LIST", apiVersion, kind, @namespace);
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = DescribeCollection("LIST", resource.ApiVersion, resource.Kind, resource.Namespaced ? @namespace : null);
        var restarted = false;
        while (true)
        {
            var items = new List<JsonObject>();
            string? continueToken = null;
            try
            {
                while (true)
                {
                    var query = new QueryBuilder().Add("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)).Add("continue", continueToken)
                        .Add("labelSelector", labelSelector).Add("fieldSelector", fieldSelector);
                    var page = await SendAsync(new Request(HttpMethod.Get, CollectionPath(resource, @namespace) + query, description, Retry.Idempotent), notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
                    foreach (var item in (page!["items"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        items.Add(WithType(item, resource));
                    }

                    continueToken = (string?)page["metadata"]?["continue"];
                    if (string.IsNullOrEmpty(continueToken))
                    {
                        // Items are moved out of the page: detach them so they can be used on their own.
                        page["items"] = null;
                        return new ResourceList(items, (string?)page["metadata"]?["resourceVersion"] ?? string.Empty);
                    }

                    page["items"] = null;
                }
            }
            catch (KubeGoneException) when (continueToken is not null && !restarted)
            {
                // The continue token expired (the history was compacted): list again from the start, once.
                restarted = true;
            }
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? resourceVersion, string? labelSelector = null, string? fieldSelector = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var description = DescribeCollection("WATCH", apiVersion, kind, @namespace);
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = DescribeCollection("WATCH", resource.ApiVersion, resource.Kind, resource.Namespaced ? @namespace : null)
            + (string.IsNullOrEmpty(resourceVersion) ? string.Empty : " from resourceVersion " + resourceVersion);
        var query = new QueryBuilder().Add("watch", "true").Add("allowWatchBookmarks", "true").Add("resourceVersion", resourceVersion)
            .Add("labelSelector", labelSelector).Add("fieldSelector", fieldSelector);
        using var response = await OpenStreamAsync(new Request(HttpMethod.Get, CollectionPath(resource, @namespace) + query, description, Retry.Idempotent), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var abort = cancellationToken.Register(response.Dispose);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
            {
                // The connection broke: the stream ends, the caller watches again from the last version it saw.
                yield break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (ReadEvent(line, resource, description) is { } change)
            {
                yield return change;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken cancellationToken = default)
    {
        var (apiVersion, kind, name, ns) = Identify(obj, "create", nameRequired: false);
        var description = Describe("POST", apiVersion, kind, ns, name ?? ((string?)obj["metadata"]?["generateName"] + "*"));
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = Describe("POST", resource, ns, name ?? ((string?)obj["metadata"]?["generateName"] + "*"));
        var created = await SendAsync(new Request(HttpMethod.Post, CollectionPath(resource, ns ?? DefaultNamespace), description, Retry.TooManyRequestsOnly, obj), notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
        return WithType(created!, resource);
    }

    /// <inheritdoc/>
    public async Task<JsonObject> ReplaceAsync(JsonObject obj, string? subresource = null, CancellationToken cancellationToken = default)
    {
        var (apiVersion, kind, name, ns) = Identify(obj, "replace", nameRequired: true);
        var description = Describe("PUT", apiVersion, kind, ns, name!, subresource);
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = Describe("PUT", resource, ns, name!, subresource);
        var replaced = await SendAsync(new Request(HttpMethod.Put, ObjectPath(resource, ns, name!, subresource), description, Retry.Idempotent, obj), notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
        return WithType(replaced!, resource);
    }

    /// <inheritdoc/>
    public async Task<JsonObject> ApplyAsync(JsonObject obj, ApplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ApplyOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.FieldManager, nameof(options));
        var (apiVersion, kind, name, ns) = Identify(obj, "apply", nameRequired: true);
        var how = " (apply as " + options.FieldManager + (options.Force ? ", force" : string.Empty) + ")";
        var description = Describe("PATCH", apiVersion, kind, ns, name!, options.Subresource) + how;
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = Describe("PATCH", resource, ns, name!, options.Subresource) + how;

        // The server refuses an apply that carries managedFields (as an object read back does).
        JsonNode body = obj;
        if (obj["metadata"] is JsonObject metadata && metadata.ContainsKey("managedFields"))
        {
            var copy = (JsonObject)obj.DeepClone();
            ((JsonObject)copy["metadata"]!).Remove("managedFields");
            body = copy;
        }

        var query = new QueryBuilder().Add("fieldManager", options.FieldManager).Add("force", options.Force ? "true" : null);
        var applied = await SendAsync(
            new Request(HttpMethod.Patch, ObjectPath(resource, ns, name!, options.Subresource) + query, description, Retry.Idempotent, body, "application/apply-patch+yaml"),
            notFoundIsNull: false,
            cancellationToken).ConfigureAwait(false);
        return WithType(applied!, resource);
    }

    /// <inheritdoc/>
    public async Task<JsonObject> PatchAsync(string apiVersion, string kind, string name, string? @namespace, PatchKind patchKind, JsonNode patch, string? subresource = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(patch);
        var contentType = patchKind switch
        {
            PatchKind.Merge => "application/merge-patch+json",
            PatchKind.Json => "application/json-patch+json",
            PatchKind.StrategicMerge => "application/strategic-merge-patch+json",
            _ => throw new ArgumentOutOfRangeException(nameof(patchKind), patchKind, "not a patch kind"),
        };
        var description = Describe("PATCH", apiVersion, kind, @namespace, name, subresource);
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = Describe("PATCH", resource, @namespace, name, subresource);
        var patched = await SendAsync(new Request(HttpMethod.Patch, ObjectPath(resource, @namespace, name, subresource), description, Retry.TooManyRequestsOnly, patch, contentType), notFoundIsNull: false, cancellationToken).ConfigureAwait(false);
        return WithType(patched!, resource);
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string apiVersion, string kind, string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        options ??= new DeleteOptions();
        var description = Describe("DELETE", apiVersion, kind, @namespace, name);
        var resource = await ResolveAsync(apiVersion, kind, description, cancellationToken).ConfigureAwait(false);
        description = Describe("DELETE", resource, @namespace, name);
        var body = new JsonObject
        {
            ["kind"] = "DeleteOptions",
            ["apiVersion"] = "v1",
            ["propagationPolicy"] = options.Propagation.ToString(),
        };
        if (options.Uid is not null || options.ResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.Uid is not null)
            {
                preconditions["uid"] = options.Uid;
            }

            if (options.ResourceVersion is not null)
            {
                preconditions["resourceVersion"] = options.ResourceVersion;
            }

            body["preconditions"] = preconditions;
        }

        var answer = await SendAsync(new Request(HttpMethod.Delete, ObjectPath(resource, @namespace, name, null), description, Retry.Idempotent, body), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        return answer is not null;
    }

    /// <inheritdoc/>
    public async Task<T?> GetAsync<T>(string name, string? @namespace, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider
    {
        var obj = await GetAsync(T.ResourceType.ApiVersion, T.ResourceType.Kind, name, @namespace, cancellationToken).ConfigureAwait(false);
        return obj is null ? null : KubeJson.Deserialize<T>(obj);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider
    {
        var list = await ListAsync(T.ResourceType.ApiVersion, T.ResourceType.Kind, @namespace, labelSelector, null, cancellationToken).ConfigureAwait(false);
        return list.Select(KubeJson.Deserialize<T>).ToList();
    }

    /// <inheritdoc/>
    public async Task<T> ApplyAsync<T>(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider
    {
        ArgumentNullException.ThrowIfNull(obj);
        var applied = await ApplyAsync(KubeJson.Serialize(obj), options, cancellationToken).ConfigureAwait(false);
        return KubeJson.Deserialize<T>(applied);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync<T>(string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider =>
        DeleteAsync(T.ResourceType.ApiVersion, T.ResourceType.Kind, name, @namespace, options, cancellationToken);

    /// <summary>Closes the client's connections (open watches end).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _http.Dispose();
        _credentials.Dispose();
        if (_roots is not null)
        {
            foreach (var root in _roots)
            {
                root.Dispose();
            }
        }
    }

    private WatchEvent? ReadEvent(string line, ApiResource resource, string description)
    {
        JsonObject change;
        try
        {
            change = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{description}: the API server {ServerText} sent a watch event that is not JSON ({ex.Message}): {(line.Length > 200 ? line[..200] + "…" : line)}", ex);
        }

        var obj = change["object"] as JsonObject ?? [];
        var type = (string?)change["type"];
        if (type == "ERROR")
        {
            var status = ApiStatusReader.FromStatus(obj, 500);
            throw KubeApiException.Create(status, description);
        }

        WatchEventType? eventType = type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            _ => null,
        };
        change["object"] = null;
        return eventType is { } known ? new WatchEvent(known, WithType(obj, resource)) : null;
    }

    // Sets apiVersion and kind, which list items omit.
    private static JsonObject WithType(JsonObject obj, ApiResource resource)
    {
        if (obj["apiVersion"] is null)
        {
            obj["apiVersion"] = resource.ApiVersion;
        }

        if (obj["kind"] is null)
        {
            obj["kind"] = resource.Kind;
        }

        return obj;
    }

    private (string ApiVersion, string Kind, string? Name, string? Namespace) Identify(JsonObject obj, string verb, bool nameRequired)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = obj["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var av) && av.Length > 0 ? av
            : throw new ArgumentException($"cannot {verb} an object without apiVersion: {Excerpt(obj)}", nameof(obj));
        var kind = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var kv) && kv.Length > 0 ? kv
            : throw new ArgumentException($"cannot {verb} an object without kind: {Excerpt(obj)}", nameof(obj));
        var name = obj["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var nv) && nv.Length > 0 ? nv : null;
        if (name is null && nameRequired)
        {
            throw new ArgumentException($"cannot {verb} a {kind} without metadata.name", nameof(obj));
        }

        var ns = obj["metadata"]?["namespace"] is JsonValue s && s.TryGetValue<string>(out var sv) && sv.Length > 0 ? sv : null;
        return (apiVersion, kind, name, ns);
    }

    private static string Excerpt(JsonObject obj)
    {
        var text = obj.ToJsonString();
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private static string Prefix(ApiResource resource) =>
        (resource.Group.Length == 0 ? "api/" : "apis/") + resource.ApiVersion + "/";

    private string CollectionPath(ApiResource resource, string? @namespace) =>
        Prefix(resource) + (resource.Namespaced && @namespace is not null ? "namespaces/" + Uri.EscapeDataString(@namespace) + "/" : string.Empty) + resource.Plural;

    private string ObjectPath(ApiResource resource, string? @namespace, string name, string? subresource) =>
        Prefix(resource)
        + (resource.Namespaced ? "namespaces/" + Uri.EscapeDataString(@namespace ?? DefaultNamespace) + "/" : string.Empty)
        + resource.Plural + "/" + Uri.EscapeDataString(name)
        + (string.IsNullOrEmpty(subresource) ? string.Empty : "/" + Uri.EscapeDataString(subresource));

    private string Describe(string verb, ApiResource resource, string? @namespace, string name, string? subresource = null) =>
        verb + " " + resource.ApiVersion + " " + resource.Kind + " " + (resource.Namespaced ? (@namespace ?? DefaultNamespace) + "/" : string.Empty) + name
        + (string.IsNullOrEmpty(subresource) ? string.Empty : " (" + subresource + ")");

    private string Describe(string verb, string apiVersion, string kind, string? @namespace, string name, string? subresource = null) =>
        verb + " " + apiVersion + " " + kind + " " + (@namespace ?? DefaultNamespace) + "/" + name
        + (string.IsNullOrEmpty(subresource) ? string.Empty : " (" + subresource + ")");

    private static string DescribeCollection(string verb, string apiVersion, string kind, string? @namespace) =>
        verb + " " + apiVersion + " " + kind + (@namespace is null ? " in all namespaces" : " in " + @namespace);

    /// <summary>A query string of the parameters that have a value.</summary>
    private sealed class QueryBuilder
    {
        private readonly StringBuilder _text = new();

        public QueryBuilder Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }

            return this;
        }

        public override string ToString() => _text.ToString();
    }
}
