using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class DeletionTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact(Timeout = 30_000)]
    public async Task Finalizers_hold_an_object_until_the_last_is_removed()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("held", extraMetadata: new JsonObject { ["finalizers"] = new JsonArray("a/one", "a/two") }).ToJsonString());
        var deleted = await server.DeleteAsync($"{ConfigMaps}/held", new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Background" });
        Assert.Equal(200, deleted.Code);
        Assert.NotNull(deleted.Object["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, (int)deleted.Object["metadata"]!["deletionGracePeriodSeconds"]!);

        var adding = await server.PatchAsync($"{ConfigMaps}/held", "application/merge-patch+json", """{"metadata":{"finalizers":["a/one","a/two","a/three"]}}""");
        Assert.Equal(422, adding.Code);
        Assert.Contains("no new finalizers can be added if the object is being deleted", adding.ErrorMessage, StringComparison.Ordinal);

        await server.PatchAsync($"{ConfigMaps}/held", "application/json-patch+json", """[{"op":"remove","path":"/metadata/finalizers/0"}]""");
        Assert.Equal(200, (await server.GetAsync($"{ConfigMaps}/held")).Code);
        var last = await server.PatchAsync($"{ConfigMaps}/held", "application/merge-patch+json", """{"metadata":{"finalizers":null}}""");
        Assert.Equal(200, last.Code);
        Assert.Equal(404, (await server.GetAsync($"{ConfigMaps}/held")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Deletes_answer_a_success_status_for_most_built_in_kinds_and_the_object_for_custom_resources()
    {
        await using var server = await Fixtures.ServerWithWebsitesAsync();
        var configMap = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        var status = (await server.DeleteAsync($"{ConfigMaps}/one")).Object;
        Assert.Equal("Status", (string?)status["kind"]);
        Assert.Equal("Success", (string?)status["status"]);
        Assert.Equal("configmaps", (string?)status["details"]!["kind"]);
        Assert.Equal((string?)configMap["metadata"]!["uid"], (string?)status["details"]!["uid"]);

        await server.CreateAsync(Fixtures.WebsitesPath, Fixtures.Website("site").ToJsonString());
        var website = (await server.DeleteAsync($"{Fixtures.WebsitesPath}/site")).Object;
        Assert.Equal("Website", (string?)website["kind"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Preconditions_are_checked()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        var wrongUid = await server.DeleteAsync($"{ConfigMaps}/one", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = "nope" } });
        Assert.Equal(409, wrongUid.Code);
        Assert.Contains("Precondition failed: UID in precondition: nope", wrongUid.ErrorMessage, StringComparison.Ordinal);
        var wrongVersion = await server.DeleteAsync($"{ConfigMaps}/one", new JsonObject { ["preconditions"] = new JsonObject { ["resourceVersion"] = "1" } });
        Assert.Equal(409, wrongVersion.Code);
        Assert.Equal(404, (await server.DeleteAsync($"{ConfigMaps}/nope")).Code);
        var badPolicy = await server.DeleteAsync($"{ConfigMaps}/one?propagationPolicy=Sideways");
        Assert.Equal(422, badPolicy.Code);
        Assert.Equal(200, (await server.DeleteAsync($"{ConfigMaps}/one")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Background_deletion_deletes_dependents_after_the_owner()
    {
        await using var server = await TestServer.StartAsync();
        var owner = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("owner").ToJsonString());
        await CreateDependentAsync(server, "dependent", owner, block: false);
        Assert.Equal(200, (await server.DeleteAsync($"{ConfigMaps}/owner")).Code);
        Assert.Equal(404, (await server.GetAsync($"{ConfigMaps}/owner")).Code);
        await TestServer.EventuallyAsync(async () => (await server.GetAsync($"{ConfigMaps}/dependent")).Code == 404, "the dependent to be collected");
    }

    [Fact(Timeout = 30_000)]
    public async Task Foreground_deletion_deletes_blocking_dependents_first()
    {
        await using var server = await TestServer.StartAsync();
        var owner = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("owner").ToJsonString());
        await CreateDependentAsync(server, "dependent", owner, block: true, finalizer: "test/hold");
        var deleted = await server.DeleteAsync($"{ConfigMaps}/owner", new JsonObject { ["propagationPolicy"] = "Foreground" });
        Assert.Contains("foregroundDeletion", deleted.Object["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        await TestServer.EventuallyAsync(async () => (await server.GetAsync($"{ConfigMaps}/dependent")).Object["metadata"]!["deletionTimestamp"] is not null, "the dependent to be deleting");
        Assert.Equal(200, (await server.GetAsync($"{ConfigMaps}/owner")).Code);

        await server.PatchAsync($"{ConfigMaps}/dependent", "application/merge-patch+json", """{"metadata":{"finalizers":null}}""");
        await TestServer.EventuallyAsync(async () => (await server.GetAsync($"{ConfigMaps}/owner")).Code == 404, "the owner to go once its dependent is gone");
    }

    [Fact(Timeout = 30_000)]
    public async Task Orphan_deletion_removes_the_owner_references()
    {
        await using var server = await TestServer.StartAsync();
        var owner = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("owner").ToJsonString());
        await CreateDependentAsync(server, "dependent", owner, block: false);
        Assert.Equal(200, (await server.DeleteAsync($"{ConfigMaps}/owner?propagationPolicy=Orphan")).Code);
        var dependent = await server.GetAsync($"{ConfigMaps}/dependent");
        Assert.Equal(200, dependent.Code);
        Assert.Null(dependent.Object["metadata"]!["ownerReferences"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Deleting_a_namespace_deletes_its_contents_then_the_namespace()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"doomed"}}""");
        await server.CreateAsync("/api/v1/namespaces/doomed/configmaps", Fixtures.ConfigMap("held", extraMetadata: new JsonObject { ["finalizers"] = new JsonArray("test/hold") }).ToJsonString());
        var deleted = await server.DeleteAsync("/api/v1/namespaces/doomed");
        Assert.Equal("Terminating", (string?)deleted.Object["status"]!["phase"]);
        var refused = await server.PostAsync("/api/v1/namespaces/doomed/configmaps", Fixtures.ConfigMap("late"));
        Assert.Equal(403, refused.Code);
        Assert.Contains("because it is being terminated", refused.ErrorMessage, StringComparison.Ordinal);

        await TestServer.EventuallyAsync(async () => (await server.GetAsync("/api/v1/namespaces/doomed/configmaps/held")).Object["metadata"]?["deletionTimestamp"] is not null, "the content to be deleting");
        Assert.Equal(200, (await server.GetAsync("/api/v1/namespaces/doomed")).Code);
        await server.PatchAsync("/api/v1/namespaces/doomed/configmaps/held", "application/merge-patch+json", """{"metadata":{"finalizers":null}}""");
        await TestServer.EventuallyAsync(async () => (await server.GetAsync("/api/v1/namespaces/doomed")).Code == 404, "the namespace to go");
    }

    [Fact(Timeout = 30_000)]
    public async Task The_system_namespaces_may_not_be_deleted()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.DeleteAsync("/api/v1/namespaces/default");
        Assert.Equal(403, response.Code);
        Assert.Equal("namespaces \"default\" is forbidden: this namespace may not be deleted", response.ErrorMessage);
    }

    private static Task<JsonObject> CreateDependentAsync(TestServer server, string name, JsonObject owner, bool block, string? finalizer = null)
    {
        var metadata = new JsonObject
        {
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["name"] = (string?)owner["metadata"]!["name"],
                ["uid"] = (string?)owner["metadata"]!["uid"],
                ["blockOwnerDeletion"] = block,
            }),
        };
        if (finalizer is not null)
        {
            metadata["finalizers"] = new JsonArray(finalizer);
        }
        return server.CreateAsync(ConfigMaps, Fixtures.ConfigMap(name, extraMetadata: metadata).ToJsonString());
    }
}
