using System.Collections.Concurrent;
using System.Globalization;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Concurrency;

/// <summary>Parallel writers over real HTTP: optimistic concurrency holds, and watches neither miss nor reorder events.</summary>
public class ConcurrencyTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Many_writers_on_one_object_exactly_one_wins_per_resource_version()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, """{"metadata":{"name":"shared"},"data":{}}""");
        const int Writers = 8;
        const int UpdatesEach = 15;
        var winners = new ConcurrentDictionary<string, int>(); // the resourceVersion an update was based on → its writer
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var done = 0; done < UpdatesEach;)
            {
                var current = (await server.GetAsync(ConfigMaps + "/shared")).Object;
                var basedOn = (string)current["metadata"]!["resourceVersion"]!;
                current["data"]![$"w{writer}"] = (done + 1).ToString(CultureInfo.InvariantCulture);
                var response = await server.PutAsync(ConfigMaps + "/shared", current);
                if (response.Code == 409)
                {
                    Assert.Equal("Conflict", response.Reason);
                    Interlocked.Increment(ref conflicts);
                    continue;
                }

                Assert.True(response.Code == 200, $"{response.Code} {response.Body}");
                Assert.True(winners.TryAdd(basedOn, writer), $"two updates succeeded from resourceVersion {basedOn}");
                done++;
            }
        })));

        var final = (await server.GetAsync(ConfigMaps + "/shared")).Object;
        Assert.Equal(Writers * UpdatesEach, winners.Count);
        Assert.All(Enumerable.Range(0, Writers), w => Assert.Equal(UpdatesEach.ToString(CultureInfo.InvariantCulture), (string?)final["data"]![$"w{w}"]));
        Assert.True(conflicts > 0, "parallel writers never conflicted: the test did not exercise concurrency");
    }

    [Fact]
    public async Task Watches_see_every_event_of_parallel_writers_once_and_in_resource_version_order()
    {
        await using var server = await TestServer.StartAsync();
        var start = (string)(await server.GetAsync(ConfigMaps)).Object["metadata"]!["resourceVersion"]!;
        const int Count = 600;
        var watches = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&resourceVersion={start}")));
        try
        {
            var readers = watches.Select(watch => Task.Run(async () =>
            {
                var events = new List<(string Type, string Name, long Version)>();
                while (events.Count < Count * 2)
                {
                    var next = await watch.NextAsync();
                    var obj = next["object"]!;
                    events.Add(((string)next["type"]!, (string)obj["metadata"]!["name"]!, long.Parse((string)obj["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture)));
                }

                return events;
            })).ToList();

            // Eight writers: each object is created, then updated, by whichever writer takes it.
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Count)
                {
                    var created = await server.CreateAsync(ConfigMaps, $$$"""{"metadata":{"name":"cm-{{{i}}}"},"data":{"v":"1"}}""");
                    created["data"]!["v"] = "2";
                    var updated = await server.PutAsync(ConfigMaps + $"/cm-{i}", created);
                    Assert.Equal(200, updated.Code);
                }
            })));

            foreach (var events in await Task.WhenAll(readers))
            {
                var versions = events.Select(e => e.Version).ToList();
                Assert.Equal(versions.Order(), versions);
                Assert.Equal(versions.Count, versions.Distinct().Count());
                Assert.Equal(Count, events.Count(e => e.Type == "ADDED"));
                Assert.Equal(Count, events.Count(e => e.Type == "MODIFIED"));
                var byName = events.GroupBy(e => e.Name).ToList();
                Assert.Equal(Count, byName.Count);
                Assert.All(byName, g => Assert.Equal(["ADDED", "MODIFIED"], g.Select(e => e.Type)));
            }
        }
        finally
        {
            foreach (var watch in watches)
            {
                await watch.DisposeAsync();
            }
        }
    }
}
