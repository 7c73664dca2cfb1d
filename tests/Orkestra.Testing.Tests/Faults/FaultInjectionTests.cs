using System.Diagnostics;
using System.Net;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Faults;

/// <summary>Faults a client must survive, injected on demand: failures, throttling, latency, dropped watches, compaction, restarts.</summary>
public class FaultInjectionTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact(Timeout = 30_000)]
    public async Task The_next_requests_fail_with_500_and_health_checks_are_not_counted()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.FailNextRequests(2);

        Assert.Equal(200, (await server.GetAsync("/healthz")).Code);
        var first = await server.GetAsync(ConfigMaps);
        Assert.Equal((500, "InternalError"), (first.Code, first.Reason));
        Assert.Equal(500, (await server.GetAsync(ConfigMaps)).Code);
        Assert.Equal(200, (await server.GetAsync(ConfigMaps)).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Throttling_is_429_with_Retry_After()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.FailNextRequests(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3));

        var throttled = await server.GetAsync(ConfigMaps);

        Assert.Equal((429, "TooManyRequests"), (throttled.Code, throttled.Reason));
        Assert.Equal("3", throttled.Message.Headers.RetryAfter?.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Server.FailNextRequests(1, HttpStatusCode.NotFound));
    }

    [Fact(Timeout = 30_000)]
    public async Task Latency_delays_every_request()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.RequestLatency = TimeSpan.FromMilliseconds(300);

        var clock = Stopwatch.StartNew();
        Assert.Equal(200, (await server.GetAsync(ConfigMaps)).Code);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), clock.Elapsed.ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Dropped_watches_end_and_a_compacted_history_answers_410_to_an_old_resource_version()
    {
        await using var server = await TestServer.StartAsync();
        var start = (string)(await server.GetAsync(ConfigMaps)).Object["metadata"]!["resourceVersion"]!;
        await using (var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&resourceVersion={start}"))
        {
            server.Server.DropWatches();
            Assert.Null(await watch.NextOrEndAsync());
        }

        await server.CreateAsync(ConfigMaps, """{"metadata":{"name":"after"}}""");
        server.Server.CompactHistory();
        await using var stale = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&resourceVersion={start}");
        var gone = await stale.NextAsync();
        Assert.Equal("ERROR", (string?)gone["type"]);
        Assert.Equal(410, (int)gone["object"]!["code"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_restart_keeps_the_port_the_objects_and_the_resource_versions_and_ends_open_watches()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync(ConfigMaps, """{"metadata":{"name":"kept"}}""");
        var url = server.Server.Url;
        await using var watch = await WatchStream.OpenAsync(server, $"{ConfigMaps}?watch=true&resourceVersion={created["metadata"]!["resourceVersion"]}");

        await server.Server.RestartAsync();

        Assert.Null(await watch.NextOrEndAsync());
        Assert.Equal(url, server.Server.Url);
        var kept = await server.GetAsync(ConfigMaps + "/kept");
        Assert.Equal(created["metadata"]!["uid"]!.ToString(), kept.Object["metadata"]!["uid"]!.ToString());
        var next = await server.CreateAsync(ConfigMaps, """{"metadata":{"name":"next"}}""");
        Assert.True(long.Parse((string)next["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse((string)created["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture));
    }
}
