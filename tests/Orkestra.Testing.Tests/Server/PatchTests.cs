using System.Text.Json.Nodes;
using Orkestra.Testing.Server;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class PatchTests
{
    private const string Path = "/api/v1/namespaces/default/configmaps/one";

    [Fact]
    public void Merge_patch_follows_rfc_7386()
    {
        var target = JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"},"list":[1,2]}""");
        var patch = JsonNode.Parse("""{"a":"z","c":{"f":null},"list":[3],"new":{"x":1}}""");
        var result = MergePatch.Apply(target, patch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"z","c":{"d":"e"},"list":[3],"new":{"x":1}}"""), result));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"b","c":{"d":"e","f":"g"},"list":[1,2]}"""), target));
    }

    [Fact]
    public void Json_patch_applies_every_operation()
    {
        var document = JsonNode.Parse("""{"a":{"b":1},"list":[1,2,3],"k/e~y":0}""");
        var patch = JsonNode.Parse("""
            [
              {"op":"add","path":"/a/c","value":2},
              {"op":"add","path":"/list/1","value":9},
              {"op":"add","path":"/list/-","value":4},
              {"op":"remove","path":"/list/0"},
              {"op":"replace","path":"/a/b","value":"x"},
              {"op":"move","from":"/a/c","path":"/moved"},
              {"op":"copy","from":"/a","path":"/copy"},
              {"op":"test","path":"/k~1e~0y","value":0}
            ]
            """);
        var result = JsonPatch.Apply(document, patch);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":{"b":"x"},"list":[9,2,3,4],"k/e~y":0,"moved":2,"copy":{"b":"x"}}"""), result), result!.ToJsonString());
    }

    [Fact]
    public void Json_patch_failures_are_422_and_malformed_patches_400()
    {
        var document = JsonNode.Parse("""{"a":1}""");
        Assert.Equal(422, Assert.Throws<ApiException>(() => JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]"""))).Code);
        Assert.Equal(422, Assert.Throws<ApiException>(() => JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"remove","path":"/missing"}]"""))).Code);
        Assert.Equal(422, Assert.Throws<ApiException>(() => JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"replace","path":"/x/y","value":1}]"""))).Code);
        Assert.Equal(400, Assert.Throws<ApiException>(() => JsonPatch.Apply(document, JsonNode.Parse("""{"op":"add"}"""))).Code);
        Assert.Equal(400, Assert.Throws<ApiException>(() => JsonPatch.Apply(document, JsonNode.Parse("""[{"op":"jump","path":"/a"}]"""))).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Patches_over_http()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync("/api/v1/namespaces/default/configmaps", Fixtures.ConfigMap("one").ToJsonString());

        var merged = await server.PatchAsync(Path, "application/merge-patch+json", """{"data":{"key":null,"other":"x"},"metadata":{"labels":{"a":"b"}}}""");
        Assert.Equal(200, merged.Code);
        Assert.Null(merged.Object["data"]!["key"]);
        Assert.Equal("b", (string?)merged.Object["metadata"]!["labels"]!["a"]);

        var json = await server.PatchAsync(Path, "application/json-patch+json", """[{"op":"add","path":"/data/third","value":"3"}]""");
        Assert.Equal("3", (string?)json.Object["data"]!["third"]);

        var failed = await server.PatchAsync(Path, "application/json-patch+json", """[{"op":"test","path":"/data/third","value":"4"}]""");
        Assert.Equal(422, failed.Code);

        var stale = await server.PatchAsync(Path, "application/merge-patch+json", """{"metadata":{"resourceVersion":"1"},"data":{"x":"y"}}""");
        Assert.Equal(409, stale.Code);
        Assert.Equal("Conflict", stale.Reason);

        var missing = await server.PatchAsync("/api/v1/namespaces/default/configmaps/nope", "application/merge-patch+json", "{}");
        Assert.Equal(404, missing.Code);

        var unknown = await server.PatchAsync(Path, "text/plain", "{}");
        Assert.Equal(415, unknown.Code);
        var invalidJson = await server.PatchAsync(Path, "application/merge-patch+json", "{");
        Assert.Equal(400, invalidJson.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_strategic_merge_patch_merges_containers_by_name()
    {
        await using var server = await TestServer.StartAsync();
        const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
        await server.CreateAsync(Deployments, """
            {"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"app","image":"nginx:1"},{"name":"sidecar","image":"envoy:1"}]}}}}
            """);

        var response = await server.PatchAsync(Deployments + "/web", "application/strategic-merge-patch+json",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:2"}]}}}}""");

        Assert.Equal(200, response.Code);
        var containers = response.Object["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app:nginx:2", "sidecar:envoy:1"], containers.Select(c => $"{c!["name"]}:{c["image"]}"));
        Assert.Equal(2, (int)response.Object["metadata"]!["generation"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_strategic_merge_patch_of_a_custom_resource_is_415_as_in_kubernetes()
    {
        await using var server = await Fixtures.ServerWithWebsitesAsync();
        await server.CreateAsync(Fixtures.WebsitesPath, Fixtures.Website("site").ToJsonString());

        var response = await server.PatchAsync(Fixtures.WebsitesPath + "/site", "application/strategic-merge-patch+json", """{"spec":{"replicas":2}}""");

        Assert.Equal(415, response.Code);
        Assert.Equal("UnsupportedMediaType", response.Reason);
    }

    [Fact(Timeout = 30_000)]
    public async Task Server_side_apply_creates_records_managers_and_answers_409_for_a_field_another_manager_owns()
    {
        await using var server = await TestServer.StartAsync();
        const string Applied = "/api/v1/namespaces/default/configmaps/applied";

        var created = await server.PatchAsync(Applied + "?fieldManager=alice", "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: one\n");
        Assert.Equal(201, created.Code);
        var managed = created.Object["metadata"]!["managedFields"]!.AsArray();
        Assert.Equal("alice", (string?)managed.Single()!["manager"]);
        Assert.Equal("Apply", (string?)managed.Single()!["operation"]);

        var conflict = await server.PatchAsync(Applied + "?fieldManager=bob", "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: two\n");
        Assert.Equal(409, conflict.Code);
        Assert.Equal("Conflict", conflict.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"alice\": .data.a", conflict.ErrorMessage);

        var forced = await server.PatchAsync(Applied + "?fieldManager=bob&force=true", "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: two\n");
        Assert.Equal(200, forced.Code);
        Assert.Equal("two", (string?)forced.Object["data"]!["a"]);

        var withoutManager = await server.PatchAsync(Applied, "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n");
        Assert.Equal(400, withoutManager.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_update_is_recorded_for_its_manager_so_a_later_apply_conflicts_with_it()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync("/api/v1/namespaces/default/configmaps?fieldManager=creator", Fixtures.ConfigMap("one").ToJsonString());
        var patched = await server.PatchAsync(Path + "?fieldManager=editor", "application/merge-patch+json", """{"data":{"x":"1"}}""");
        Assert.Contains(patched.Object["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "editor" && (string?)e["operation"] == "Update");

        var apply = await server.PatchAsync(Path + "?fieldManager=applier", "application/apply-patch+yaml", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"},"data":{"x":"2"}}""");

        Assert.Equal(409, apply.Code);
        Assert.Contains("conflict with \"editor\" using v1: .data.x", apply.ErrorMessage, StringComparison.Ordinal);
    }
}
