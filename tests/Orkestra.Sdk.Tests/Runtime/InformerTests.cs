using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Testing;

namespace Orkestra.Sdk.Tests.Runtime;

public class InformerTests
{
    [Fact]
    public async Task The_first_list_fills_the_cache_and_reports_every_object_as_added()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyAsync(ConfigMap("a", "default") + "---\n" + ConfigMap("b", "default") + "---\n" + ConfigMap("c", "kube-system"));
        using var client = Client(server);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { LabelSelector = "test=informer" }, new RecordingLogger()));

        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        Assert.True(run.Informer.HasSynced);
        Assert.Equal(3, run.Informer.Count);
        Assert.NotNull(run.Informer.LastSyncResourceVersion);
        await Until(() => run.Events.Count == 3);
        Assert.All(run.Events.Snapshot(), e => Assert.Equal(InformerEventType.Added, e.Type));
        Assert.Equal(["default/a", "default/b", "kube-system/c"], run.Events.Snapshot().Select(e => Informer.KeyOf(e.Object)).Order());

        var a = run.Informer.Get("default", "a");
        Assert.NotNull(a);
        Assert.Equal("1", (string?)a["data"]?["value"]);
        Assert.Null(a["metadata"]?["managedFields"]);
        Assert.Null(run.Informer.Get("default", "c"));
        Assert.Equal(3, run.Informer.List().Count);
    }

    [Fact]
    public async Task A_namespace_and_a_field_selector_narrow_the_cache()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyAsync(ConfigMap("a", "default") + "---\n" + ConfigMap("b", "default") + "---\n" + ConfigMap("a", "kube-system"));
        using var client = Client(server);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default", FieldSelector = "metadata.name=a" }, new RecordingLogger()));

        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        Assert.Equal(1, run.Informer.Count);
        Assert.NotNull(run.Informer.Get("default", "a"));
    }

    [Fact]
    public async Task Creates_updates_and_deletes_are_reported_in_order()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, new RecordingLogger()));
        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        var before = run.Events.Count;

        await server.ApplyAsync(ConfigMap("a", "default", "1"));
        await server.ApplyAsync(ConfigMap("a", "default", "2"));
        await client.DeleteAsync("v1", "ConfigMap", "a", "default");

        await Until(() => run.Events.Count == before + 3);
        var events = run.Events.Snapshot().Skip(before).ToList();
        Assert.Equal([InformerEventType.Added, InformerEventType.Updated, InformerEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("1", (string?)events[0].Object["data"]?["value"]);
        Assert.Equal("2", (string?)events[1].Object["data"]?["value"]);
        Assert.Equal("1", (string?)events[1].OldObject?["data"]?["value"]);
        Assert.Equal("2", (string?)events[2].Object["data"]?["value"]);
        Assert.All(events, e => Assert.Null(e.Object["metadata"]?["managedFields"]));
        Assert.Null(run.Informer.Get("default", "a"));
        Assert.Equal(0, run.Informer.Count);
    }

    [Fact]
    public async Task The_owner_index_follows_owner_references()
    {
        await using var server = await KubeApiServer.StartAsync();
        var owner = (await server.ApplyAsync(ConfigMap("owner", "default")))[0];
        var uid = (string)owner["metadata"]!["uid"]!;
        using var client = Client(server);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, new RecordingLogger()));
        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);

        await server.ApplyAsync(Owned("child-1", uid) + "---\n" + Owned("child-2", uid));
        await Until(() => run.Informer.ByOwner(uid).Count == 2);
        Assert.Equal(["child-1", "child-2"], run.Informer.ByOwner(uid).Select(o => (string?)o["metadata"]?["name"]).Order());
        Assert.Empty(run.Informer.ByOwner("no-such-uid"));

        await client.DeleteAsync("v1", "ConfigMap", "child-1", "default");
        await Until(() => run.Informer.ByOwner(uid).Count == 1);
        Assert.Equal("child-2", (string?)run.Informer.ByOwner(uid)[0]["metadata"]?["name"]);
    }

    [Fact]
    public async Task Dropped_watches_are_resumed_without_losing_events()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var inner = Client(server);
        var client = new GatedClient(inner);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, new RecordingLogger()), client);
        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);

        for (var i = 0; i < 3; i++)
        {
            // Once the informer has an object applied now, its watch is open: the drop ends it.
            await server.ApplyAsync(ConfigMap("before-" + i, "default"));
            await Until(() => run.Informer.Get("default", "before-" + i) is not null);
            var watches = client.Watches;
            server.DropWatches();
            await server.ApplyAsync(ConfigMap("after-" + i, "default"));
            await Until(() => run.Informer.Get("default", "after-" + i) is not null && client.Watches > watches);
        }

        Assert.Equal(6, run.Informer.Count);
        Assert.Equal(6, run.Events.Snapshot().Count(e => e.Type == InformerEventType.Added));
        Assert.Equal(1, client.Lists);
    }

    [Fact]
    public async Task A_compacted_history_makes_it_list_again_and_report_what_it_missed()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyAsync(ConfigMap("kept", "default") + "---\n" + ConfigMap("changed", "default", "1") + "---\n" + ConfigMap("deleted", "default"));
        using var inner = Client(server);
        var client = new GatedClient(inner);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, new RecordingLogger()), client);
        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        await server.ApplyAsync(ConfigMap("watched", "default"));
        await Until(() => run.Events.Count == 4);

        // The informer is not watching while objects change and the history is compacted: its next watch gets 410.
        client.CloseGate();
        server.DropWatches();
        await Until(() => client.WaitingAtGate == 1);
        await inner.DeleteAsync("v1", "ConfigMap", "deleted", "default");
        await server.ApplyAsync(ConfigMap("changed", "default", "2") + "---\n" + ConfigMap("created", "default"));
        server.CompactHistory();
        client.OpenGate();

        await Until(() => run.Informer.Count == 4 && run.Informer.Get("default", "created") is not null);
        Assert.Equal(2, client.Lists);
        var missed = run.Events.Snapshot().Skip(4).ToList();
        Assert.Equal(3, missed.Count);
        Assert.Contains(missed, e => e.Type == InformerEventType.Deleted && (string?)e.Object["metadata"]?["name"] == "deleted");
        Assert.Contains(missed, e => e.Type == InformerEventType.Added && (string?)e.Object["metadata"]?["name"] == "created");
        Assert.Contains(missed, e => e.Type == InformerEventType.Updated && (string?)e.Object["data"]?["value"] == "2" && (string?)e.OldObject?["data"]?["value"] == "1");
        Assert.DoesNotContain(missed, e => (string?)e.Object["metadata"]?["name"] is "kept" or "watched");

        // And it watches on from the new list.
        await server.ApplyAsync(ConfigMap("later", "default"));
        await Until(() => run.Informer.Get("default", "later") is not null);
    }

    [Fact]
    public async Task Bookmarks_advance_the_resource_version_without_events()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(50) });
        using var client = Client(server);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, new RecordingLogger()));
        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);

        var elsewhere = (await server.ApplyAsync(ConfigMap("elsewhere", "kube-system")))[0];
        var version = long.Parse((string)elsewhere["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
        await Until(() => long.Parse(run.Informer.LastSyncResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) >= version);
        Assert.Equal(0, run.Events.Count);
        Assert.Equal(0, run.Informer.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_and_logged()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyAsync(ConfigMap("a", "default"));
        using var client = Client(server);
        var logger = new RecordingLogger();
        server.FailNextRequests(2, HttpStatusCode.InternalServerError);
        var started = Stopwatch.StartNew();
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, logger));

        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(550), $"synced after {started.Elapsed.TotalMilliseconds} ms"); // 200 + 400 ms
        Assert.Equal(2, logger.Count(LogLevel.Warning));
        Assert.Equal(1, run.Informer.Count);

        // A burst while watching: the watch is dropped and the re-watches fail, then it carries on. (An event seen
        // first proves the watch is open: one still on its way to the server would outlive the drop.)
        await server.ApplyAsync(ConfigMap("seen", "default"));
        await Until(() => run.Informer.Get("default", "seen") is not null);
        server.FailNextRequests(3, HttpStatusCode.ServiceUnavailable);
        server.DropWatches();
        await Until(() => logger.Count(LogLevel.Warning) == 5);
        await server.ApplyAsync(ConfigMap("b", "default"));
        await Until(() => run.Informer.Get("default", "b") is not null);
        Assert.False(run.Task.IsCompleted);
    }

    [Fact]
    public async Task A_restarted_server_is_watched_again()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        await using var run = Run(new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, new RecordingLogger()));
        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);

        await server.RestartAsync();
        await server.ApplyAsync(ConfigMap("a", "default"));
        await Until(() => run.Informer.Get("default", "a") is not null);
    }

    [Fact]
    public async Task A_kind_not_served_yet_is_watched_once_its_crd_is_installed()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        var logger = new RecordingLogger();
        await using var run = Run(new Informer(client, "demo.orkestra.io/v1", "Website", new InformerOptions { Namespace = "default" }, logger));

        await Until(() => logger.Count(LogLevel.Warning) >= 1);
        Assert.False(run.Informer.HasSynced);
        await server.ApplyFileAsync(Path.Combine(RepositoryRoot(), "examples", "website", "crd.yaml"));
        await server.ApplyAsync("""
            apiVersion: demo.orkestra.io/v1
            kind: Website
            metadata: {name: home, namespace: default}
            spec: {image: nginx}
            """);

        await run.Informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        await Until(() => run.Informer.Get("default", "home") is not null);
        Assert.Contains(run.Events.Snapshot(), e => e.Type == InformerEventType.Added && (string?)e.Object["metadata"]?["name"] == "home");
    }

    [Fact]
    public async Task A_throwing_handler_is_logged_and_the_others_still_run()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        var logger = new RecordingLogger();
        var informer = new Informer(client, "v1", "ConfigMap", new InformerOptions { Namespace = "default" }, logger);
        informer.Changed += _ => throw new InvalidOperationException("boom");
        await using var run = Run(informer);
        await informer.WaitForSyncAsync().WaitAsync(WaitLimit);

        await server.ApplyAsync(ConfigMap("a", "default"));
        await server.ApplyAsync(ConfigMap("b", "default"));
        await Until(() => run.Events.Count == 2);
        Assert.Equal(2, logger.Count(LogLevel.Error));
        Assert.False(run.Task.IsCompleted);
    }

    [Fact]
    public async Task Cancelling_stops_the_run_cleanly()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = Client(server);
        var informer = new Informer(client, "v1", "ConfigMap", null, new RecordingLogger());
        using var cts = new CancellationTokenSource();
        var task = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync().WaitAsync(WaitLimit);
        await Assert.ThrowsAsync<InvalidOperationException>(() => informer.RunAsync(CancellationToken.None));

        await cts.CancelAsync();
        await task.WaitAsync(WaitLimit);
        Assert.True(task.IsCompletedSuccessfully);
    }

    internal static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    internal static KubeClient Client(KubeApiServer server, int maxRetries = 0) =>
        new(new ClusterConnection("test", server.Url, null), new KubeClientOptions { MaxRetries = maxRetries, Qps = 0 });

    internal static async Task Until(Func<bool> condition, TimeSpan? timeout = null)
    {
        var started = Stopwatch.StartNew();
        while (!condition())
        {
            if (started.Elapsed > (timeout ?? WaitLimit))
            {
                throw new TimeoutException("the condition did not hold in time");
            }

            await Task.Delay(10);
        }
    }

    private static string ConfigMap(string name, string ns, string value = "1") => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {test: informer}
        data:
          value: "{{value}}"

        """;

    private static string Owned(string name, string uid) => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{name}}
          namespace: default
          ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: {{uid}}}]

        """;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orkestra.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static Running Run(Informer informer, GatedClient? client = null)
    {
        var events = new EventLog();
        informer.Changed += events.Add;
        var cts = new CancellationTokenSource();
        return new Running(informer, informer.RunAsync(cts.Token), cts, events, client);
    }

    /// <summary>A running informer and what it reported; disposing it stops the informer.</summary>
    private sealed record Running(Informer Informer, Task Task, CancellationTokenSource Stop, EventLog Events, GatedClient? Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client?.OpenGate();
            await Stop.CancelAsync();
            await Task.WaitAsync(WaitLimit);
            Stop.Dispose();
        }
    }

    private sealed class EventLog
    {
        private readonly List<InformerEvent> _events = [];

        public int Count
        {
            get
            {
                lock (_events)
                {
                    return _events.Count;
                }
            }
        }

        public void Add(InformerEvent change)
        {
            lock (_events)
            {
                _events.Add(change);
            }
        }

        public List<InformerEvent> Snapshot()
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The real client, counting lists and watches, with a gate that holds new watches back.</summary>
    private sealed class GatedClient(IKubeClient inner) : IKubeClient
    {
        private TaskCompletionSource _gate = Opened();
        private int _waiting;
        private int _lists;
        private int _watches;

        public int WaitingAtGate => Volatile.Read(ref _waiting);

        public int Lists => Volatile.Read(ref _lists);

        public int Watches => Volatile.Read(ref _watches);

        public void CloseGate() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OpenGate() => _gate.TrySetResult();

        public Task<ApiResource?> FindResourceAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) => inner.FindResourceAsync(apiVersion, kind, cancellationToken);

        public Task<JsonObject?> GetAsync(string apiVersion, string kind, string name, string? @namespace, CancellationToken cancellationToken = default) => inner.GetAsync(apiVersion, kind, name, @namespace, cancellationToken);

        public Task<ResourceList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _lists);
            return inner.ListAsync(apiVersion, kind, @namespace, labelSelector, fieldSelector, cancellationToken);
        }

        public async IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? resourceVersion, string? labelSelector = null, string? fieldSelector = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }

            Interlocked.Increment(ref _watches);
            await foreach (var change in inner.WatchAsync(apiVersion, kind, @namespace, resourceVersion, labelSelector, fieldSelector, cancellationToken))
            {
                yield return change;
            }
        }

        public Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken cancellationToken = default) => inner.CreateAsync(obj, cancellationToken);

        public Task<JsonObject> ReplaceAsync(JsonObject obj, string? subresource = null, CancellationToken cancellationToken = default) => inner.ReplaceAsync(obj, subresource, cancellationToken);

        public Task<JsonObject> ApplyAsync(JsonObject obj, ApplyOptions? options = null, CancellationToken cancellationToken = default) => inner.ApplyAsync(obj, options, cancellationToken);

        public Task<JsonObject> PatchAsync(string apiVersion, string kind, string name, string? @namespace, PatchKind patchKind, JsonNode patch, string? subresource = null, CancellationToken cancellationToken = default) =>
            inner.PatchAsync(apiVersion, kind, name, @namespace, patchKind, patch, subresource, cancellationToken);

        public Task<bool> DeleteAsync(string apiVersion, string kind, string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(apiVersion, kind, name, @namespace, options, cancellationToken);

        public Task<T?> GetAsync<T>(string name, string? @namespace, CancellationToken cancellationToken = default)
            where T : class, ICustomResource, IResourceTypeProvider => inner.GetAsync<T>(name, @namespace, cancellationToken);

        public Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
            where T : class, ICustomResource, IResourceTypeProvider => inner.ListAsync<T>(@namespace, labelSelector, cancellationToken);

        public Task<T> ApplyAsync<T>(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default)
            where T : class, ICustomResource, IResourceTypeProvider => inner.ApplyAsync(obj, options, cancellationToken);

        public Task<bool> DeleteAsync<T>(string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default)
            where T : class, ICustomResource, IResourceTypeProvider => inner.DeleteAsync<T>(name, @namespace, options, cancellationToken);

        private static TaskCompletionSource Opened()
        {
            var opened = new TaskCompletionSource();
            opened.SetResult();
            return opened;
        }
    }
}

/// <summary>A logger that keeps what was logged, for assertions.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public int Count(LogLevel level) => Entries.Count(e => e.Level == level);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
