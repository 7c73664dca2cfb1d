using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Testing.Persistence;

namespace Orkestra.Testing.Server;

/// <summary>What a write decided to do with the object it was given (null when absent).</summary>
internal abstract record Mutation
{
    /// <summary>Leave the object as it is; <see cref="Result"/> is what the request answers.</summary>
    public sealed record Keep(JsonObject? Result) : Mutation;

    /// <summary>Store <see cref="Next"/> (the store sets its resourceVersion).</summary>
    public sealed record Put(JsonObject Next) : Mutation;

    /// <summary>Remove the object for good.</summary>
    public sealed record Remove : Mutation;
}

/// <summary>The outcome of a write: the object answered, and whether it was stored or removed.</summary>
internal sealed record WriteResult(JsonObject? Object, bool Changed, bool Removed);

/// <summary>
/// The in-memory object store: every object of every resource, one global resourceVersion counter, and the watch
/// history. One lock orders all writes, so resourceVersions and watch events follow the order writes happened in.
/// Stored objects are never mutated once stored: readers may keep them, writers build new ones.
/// With a <see cref="WriteAheadLog"/>, the store starts from the recovered state, each change is queued to the log
/// under the lock (so the log is in resourceVersion order), and a write returns only once its change is on disk:
/// it waits for the log's group commit after leaving the lock, so the flush never holds up other writers.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _resources = new(StringComparer.Ordinal);
    private readonly WatchHub _hub;
    private readonly WriteAheadLog? _log;
    private long _version;

    public ObjectStore(int historySize, WriteAheadLog? log = null)
    {
        _hub = new WatchHub(historySize);
        _log = log;
        if (log is null)
        {
            return;
        }
        foreach (var record in log.Recovered)
        {
            Objects(record.Resource)[Key(record.Namespace, record.Name)] = record.Object!;
        }
        _version = log.RecoveredVersion;

        // The watch history starts empty: a watch from before the restart gets 410 Gone and lists again.
        _hub.Compact(_version);
        log.Start(Capture);
    }

    /// <summary>The data directory's log, when the state is persisted.</summary>
    public WriteAheadLog? Log => _log;

    public long CurrentVersion
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public long CompactedVersion
    {
        get
        {
            lock (_gate)
            {
                return _hub.CompactedVersion;
            }
        }
    }

    public JsonObject? Get(string storageKey, string ns, string name)
    {
        lock (_gate)
        {
            return _resources.TryGetValue(storageKey, out var objects) && objects.TryGetValue(Key(ns, name), out var obj) ? obj : null;
        }
    }

    /// <summary>The objects of a resource (in one namespace, or all when <paramref name="ns"/> is null), ordered by namespace and name.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(string storageKey, string? ns)
    {
        lock (_gate)
        {
            return (Select(storageKey, ns).ToList(), _version);
        }
    }

    /// <summary>Every stored object of every resource, with its storage key.</summary>
    public IReadOnlyList<(string StorageKey, JsonObject Object)> All()
    {
        lock (_gate)
        {
            return _resources.SelectMany(r => r.Value.Values.Select(o => (r.Key, o))).ToList();
        }
    }

    /// <summary>
    /// Reads, decides and writes one object atomically: <paramref name="decide"/> runs under the store lock with the
    /// current object (or null) and may throw an <see cref="ApiException"/> to refuse the write.
    /// </summary>
    public WriteResult Write(string storageKey, string ns, string name, Func<JsonObject?, Mutation> decide)
    {
        Task? durable = null;
        WriteResult result;
        lock (_gate)
        {
            if (_log?.Failure is { } failure)
            {
                throw new ApiException(500, "InternalError", "the server cannot store changes: " + failure.Message);
            }
            var objects = Objects(storageKey);
            var key = Key(ns, name);
            var current = objects.GetValueOrDefault(key);
            switch (decide(current))
            {
                case Mutation.Put put:
                    var next = put.Next;
                    ObjectMeta.Metadata(next)["resourceVersion"] = NextVersion();
                    objects[key] = next;
                    _hub.Publish(new WatchEvent(_version, current is null ? "ADDED" : "MODIFIED", storageKey, next, current));
                    durable = _log?.Append(new LogRecord(_version, storageKey, ns, name, next));
                    result = new WriteResult(next, Changed: true, Removed: false);
                    break;
                case Mutation.Remove when current is not null:
                    objects.Remove(key);
                    var final = (JsonObject)current.DeepClone();
                    ObjectMeta.Metadata(final)["resourceVersion"] = NextVersion();
                    _hub.Publish(new WatchEvent(_version, "DELETED", storageKey, final, current));
                    durable = _log?.Append(new LogRecord(_version, storageKey, ns, name, null));
                    result = new WriteResult(final, Changed: true, Removed: true);
                    break;
                case Mutation.Keep keep:
                    return new WriteResult(keep.Result, Changed: false, Removed: false);
                default:
                    return new WriteResult(current, Changed: false, Removed: false);
            }
        }

        // Acknowledged only once on disk; the lock is free meanwhile, so concurrent writes join the same flush.
        if (durable is not null)
        {
            try
            {
                durable.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not ApiException)
            {
                throw new ApiException(500, "InternalError", "the change could not be stored: " + e.Message);
            }
        }
        return result;
    }

    /// <summary>Commits what the log has queued, writes its snapshot and releases the data directory (no-op in memory).</summary>
    public void Dispose() => _log?.Dispose();

    /// <summary>
    /// Opens a watch on a resource. From a version: the retained events after it, then live ones (410 Gone when the
    /// version is older than the history). Without one: a synthetic ADDED for each current object, then live ones.
    /// </summary>
    public WatchSubscription Watch(string storageKey, long? fromVersion)
    {
        lock (_gate)
        {
            IEnumerable<WatchEvent> initial;
            if (fromVersion is { } version)
            {
                if (version < _hub.CompactedVersion)
                {
                    throw StatusErrors.Gone($"too old resource version: {version} ({_hub.CompactedVersion + 1})");
                }
                initial = _hub.Since(storageKey, version).ToList();
            }
            else
            {
                initial = Select(storageKey, null).Select(o => new WatchEvent(ObjectMeta.ResourceVersion(o), "ADDED", storageKey, o, null)).ToList();
            }
            var subscription = new WatchSubscription(storageKey, initial, Unsubscribe);
            _hub.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Drops the watch history: every watch or continue token from an earlier version then gets 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _hub.Compact(_version);
        }
    }

    /// <summary>Ends the open watches: all of them, or those on one resource.</summary>
    public void CloseWatches(string? storageKey = null)
    {
        lock (_gate)
        {
            _hub.CloseAll(storageKey);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _hub.Remove(subscription);
        }
    }

    private IEnumerable<JsonObject> Select(string storageKey, string? ns)
    {
        if (!_resources.TryGetValue(storageKey, out var objects))
        {
            return [];
        }
        return ns is null ? objects.Values : objects.Where(p => p.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(p => p.Value);
    }

    private SortedDictionary<string, JsonObject> Objects(string storageKey)
    {
        if (!_resources.TryGetValue(storageKey, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _resources[storageKey] = objects;
        }
        return objects;
    }

    // The whole state at one instant, for the log's snapshot; atomically runs the log's hand-over of its queue.
    private StoreSnapshot Capture(Action atomically)
    {
        lock (_gate)
        {
            var objects = new List<LogRecord>();
            foreach (var (storageKey, items) in _resources)
            {
                foreach (var (key, obj) in items)
                {
                    var slash = key.IndexOf('/', StringComparison.Ordinal);
                    objects.Add(new LogRecord(ObjectMeta.ResourceVersion(obj), storageKey, key[..slash], key[(slash + 1)..], obj));
                }
            }
            atomically();
            return new StoreSnapshot(_version, objects);
        }
    }

    private string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);

    private static string Key(string ns, string name) => ns + "/" + name;
}
