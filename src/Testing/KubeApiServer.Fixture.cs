using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Testing;

/// <summary>The test fixture API: apply YAML, read objects back, wait for conditions — over the server's own HTTP.</summary>
public sealed partial class KubeApiServer
{
    /// <summary>The field manager of <see cref="ApplyAsync"/>.</summary>
    public const string FixtureFieldManager = "orkestra-testing";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private HttpClient? _fixtureClient;

    private HttpClient FixtureClient => _fixtureClient ??= CreateHttpClient();

    /// <summary>
    /// An <see cref="HttpClient"/> for this server: its base address, its CA trusted (and nothing else) over HTTPS, and
    /// the kubeconfig user's credentials (token or client certificate). The caller disposes it.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler();
        if (_authority is { } authority)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is X509Certificate2 leaf && authority.Issued(leaf);
            if (_options.ClientCertificates)
            {
                handler.SslOptions.ClientCertificates = [authority.IssueClientCertificate(ContextName, ["system:masters"])];
            }
        }

        var client = new HttpClient(handler) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(100) };
        if (_options.Token is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// Applies every object of a YAML text (one or more <c>---</c> documents, or a <c>kind: List</c>) with server-side
    /// apply, in order, as <see cref="FixtureFieldManager"/> taking conflicting fields over — what
    /// <c>kubectl apply --server-side --force-conflicts</c> does. A CRD is served as soon as it is applied, so its
    /// custom resources can follow it in the same text.
    /// </summary>
    /// <param name="yaml">The objects.</param>
    /// <param name="defaultNamespace">The namespace of namespaced objects that name none.</param>
    /// <param name="cancellationToken">Cancels the remaining applies.</param>
    /// <returns>The objects as stored.</returns>
    /// <exception cref="FormatException">The YAML does not read (the message has the line and column).</exception>
    /// <exception cref="InvalidOperationException">The server refused an object (the message has its Status message).</exception>
    public async Task<IReadOnlyList<JsonObject>> ApplyAsync(string yaml, string defaultNamespace = "default", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var applied = new List<JsonObject>();
        foreach (var obj in ReadObjects("(yaml)", yaml))
        {
            applied.Add(await ApplyObjectAsync(obj, defaultNamespace, cancellationToken).ConfigureAwait(false));
        }

        return applied;
    }

    /// <summary>Applies the objects of a YAML file, as <see cref="ApplyAsync"/> does.</summary>
    /// <param name="path">The file.</param>
    /// <param name="defaultNamespace">The namespace of namespaced objects that name none.</param>
    /// <param name="cancellationToken">Cancels the remaining applies.</param>
    /// <returns>The objects as stored.</returns>
    public async Task<IReadOnlyList<JsonObject>> ApplyFileAsync(string path, string defaultNamespace = "default", CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var applied = new List<JsonObject>();
        foreach (var obj in ReadObjects(path, text))
        {
            applied.Add(await ApplyObjectAsync(obj, defaultNamespace, cancellationToken).ConfigureAwait(false));
        }

        return applied;
    }

    /// <summary>An object, or null when it does not exist.</summary>
    /// <param name="apiVersion">Its apiVersion (<c>v1</c>, <c>apps/v1</c>, <c>example.com/v1</c>).</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="name">Its name.</param>
    /// <param name="namespace">Its namespace (ignored for cluster-scoped kinds).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string name, string @namespace = "default", CancellationToken cancellationToken = default)
    {
        using var response = await FixtureClient.GetAsync(ObjectPath(apiVersion, kind, @namespace, name), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return await ReadObjectAsync(response, $"get {kind} {name}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until an object exists and satisfies <paramref name="condition"/>, and returns it.</summary>
    /// <param name="apiVersion">Its apiVersion.</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="name">Its name.</param>
    /// <param name="condition">What must hold.</param>
    /// <param name="namespace">Its namespace (ignored for cluster-scoped kinds).</param>
    /// <param name="timeout">How long to wait; 30 s when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The condition did not hold in time (the message shows the object's last state).</exception>
    public async Task<JsonObject> WaitForAsync(string apiVersion, string kind, string name, Func<JsonObject, bool> condition, string @namespace = "default", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultWait;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            // Every wait reads the object at least once, so a timeout always reports its last state, however slow the
            // first request was.
            var last = await GetAsync(apiVersion, kind, name, @namespace, cancellationToken).ConfigureAwait(false);
            if (last is not null && condition(last))
            {
                return last;
            }

            var left = limit - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"{kind} {name} did not reach the condition within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; "
                    + (last is null ? "it does not exist" : "its last state: " + last.ToJsonString()));
            }

            await Task.Delay(left < PollInterval ? left : PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until an object's <c>status.conditions</c> has <paramref name="type"/> with <paramref name="status"/>
    /// (what <c>kubectl wait --for condition=…</c> checks), and returns the object.
    /// </summary>
    /// <param name="apiVersion">Its apiVersion.</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="name">Its name.</param>
    /// <param name="type">The condition type (<c>Ready</c>, <c>Available</c>, <c>Established</c>).</param>
    /// <param name="status">The status it must have.</param>
    /// <param name="namespace">Its namespace (ignored for cluster-scoped kinds).</param>
    /// <param name="timeout">How long to wait; 30 s when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task<JsonObject> WaitForConditionAsync(string apiVersion, string kind, string name, string type, string status = "True", string @namespace = "default", TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForAsync(
            apiVersion,
            kind,
            name,
            obj => obj["status"]?["conditions"] is JsonArray conditions
                && conditions.Any(c => c?["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == status),
            @namespace,
            timeout,
            cancellationToken);

    private async Task<JsonObject> ApplyObjectAsync(JsonObject obj, string defaultNamespace, CancellationToken cancellationToken)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? throw new InvalidOperationException("an object to apply has no apiVersion: " + obj.ToJsonString());
        var kind = obj["kind"]?.GetValue<string>() ?? throw new InvalidOperationException("an object to apply has no kind: " + obj.ToJsonString());
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? throw new InvalidOperationException($"the {kind} to apply has no metadata.name");
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>() ?? defaultNamespace;
        var path = ObjectPath(apiVersion, kind, ns, name) + "?fieldManager=" + FixtureFieldManager + "&force=true";
        using var content = new StringContent(obj.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        using var response = await FixtureClient.PatchAsync(path, content, cancellationToken).ConfigureAwait(false);
        return await ReadObjectAsync(response, $"apply {kind} {name}", cancellationToken).ConfigureAwait(false);
    }

    // The URL path of an object, from the kinds the server serves now (a CRD applied a moment ago included).
    private string ObjectPath(string apiVersion, string kind, string ns, string name)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var type = Objects.Registry.All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Kind == kind)
            ?? throw new InvalidOperationException($"the server does not serve {kind} in {apiVersion}; apply its CustomResourceDefinition first");
        return type.ApiPrefix + (type.Namespaced ? "/namespaces/" + Uri.EscapeDataString(ns) : string.Empty) + "/" + type.Plural + "/" + Uri.EscapeDataString(name);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var parsed = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        if (!response.IsSuccessStatusCode || parsed is null)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {parsed?["message"]?.GetValue<string>() ?? body}");
        }

        return parsed;
    }

    // The objects of a YAML text: each document, and the items of a List.
    private static IEnumerable<JsonObject> ReadObjects(string path, string text)
    {
        var file = YamlReader.Read(path, text);
        if (file.Diagnostics.FirstOrDefault(d => d.Severity == Diagnostics.DiagnosticSeverity.Error) is { } error)
        {
            throw new FormatException($"{path}({error.Location.Line},{error.Location.Column}): {error.Message}");
        }

        foreach (var document in file.Documents)
        {
            switch (YamlValues.ToJson(document))
            {
                case JsonObject { } list when list["kind"]?.GetValue<string>() is "List" && list["items"] is JsonArray items:
                    foreach (var item in items.OfType<JsonObject>())
                    {
                        yield return (JsonObject)item.DeepClone();
                    }

                    break;
                case JsonObject obj:
                    yield return obj;
                    break;
                case null:
                    break;
                default:
                    throw new FormatException($"{path}({document.Location.Line},{document.Location.Column}): a document is not an object");
            }
        }
    }
}
