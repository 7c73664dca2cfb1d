using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Orkestra.Testing.Server;

/// <summary>One change of one object. <see cref="Previous"/> is the object before a MODIFIED or DELETED change.</summary>
internal sealed record WatchEvent(long ResourceVersion, string Type, string StorageKey, JsonObject Object, JsonObject? Previous);

/// <summary>
/// The retained history of changes and the open watches. Not thread-safe by itself: <see cref="ObjectStore"/> calls
/// it under its lock, which is what puts every event in resourceVersion order for every watcher.
/// </summary>
internal sealed class WatchHub(int historySize)
{
    private readonly Queue<WatchEvent> _history = new();
    private readonly Dictionary<string, List<WatchSubscription>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>The newest resourceVersion no longer in the history: a watch from an older version gets 410 Gone.</summary>
    public long CompactedVersion { get; private set; }

    public void Publish(WatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > historySize)
        {
            CompactedVersion = _history.Dequeue().ResourceVersion;
        }
        if (_subscribers.TryGetValue(change.StorageKey, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                subscriber.Deliver(change);
            }
        }
    }

    /// <summary>Forgets the whole history, as etcd compaction does: watches from any earlier version get 410.</summary>
    public void Compact(long currentVersion)
    {
        _history.Clear();
        CompactedVersion = currentVersion;
    }

    public IEnumerable<WatchEvent> Since(string storageKey, long version) =>
        _history.Where(e => e.ResourceVersion > version && e.StorageKey == storageKey);

    public void Add(WatchSubscription subscription)
    {
        if (!_subscribers.TryGetValue(subscription.StorageKey, out var list))
        {
            list = [];
            _subscribers[subscription.StorageKey] = list;
        }
        list.Add(subscription);
    }

    public void Remove(WatchSubscription subscription)
    {
        if (_subscribers.TryGetValue(subscription.StorageKey, out var list))
        {
            list.Remove(subscription);
        }
        subscription.Complete();
    }

    /// <summary>Ends every open watch, or those on one resource (server shutdown, a CRD removed).</summary>
    public void CloseAll(string? storageKey = null)
    {
        foreach (var subscription in _subscribers.Where(p => storageKey is null || p.Key == storageKey).SelectMany(p => p.Value).ToList())
        {
            Remove(subscription);
        }
    }
}

/// <summary>An open watch on one resource: the events to send, in order, starting with the initial ones.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<WatchSubscription> _unsubscribe;

    public WatchSubscription(string storageKey, IEnumerable<WatchEvent> initial, Action<WatchSubscription> unsubscribe)
    {
        StorageKey = storageKey;
        _unsubscribe = unsubscribe;
        foreach (var change in initial)
        {
            _events.Writer.TryWrite(change);
        }
    }

    public string StorageKey { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    public void Deliver(WatchEvent change) => _events.Writer.TryWrite(change);

    public void Complete() => _events.Writer.TryComplete();

    public void Dispose() => _unsubscribe(this);
}
