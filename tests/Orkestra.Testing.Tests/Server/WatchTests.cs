using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class WatchTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact(Timeout = 30_000)]
    public async Task Without_a_version_a_watch_starts_with_the_current_objects_then_goes_live()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("existing").ToJsonString());
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true");
        var first = await watch.NextAsync();
        Assert.Equal("ADDED", (string?)first["type"]);
        Assert.Equal("existing", (string?)first["object"]!["metadata"]!["name"]);

        await server.PatchAsync($"{ConfigMaps}/existing", "application/merge-patch+json", """{"data":{"a":"b"}}""");
        await server.DeleteAsync($"{ConfigMaps}/existing");
        Assert.Equal("MODIFIED", (string?)(await watch.NextAsync())["type"]);
        var deleted = await watch.NextAsync();
        Assert.Equal("DELETED", (string?)deleted["type"]);
        Assert.Equal("ConfigMap", (string?)deleted["object"]!["kind"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task From_a_resource_version_a_watch_replays_the_later_changes_only()
    {
        await using var server = await TestServer.StartAsync();
        var one = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("two").ToJsonString());
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=1&resourceVersion={one["metadata"]!["resourceVersion"]}");
        var next = await watch.NextAsync();
        Assert.Equal("ADDED", (string?)next["type"]);
        Assert.Equal("two", (string?)next["object"]!["metadata"]!["name"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Selectors_apply_and_objects_moving_out_of_them_are_deleted_for_the_watcher()
    {
        await using var server = await TestServer.StartAsync();
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&labelSelector=app%3Dweb");
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("other").ToJsonString());
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("web", new JsonObject { ["app"] = "web" }).ToJsonString());
        var added = await watch.NextAsync();
        Assert.Equal("ADDED", (string?)added["type"]);
        Assert.Equal("web", (string?)added["object"]!["metadata"]!["name"]);
        await server.PatchAsync($"{ConfigMaps}/web", "application/merge-patch+json", """{"metadata":{"labels":{"app":"db"}}}""");
        Assert.Equal("DELETED", (string?)(await watch.NextAsync())["type"]);
        await server.PatchAsync($"{ConfigMaps}/other", "application/merge-patch+json", """{"metadata":{"labels":{"app":"web"}}}""");
        var moved = await watch.NextAsync();
        Assert.Equal("ADDED", (string?)moved["type"]);
        Assert.Equal("other", (string?)moved["object"]!["metadata"]!["name"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Bookmarks_and_timeout()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        var created = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        var rv = (string)created["metadata"]!["resourceVersion"]!;
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&timeoutSeconds=2");
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
        Assert.Equal("ConfigMap", (string?)bookmark["object"]!["kind"]);
        Assert.True(long.Parse((string)bookmark["object"]!["metadata"]!["resourceVersion"]!) >= long.Parse(rv));
        while (await watch.NextOrEndAsync() is not null)
        {
            // Bookmarks until the timeout ends the stream.
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task A_version_older_than_the_history_gets_an_error_event_410()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { WatchHistorySize = 2 });
        foreach (var i in Enumerable.Range(0, 5))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"cm-{i}").ToJsonString());
        }
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&resourceVersion=1");
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", (string?)error["type"]);
        Assert.Equal("Status", (string?)error["object"]!["kind"]);
        Assert.Equal(410, (int)error["object"]!["code"]!);
        Assert.Equal("Expired", (string?)error["object"]!["reason"]);
        Assert.Null(await watch.NextOrEndAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Parallel_writers_never_make_a_watch_miss_or_reorder_events()
    {
        await using var server = await TestServer.StartAsync();
        var start = (string)(await server.GetAsync(ConfigMaps)).Object["metadata"]!["resourceVersion"]!;
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&resourceVersion={start}");
        const int writers = 4;
        const int perWriter = 50;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"w{w}-{i}").ToJsonString());
            }
        })));
        var versions = new List<long>();
        for (var i = 0; i < writers * perWriter; i++)
        {
            var next = await watch.NextAsync();
            versions.Add(long.Parse((string)next["object"]!["metadata"]!["resourceVersion"]!));
        }
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(writers * perWriter, versions.Distinct().Count());
        Assert.Equal(versions[0] + versions.Count - 1, versions[^1]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Many_writers_on_one_object_exactly_one_wins_per_resource_version()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("contended").ToJsonString());
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            var update = (JsonObject)created.DeepClone();
            update["data"] = new JsonObject { ["writer"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            return server.PutAsync($"{ConfigMaps}/contended", update);
        }));
        Assert.Single(results, r => r.Code == 200);
        Assert.Equal(7, results.Count(r => r.Code == 409));
    }
}
