using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Kubernetes;

namespace Orkestra.Runtime;

/// <summary>
/// A list+watch cache of one kind (controller-runtime's informer and client-go's reflector): <see cref="RunAsync"/>
/// lists, then watches from the list's resourceVersion, watches again when a stream ends, lists again when the version
/// is gone (410), and retries failures (server down, 5xx, a kind not served yet) with exponential backoff. Objects are
/// cached by <c>namespace/name</c> without <c>metadata.managedFields</c>, indexed by owner UID, and every change is
/// reported through <see cref="Changed"/>.
/// </summary>
/// <remarks>
/// The cache holds each object as compact UTF-8 JSON, not as a node tree (a tree costs several times the JSON's size,
/// and one parsed from a watch event keeps the whole event alive). <see cref="Get"/>, <see cref="List"/> and
/// <see cref="ByOwner"/> therefore return a new copy on every call, the caller's to read or edit. The objects of an
/// event are shared by its handlers and must not be mutated. The cache is safe to use from several threads.
/// </remarks>
public sealed class Informer
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private readonly IKubeClient _client;
    private readonly string _apiVersion;
    private readonly string _kind;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Cached> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byOwner = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _lastSyncResourceVersion;
    private int _running;

    /// <summary>Creates an informer; it does nothing until <see cref="RunAsync"/>.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="apiVersion">The kind's apiVersion (<c>v1</c>, <c>example.com/v1</c>).</param>
    /// <param name="kind">The kind (<c>ConfigMap</c>).</param>
    /// <param name="options">Namespace and selectors; every object in every namespace when null.</param>
    /// <param name="logger">Where retries and failing handlers are logged.</param>
    public Informer(IKubeClient client, string apiVersion, string kind, InformerOptions? options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _apiVersion = apiVersion;
        _kind = kind;
        _options = options ?? new InformerOptions();
        _logger = logger;
    }

    /// <summary>
    /// Raised for every change of the cache, on the informer's loop, in order (the next change waits for the handlers).
    /// A handler that throws is logged; the others still run. The objects must not be mutated.
    /// </summary>
    public event Action<InformerEvent>? Changed;

    /// <summary>The kind's apiVersion.</summary>
    public string ApiVersion => _apiVersion;

    /// <summary>The kind.</summary>
    public string Kind => _kind;

    /// <summary>Whether the first list succeeded (the cache holds every object there was then).</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion of the last list or watch event applied (bookmarks included); null before the first list.</summary>
    public string? LastSyncResourceVersion => _lastSyncResourceVersion;

    /// <summary>How many objects the cache holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>Completes once the first list succeeded.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>A copy of a cached object, or null.</summary>
    /// <param name="namespace">Its namespace; null for a cluster-scoped object.</param>
    /// <param name="name">Its name.</param>
    public JsonObject? Get(string? @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = string.IsNullOrEmpty(@namespace) ? name : @namespace + "/" + name;
        lock (_gate)
        {
            return _objects.TryGetValue(key, out var cached) ? cached.Parse() : null;
        }
    }

    /// <summary>Copies of every cached object, in no particular order.</summary>
    public IReadOnlyList<JsonObject> List()
    {
        Cached[] all;
        lock (_gate)
        {
            all = [.. _objects.Values];
        }

        return [.. all.Select(c => c.Parse())];
    }

    /// <summary>The keys (<see cref="KeyOf"/>) of every cached object, in no particular order.</summary>
    public IReadOnlyList<string> Keys()
    {
        lock (_gate)
        {
            return [.. _objects.Keys];
        }
    }

    /// <summary>
    /// Copies of the cached objects with an owner reference to <paramref name="uid"/>, or the
    /// <c>orkestra.io/owner-uid</c> label with that value.
    /// </summary>
    /// <param name="uid">The owner's <c>metadata.uid</c>.</param>
    public IReadOnlyList<JsonObject> ByOwner(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        Cached[] owned;
        lock (_gate)
        {
            owned = _byOwner.TryGetValue(uid, out var keys) ? [.. keys.Select(k => _objects[k])] : [];
        }

        return [.. owned.Select(c => c.Parse())];
    }

    /// <summary>The cache key of an object: <c>namespace/name</c>, or <c>name</c> for a cluster-scoped one.</summary>
    /// <param name="obj">The object.</param>
    public static string KeyOf(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = (string?)obj["metadata"]?["name"] ?? string.Empty;
        var ns = (string?)obj["metadata"]?["namespace"];
        return string.IsNullOrEmpty(ns) ? name : ns + "/" + name;
    }

    // A cache key back to its namespace (null when cluster-scoped) and name.
    internal static (string? Namespace, string Name) SplitKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>
    /// Lists and watches until <paramref name="cancellationToken"/> is cancelled, then returns (without throwing).
    /// Failures are logged and retried, never thrown. One run at a time; a later run keeps the cache and reconciles it
    /// with a fresh list.
    /// </summary>
    /// <param name="cancellationToken">Stops the informer.</param>
    /// <exception cref="InvalidOperationException">The informer is running already.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"the {_kind} informer is running already");
        }

        try
        {
            await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var backoff = InitialBackoff;
        string? version = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    var list = await _client.ListAsync(_apiVersion, _kind, _options.Namespace, _options.LabelSelector, _options.FieldSelector, cancellationToken).ConfigureAwait(false);
                    Replace(list);
                    version = list.ResourceVersion;
                    _lastSyncResourceVersion = version;
                    _synced.TrySetResult();
                    backoff = InitialBackoff;
                }

                var started = Stopwatch.GetTimestamp();
                var events = 0;
                await foreach (var change in _client.WatchAsync(_apiVersion, _kind, _options.Namespace, version, _options.LabelSelector, _options.FieldSelector, cancellationToken).ConfigureAwait(false))
                {
                    events++;
                    backoff = InitialBackoff;
                    if (change.Type != WatchEventType.Bookmark)
                    {
                        Apply(change);
                    }

                    if (change.ResourceVersion is { Length: > 0 } reached)
                    {
                        version = reached;
                        _lastSyncResourceVersion = reached;
                    }
                }

                // The server ended the stream: watch again from the last version seen — at once, unless the stream
                // ended as soon as it began (a server that keeps closing watches must not be hammered).
                if (events == 0 && Stopwatch.GetElapsedTime(started) < ShortWatch)
                {
                    _logger.LogDebug("the watch of {Kind} ended at once; watching again in {Delay} ms", _kind, (int)backoff.TotalMilliseconds);
                    backoff = await DelayAsync(backoff, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubeGoneException)
            {
                _logger.LogInformation("the watch of {Kind} from resourceVersion {Version} is too old (410 Gone); listing again", _kind, version);
                version = null;
            }
            catch (Exception ex)
            {
                _logger.LogWarning("{Verb} of {Kind} {ApiVersion} failed; retrying in {Delay} ms: {Error}", version is null ? "list" : "watch", _kind, _apiVersion, (int)backoff.TotalMilliseconds, ex.Message);
                backoff = await DelayAsync(backoff, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Waits the backoff (with up to 20 % jitter) and returns the next one; returns early when cancelled.
    private static async Task<TimeSpan> DelayAsync(TimeSpan backoff, CancellationToken cancellationToken)
    {
        var jittered = backoff * (1 + (Random.Shared.NextDouble() * 0.2));
        try
        {
            await Task.Delay(jittered, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop sees the cancellation.
        }

        var next = backoff * 2;
        return next > MaxBackoff ? MaxBackoff : next;
    }

    // A list replaces the cache: Added for new keys, Updated for changed versions, Deleted for keys gone.
    private void Replace(ResourceList list)
    {
        var changes = new List<(InformerEventType Type, JsonObject Object, Cached? Old)>();
        var items = list.Select(obj => (Object: Prepare(obj), Cached: Cached.Of(obj))).ToList();
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (obj, cached) in items)
            {
                var key = KeyOf(obj);
                seen.Add(key);
                if (Store(key, cached) is { } type)
                {
                    changes.Add((type.Type, obj, type.Old));
                }
            }

            foreach (var key in _objects.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                changes.Add((InformerEventType.Deleted, Materialized(Remove(key).Parse()), null));
            }
        }

        Notify([.. changes.Select(c => new InformerEvent(c.Type, c.Object, c.Old is null ? null : Materialized(c.Old.Parse())))]);
    }

    private void Apply(WatchEvent change)
    {
        var obj = Prepare(change.Object);
        var key = KeyOf(obj);
        (InformerEventType Type, Cached? Old)? result;
        lock (_gate)
        {
            if (change.Type == WatchEventType.Deleted)
            {
                result = _objects.ContainsKey(key) ? (InformerEventType.Deleted, null) : null;
                if (result is not null)
                {
                    Remove(key);
                }
            }
            else
            {
                result = Store(key, Cached.Of(obj));
            }
        }

        if (result is { } stored)
        {
            Notify([new InformerEvent(stored.Type, obj, stored.Old is null ? null : Materialized(stored.Old.Parse()))]);
        }
    }

    // Caller holds the lock. Null when the object is cached at that version already.
    private (InformerEventType Type, Cached? Old)? Store(string key, Cached obj)
    {
        if (_objects.TryGetValue(key, out var old))
        {
            if (old.ResourceVersion == obj.ResourceVersion)
            {
                return null;
            }

            Unindex(key, old);
            _objects[key] = obj;
            Index(key, obj);
            return (InformerEventType.Updated, old);
        }

        _objects[key] = obj;
        Index(key, obj);
        return (InformerEventType.Added, null);
    }

    // Caller holds the lock.
    private Cached Remove(string key)
    {
        var old = _objects[key];
        _objects.Remove(key);
        Unindex(key, old);
        return old;
    }

    private void Index(string key, Cached obj)
    {
        foreach (var uid in obj.Owners)
        {
            if (!_byOwner.TryGetValue(uid, out var keys))
            {
                keys = new HashSet<string>(StringComparer.Ordinal);
                _byOwner[uid] = keys;
            }

            keys.Add(key);
        }
    }

    private void Unindex(string key, Cached obj)
    {
        foreach (var uid in obj.Owners)
        {
            if (_byOwner.TryGetValue(uid, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                _byOwner.Remove(uid);
            }
        }
    }

    // The owners' UIDs: from owner references, and from the owner-uid label Orkestra puts on children it tracks by
    // label (cluster-scoped ones, or in other namespaces, which cannot carry an owner reference).
    private static string[] OwnerUids(JsonObject obj)
    {
        var references = obj["metadata"]?["ownerReferences"] is JsonArray owners
            ? owners.Select(o => o?["uid"]?.GetValueKind() == JsonValueKind.String ? (string?)o["uid"] : null)
            : [];
        var label = obj["metadata"]?["labels"]?[Resources.SystemMetadata.OwnerUidLabel] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? (string?)value : null;
        return [.. references.Append(label).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    // The object as its event carries it: without managedFields, and fully materialized, so that handlers on other
    // threads never race on System.Text.Json's lazy initialization of nodes parsed from a document.
    private static JsonObject Prepare(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
        }

        return Materialized(obj);
    }

    private static JsonObject Materialized(JsonObject obj)
    {
        Materialize(obj);
        return obj;
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }

    // One cached object: its UTF-8 JSON, and what the cache itself needs without parsing it.
    private sealed class Cached
    {
        private readonly byte[] _json;

        private Cached(byte[] json, string? resourceVersion, string[] owners)
        {
            _json = json;
            ResourceVersion = resourceVersion;
            Owners = owners;
        }

        public string? ResourceVersion { get; }

        public string[] Owners { get; }

        public static Cached Of(JsonObject obj)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                obj.WriteTo(writer);
            }

            return new Cached(buffer.WrittenSpan.ToArray(), (string?)obj["metadata"]?["resourceVersion"], OwnerUids(obj));
        }

        public JsonObject Parse() => (JsonObject)JsonNode.Parse(_json)!;
    }

    private void Notify(List<InformerEvent> changes)
    {
        if (changes.Count == 0 || Changed is not { } handlers)
        {
            return;
        }

        var list = handlers.GetInvocationList();
        foreach (var change in changes)
        {
            foreach (var handler in list)
            {
                try
                {
                    ((Action<InformerEvent>)handler)(change);
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "a handler of the {Kind} informer failed on {Type} {Key}", _kind, change.Type, KeyOf(change.Object));
                }
            }
        }
    }
}
