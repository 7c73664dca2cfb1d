using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class ListTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact(Timeout = 30_000)]
    public async Task Lists_carry_kind_and_resource_version_and_filter_by_selectors()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("web", new JsonObject { ["app"] = "web", ["tier"] = "front" }).ToJsonString());
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("db", new JsonObject { ["app"] = "db" }).ToJsonString());
        await server.CreateAsync("/api/v1/namespaces/kube-system/configmaps", Fixtures.ConfigMap("sys", new JsonObject { ["app"] = "web" }).ToJsonString());

        var all = (await server.GetAsync(ConfigMaps)).Object;
        Assert.Equal("ConfigMapList", (string?)all["kind"]);
        Assert.Equal("v1", (string?)all["apiVersion"]);
        Assert.False(string.IsNullOrEmpty((string?)all["metadata"]!["resourceVersion"]));
        Assert.Equal(["db", "web"], Names(all));

        Assert.Equal(["web"], Names((await server.GetAsync($"{ConfigMaps}?labelSelector=app%3Dweb")).Object));
        Assert.Equal(["db"], Names((await server.GetAsync($"{ConfigMaps}?labelSelector=!tier")).Object));
        Assert.Equal(["db", "web"], Names((await server.GetAsync($"{ConfigMaps}?labelSelector=app+in+(web,db)")).Object));
        Assert.Equal(["web"], Names((await server.GetAsync($"{ConfigMaps}?fieldSelector=metadata.name%3Dweb")).Object));
        Assert.Equal(["db"], Names((await server.GetAsync($"{ConfigMaps}?fieldSelector=metadata.name!%3Dweb")).Object));
        Assert.Equal(["web", "sys"], Names((await server.GetAsync("/api/v1/configmaps?labelSelector=app%3Dweb")).Object));
        Assert.Equal(["sys"], Names((await server.GetAsync("/api/v1/configmaps?fieldSelector=metadata.namespace%3Dkube-system")).Object));

        var bad = await server.GetAsync($"{ConfigMaps}?fieldSelector=data.key%3Dx");
        Assert.Equal(400, bad.Code);
        Assert.Equal("BadRequest", bad.Reason);
    }

    [Fact(Timeout = 30_000)]
    public async Task Paginates_with_limit_and_continue()
    {
        await using var server = await TestServer.StartAsync();
        foreach (var i in Enumerable.Range(0, 5))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"cm-{i}").ToJsonString());
        }
        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = (await server.GetAsync($"{ConfigMaps}?limit=2" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}"))).Object;
            names.AddRange(Names(page));
            token = (string?)page["metadata"]!["continue"];
            pages++;
        }
        while (token is not null);
        Assert.Equal(3, pages);
        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-3", "cm-4"], names);

        var malformed = await server.GetAsync($"{ConfigMaps}?limit=2&continue=garbage");
        Assert.Equal(400, malformed.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_expired_continue_token_is_410_gone()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { WatchHistorySize = 2 });
        foreach (var i in Enumerable.Range(0, 3))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"cm-{i}").ToJsonString());
        }
        var first = (await server.GetAsync($"{ConfigMaps}?limit=1")).Object;
        var token = (string)first["metadata"]!["continue"]!;
        foreach (var i in Enumerable.Range(3, 3))
        {
            await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap($"cm-{i}").ToJsonString());
        }
        var expired = await server.GetAsync($"{ConfigMaps}?limit=1&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(410, expired.Code);
        Assert.Equal("Expired", expired.Reason);
    }

    [Fact(Timeout = 30_000)]
    public async Task Delete_collection_deletes_what_the_selector_matches()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("web", new JsonObject { ["app"] = "web" }).ToJsonString());
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("db", new JsonObject { ["app"] = "db" }).ToJsonString());
        var deleted = await server.DeleteAsync($"{ConfigMaps}?labelSelector=app%3Dweb");
        Assert.Equal(200, deleted.Code);
        Assert.Equal(["web"], Names(deleted.Object));
        Assert.Equal(["db"], Names((await server.GetAsync(ConfigMaps)).Object));
    }

    internal static List<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToList();
}
