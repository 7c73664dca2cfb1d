using System.Text;
using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class CrudTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact(Timeout = 30_000)]
    public async Task Create_sets_the_system_metadata()
    {
        await using var server = await TestServer.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var created = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        var metadata = created["metadata"]!;
        Assert.True(Guid.TryParse((string?)metadata["uid"], out _));
        Assert.Equal("default", (string?)metadata["namespace"]);
        Assert.Equal(1, (long)metadata["generation"]!);
        var timestamp = (string)metadata["creationTimestamp"]!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) >= before.AddSeconds(-1));

        var second = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("two").ToJsonString());
        Assert.True(long.Parse((string)second["metadata"]!["resourceVersion"]!) > long.Parse((string)metadata["resourceVersion"]!));
        var got = await server.GetAsync($"{ConfigMaps}/one");
        Assert.Equal(200, got.Code);
        Assert.Equal((string?)metadata["uid"], (string?)got.Object["metadata"]!["uid"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task GenerateName_appends_five_random_characters()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"web-"}}""");
        Assert.Matches("^web-[a-z0-9]{5}$", (string?)created["metadata"]!["name"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Errors_are_kubernetes_status_bodies()
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());

        var exists = await server.PostAsync(ConfigMaps, Fixtures.ConfigMap("one"));
        Assert.Equal(409, exists.Code);
        Assert.Equal("Status", (string?)exists.Object["kind"]);
        Assert.Equal("Failure", (string?)exists.Object["status"]);
        Assert.Equal("AlreadyExists", exists.Reason);
        Assert.Equal("configmaps \"one\" already exists", exists.ErrorMessage);
        Assert.Equal("configmaps", (string?)exists.Object["details"]!["kind"]);

        var missing = await server.GetAsync($"{ConfigMaps}/nope");
        Assert.Equal(404, missing.Code);
        Assert.Equal("NotFound", missing.Reason);
        Assert.Equal("configmaps \"nope\" not found", missing.ErrorMessage);
        Assert.Equal(404, (int)missing.Object["code"]!);

        var noNamespace = await server.PostAsync("/api/v1/namespaces/ghost/configmaps", Fixtures.ConfigMap("x"));
        Assert.Equal(404, noNamespace.Code);
        Assert.Equal("namespaces \"ghost\" not found", noNamespace.ErrorMessage);

        var invalid = await server.PostAsync(ConfigMaps, Fixtures.ConfigMap("Bad_Name"));
        Assert.Equal(422, invalid.Code);
        Assert.Equal("Invalid", invalid.Reason);
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", invalid.ErrorMessage, StringComparison.Ordinal);
        var cause = invalid.Object["details"]!["causes"]![0]!;
        Assert.Equal("metadata.name", (string?)cause["field"]);
        Assert.Equal("FieldValueInvalid", (string?)cause["reason"]);

        var noName = await server.PostAsync(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""");
        Assert.Equal(422, noName.Code);
        Assert.Contains("name or generateName is required", noName.ErrorMessage, StringComparison.Ordinal);

        var badJson = await server.PostAsync(ConfigMaps, "{not json");
        Assert.Equal(400, badJson.Code);
        Assert.Equal("BadRequest", badJson.Reason);

        var wrongKind = await server.PostAsync(ConfigMaps, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");
        Assert.Equal(400, wrongKind.Code);

        var wrongNamespace = await server.PostAsync(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"s","namespace":"kube-system"}}""");
        Assert.Equal(400, wrongNamespace.Code);
        Assert.Equal("the namespace of the provided object does not match the namespace sent on the request", wrongNamespace.ErrorMessage);

        var unknown = await server.GetAsync("/api/v1/namespaces/default/widgets");
        Assert.Equal(404, unknown.Code);
        Assert.Equal("Status", (string?)unknown.Object["kind"]);

        var notAllowed = await server.SendAsync(HttpMethod.Put, ConfigMaps, Fixtures.ConfigMap("x"), "application/json");
        Assert.Equal(405, notAllowed.Code);
        Assert.Equal("MethodNotAllowed", notAllowed.Reason);

        var protobuf = await server.SendAsync(HttpMethod.Post, ConfigMaps, "k8s\0", "application/vnd.kubernetes.protobuf");
        Assert.Equal(415, protobuf.Code);
        Assert.Equal("UnsupportedMediaType", protobuf.Reason);
        Assert.Contains("use kubectl apply -f or kubectl create -f", protobuf.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("POST", ConfigMaps, "application/json", "[1,2]")]
    [InlineData("POST", ConfigMaps, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":\"x\"}")]
    [InlineData("POST", ConfigMaps, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":7}}")]
    [InlineData("POST", Fixtures.CrdPath, "application/json", "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\",\"metadata\":{\"name\":\"a.b\"},\"spec\":{\"names\":\"x\",\"versions\":[{\"schema\":\"y\",\"storage\":\"yes\"}]}}")]
    [InlineData("DELETE", ConfigMaps + "/one", "application/json", "{\"preconditions\":\"x\",\"propagationPolicy\":3}")]
    [InlineData("DELETE", ConfigMaps + "/one", "application/json", "not json")]
    [InlineData("PATCH", ConfigMaps + "/one", "application/merge-patch+json", "{\"metadata\":\"x\"}")]
    [InlineData("PATCH", ConfigMaps + "/one", "application/merge-patch+json", "[]")]
    [InlineData("PATCH", ConfigMaps + "/one", "application/json-patch+json", "[{\"op\":\"add\",\"path\":\"/metadata/name\",\"value\":\"two\"}]")]
    [InlineData("PATCH", ConfigMaps + "/one/scale", "application/merge-patch+json", "{}")]
    [InlineData("GET", ConfigMaps + "?limit=x", null, null)]
    [InlineData("GET", ConfigMaps + "?watch=true&resourceVersion=abc", null, null)]
    [InlineData("GET", ConfigMaps + "/one/status/extra", null, null)]
    public async Task Malformed_requests_get_status_errors_never_a_500(string method, string path, string? contentType, string? body)
    {
        await using var server = await TestServer.StartAsync();
        await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        var response = await server.SendAsync(new HttpMethod(method), path, body, contentType);
        Assert.InRange(response.Code, 400, 499);
        Assert.Equal("Status", (string?)response.Object["kind"]);
        Assert.Equal(response.Code, (int)response.Object["code"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task Names_follow_the_kind_rules()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal(201, (await server.PostAsync(ConfigMaps, Fixtures.ConfigMap("a.b-c"))).Code);
        var dottedNamespace = await server.PostAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a.b"}}""");
        Assert.Equal(422, dottedNamespace.Code);
        Assert.Contains("RFC 1123 label", dottedNamespace.ErrorMessage, StringComparison.Ordinal);
        var digitService = await server.PostAsync("/api/v1/namespaces/default/services", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"1web"}}""");
        Assert.Equal(422, digitService.Code);
        Assert.Contains("DNS-1035 label", digitService.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task Update_checks_the_resource_version_and_bumps_generation_on_content_changes_only()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync(ConfigMaps, Fixtures.ConfigMap("one").ToJsonString());
        var rv = (string)created["metadata"]!["resourceVersion"]!;

        var labelled = (JsonObject)created.DeepClone();
        labelled["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        var afterLabel = await server.PutAsync($"{ConfigMaps}/one", labelled);
        Assert.Equal(200, afterLabel.Code);
        Assert.Equal(1, (long)afterLabel.Object["metadata"]!["generation"]!);

        var stale = (JsonObject)created.DeepClone();
        stale["data"] = new JsonObject { ["key"] = "other" };
        var conflict = await server.PutAsync($"{ConfigMaps}/one", stale);
        Assert.Equal(409, conflict.Code);
        Assert.Equal("Conflict", conflict.Reason);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"one\": the object has been modified; please apply your changes to the latest version and try again", conflict.ErrorMessage);

        stale["metadata"]!.AsObject().Remove("resourceVersion");
        var unconditional = await server.PutAsync($"{ConfigMaps}/one", stale);
        Assert.Equal(200, unconditional.Code);
        Assert.Equal(2, (long)unconditional.Object["metadata"]!["generation"]!);
        Assert.NotEqual(rv, (string?)unconditional.Object["metadata"]!["resourceVersion"]);

        var same = await server.PutAsync($"{ConfigMaps}/one", unconditional.Object);
        Assert.Equal((string?)unconditional.Object["metadata"]!["resourceVersion"], (string?)same.Object["metadata"]!["resourceVersion"]);

        var missing = await server.PutAsync($"{ConfigMaps}/nope", Fixtures.ConfigMap("nope"));
        Assert.Equal(404, missing.Code);
        var renamed = await server.PutAsync($"{ConfigMaps}/one", Fixtures.ConfigMap("two"));
        Assert.Equal(400, renamed.Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_subresource_writes_change_only_status_and_never_generation()
    {
        // The simulated Deployment controller would write status too; this test writes it alone.
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { SimulateWorkloads = false });
        const string deployments = "/apis/apps/v1/namespaces/default/deployments";
        var created = await server.CreateAsync(deployments,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1},"status":{"replicas":9}}""");
        Assert.Null(created["status"]);

        var withStatus = (JsonObject)created.DeepClone();
        withStatus["status"] = new JsonObject { ["replicas"] = 1 };
        withStatus["spec"]!["replicas"] = 5;
        var status = await server.PutAsync($"{deployments}/web/status", withStatus);
        Assert.Equal(200, status.Code);
        Assert.Equal(1, (int)status.Object["status"]!["replicas"]!);
        Assert.Equal(1, (int)status.Object["spec"]!["replicas"]!);
        Assert.Equal(1, (long)status.Object["metadata"]!["generation"]!);

        var main = (JsonObject)status.Object.DeepClone();
        main["status"] = new JsonObject { ["replicas"] = 7 };
        main["spec"]!["replicas"] = 3;
        var updated = await server.PutAsync($"{deployments}/web", main);
        Assert.Equal(1, (int)updated.Object["status"]!["replicas"]!);
        Assert.Equal(3, (int)updated.Object["spec"]!["replicas"]!);
        Assert.Equal(2, (long)updated.Object["metadata"]!["generation"]!);

        var patched = await server.PatchAsync($"{deployments}/web/status", "application/merge-patch+json", """{"status":{"readyReplicas":3}}""");
        Assert.Equal(3, (int)patched.Object["status"]!["readyReplicas"]!);
        Assert.Equal(2, (long)patched.Object["metadata"]!["generation"]!);

        Assert.Equal(404, (await server.GetAsync("/api/v1/namespaces/default/configmaps/x/status")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Scale_subresource_reads_and_writes_replicas()
    {
        await using var server = await TestServer.StartAsync();
        const string deployments = "/apis/apps/v1/namespaces/default/deployments";
        await server.CreateAsync(deployments,
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}}}}""");
        var scale = await server.GetAsync($"{deployments}/web/scale");
        Assert.Equal("Scale", (string?)scale.Object["kind"]);
        Assert.Equal("autoscaling/v1", (string?)scale.Object["apiVersion"]);
        Assert.Equal(1, (int)scale.Object["spec"]!["replicas"]!);
        Assert.Equal("app=web", (string?)scale.Object["status"]!["selector"]);

        var patched = await server.PatchAsync($"{deployments}/web/scale", "application/merge-patch+json", """{"spec":{"replicas":4}}""");
        Assert.Equal(4, (int)patched.Object["spec"]!["replicas"]!);
        Assert.Equal(4, (int)(await server.GetAsync($"{deployments}/web")).Object["spec"]!["replicas"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task Secrets_merge_string_data_into_base64_data()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync("/api/v1/namespaces/default/secrets",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"a":"YQ=="},"stringData":{"b":"bee"}}""");
        Assert.Null(created["stringData"]);
        Assert.Equal("YQ==", (string?)created["data"]!["a"]);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("bee")), (string?)created["data"]!["b"]);
        Assert.Equal("Opaque", (string?)created["type"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Dry_run_stores_nothing()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.PostAsync($"{ConfigMaps}?dryRun=All", Fixtures.ConfigMap("dry"));
        Assert.Equal(201, response.Code);
        Assert.Equal(404, (await server.GetAsync($"{ConfigMaps}/dry")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task Cluster_scoped_kinds_ignore_a_namespace_and_are_not_served_under_one()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.CreateAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles",
            """{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"reader","namespace":"default"},"rules":[]}""");
        Assert.Null(created["metadata"]!["namespace"]);
        Assert.Equal(404, (await server.GetAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/default/clusterroles/reader")).Code);
        Assert.Equal(200, (await server.GetAsync("/apis/rbac.authorization.k8s.io/v1/clusterroles/reader")).Code);
    }
}
