using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class DiscoveryTests
{
    [Fact(Timeout = 30_000)]
    public async Task Serves_version_and_the_core_group()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal("1", (string?)(await server.GetAsync("/version")).Object["major"]);
        var api = (await server.GetAsync("/api")).Object;
        Assert.Equal("APIVersions", (string?)api["kind"]);
        Assert.Equal("v1", (string?)api["versions"]![0]);

        var core = (await server.GetAsync("/api/v1")).Object;
        Assert.Equal("APIResourceList", (string?)core["kind"]);
        var configMaps = Resource(core, "configmaps");
        Assert.Equal("configmap", (string?)configMaps["singularName"]);
        Assert.True((bool)configMaps["namespaced"]!);
        Assert.Equal("cm", (string?)configMaps["shortNames"]![0]);
        Assert.Contains("watch", configMaps["verbs"]!.AsArray().Select(v => (string?)v));
        Assert.False((bool)Resource(core, "namespaces")["namespaced"]!);
        Assert.False((bool)Resource(core, "persistentvolumes")["namespaced"]!);
        Assert.Equal("Namespace", (string?)Resource(core, "namespaces/status")["kind"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Serves_the_named_groups_with_subresources()
    {
        await using var server = await TestServer.StartAsync();
        var groups = (await server.GetAsync("/apis")).Object;
        var names = groups["groups"]!.AsArray().Select(g => (string?)g!["name"]).ToList();
        foreach (var group in new[] { "apps", "batch", "networking.k8s.io", "policy", "autoscaling", "rbac.authorization.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io", "events.k8s.io" })
        {
            Assert.Contains(group, names);
        }
        var apps = (await server.GetAsync("/apis/apps")).Object;
        Assert.Equal("apps/v1", (string?)apps["preferredVersion"]!["groupVersion"]);

        var appsV1 = (await server.GetAsync("/apis/apps/v1")).Object;
        Assert.Equal("deploy", (string?)Resource(appsV1, "deployments")["shortNames"]![0]);
        Assert.Equal("all", (string?)Resource(appsV1, "deployments")["categories"]![0]);
        var scale = Resource(appsV1, "deployments/scale");
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal("autoscaling", (string?)scale["group"]);
        Assert.Equal("hpa", (string?)Resource((await server.GetAsync("/apis/autoscaling/v2")).Object, "horizontalpodautoscalers")["shortNames"]![0]);
        Assert.Equal(404, (await server.GetAsync("/apis/nope.example.com/v1")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Answers_aggregated_discovery_requests_with_the_plain_documents()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.SendAsync(HttpMethod.Get, "/apis", null, null,
            accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType!.ToString());
        Assert.Equal("APIGroupList", (string?)response.Object["kind"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task OpenApi_v3_lists_each_group_version_with_patch_operations_kubectl_can_verify()
    {
        await using var server = await TestServer.StartAsync();
        var root = (await server.GetAsync("/openapi/v3")).Object;
        var url = (string?)root["paths"]!["apis/apps/v1"]!["serverRelativeURL"];
        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", url, StringComparison.Ordinal);
        var document = (await server.GetAsync(url!)).Object;
        var patch = document["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Equal("Deployment", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        var schema = document["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]!;
        Assert.Equal("Deployment", (string?)schema["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal(200, (await server.GetAsync("/openapi/v3/api/v1")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_new_crd_appears_in_discovery_and_openapi()
    {
        await using var server = await TestServer.StartAsync();
        var before = (string?)(await server.GetAsync("/openapi/v3")).Object["paths"]!["apis/apiextensions.k8s.io/v1"]!["serverRelativeURL"];
        await server.CreateAsync(Fixtures.CrdPath, Fixtures.WebsiteCrd().ToJsonString());

        var groups = (await server.GetAsync("/apis")).Object["groups"]!.AsArray();
        Assert.Contains(groups, g => (string?)g!["name"] == "example.com");
        var resources = (await server.GetAsync("/apis/example.com/v1")).Object;
        var websites = Resource(resources, "websites");
        Assert.Equal("Website", (string?)websites["kind"]);
        Assert.Equal("ws", (string?)websites["shortNames"]![0]);
        Assert.Equal("all", (string?)websites["categories"]![0]);
        Assert.NotNull(Resource(resources, "websites/status"));
        Assert.NotNull(Resource(resources, "websites/scale"));

        var root = (await server.GetAsync("/openapi/v3")).Object["paths"]!;
        var document = (await server.GetAsync((string)root["apis/example.com/v1"]!["serverRelativeURL"]!)).Object;
        var schema = document["components"]!["schemas"]!["com.example.v1.Website"]!;
        Assert.Equal("string", (string?)schema["properties"]!["spec"]!["properties"]!["image"]!["type"]);
        Assert.Equal("example.com", (string?)schema["x-kubernetes-group-version-kind"]![0]!["group"]);
        Assert.Equal(before, (string?)root["apis/apiextensions.k8s.io/v1"]!["serverRelativeURL"]);

        // The Swagger 2.0 document carries the same schema, for clients that read v2.
        var swagger = (await server.GetAsync("/openapi/v2")).Object;
        Assert.Equal("2.0", (string?)swagger["swagger"]);
        var definition = swagger["definitions"]!["com.example.v1.Website"]!;
        Assert.Equal("string", (string?)definition["properties"]!["spec"]!["properties"]!["image"]!["type"]);
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)definition["properties"]!["metadata"]!["$ref"]);
        Assert.NotNull(swagger["definitions"]!["io.k8s.api.apps.v1.Deployment"] ?? swagger["definitions"]!.AsObject().FirstOrDefault(d => d.Key.EndsWith(".apps.v1.Deployment", StringComparison.Ordinal)).Value);
    }

    private static JsonObject Resource(JsonObject list, string name) =>
        list["resources"]!.AsArray().OfType<JsonObject>().Single(r => (string?)r["name"] == name);
}
