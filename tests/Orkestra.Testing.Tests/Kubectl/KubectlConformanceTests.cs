using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Kubectl;

/// <summary>
/// The real kubectl v1.32 against the embedded server: each test has its own server, kubeconfig and cache, and runs
/// over plain HTTP, over HTTPS with a bearer token, and over HTTPS with a client certificate (the kubeconfig the
/// server writes carries the CA and the credentials).
/// </summary>
public sealed class KubectlConformanceTests
{
    public static TheoryData<string> Transports => ["http", "https-token", "https-client-certificate"];

    private static KubeApiServerOptions Transport(string transport) => transport switch
    {
        "https-token" => new KubeApiServerOptions { Https = true, Token = "conformance-token" },
        "https-client-certificate" => new KubeApiServerOptions { Https = true, ClientCertificates = true },
        _ => new KubeApiServerOptions(),
    };

    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: websites.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: websites, singular: website, kind: Website, shortNames: [ws]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Image, type: string, jsonPath: .spec.image}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      image: {type: string}
                      replicas: {type: integer}
                  status: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private static string Website(string name, string image, string extraMetadata = "") => $$"""
        apiVersion: example.com/v1
        kind: Website
        metadata:
          name: {{name}}
          labels: {app: {{name}}}
        {{extraMetadata}}
        spec: {image: {{image}}, replicas: 2}
        """;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Apply_a_crd_wait_for_it_then_apply_and_get_custom_resources(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        Assert.Contains("created", await kubectl.SucceedAsync("apply -f -", Crd), StringComparison.Ordinal);
        Assert.Contains("condition met", await kubectl.SucceedAsync("wait --for condition=established crd/websites.example.com --timeout=20s"), StringComparison.Ordinal);

        Assert.Contains("website.example.com/hello created", await kubectl.SucceedAsync("apply -f -", Website("hello", "nginx")), StringComparison.Ordinal);
        Assert.Contains("unchanged", await kubectl.SucceedAsync("apply -f -", Website("hello", "nginx")), StringComparison.Ordinal);
        Assert.Contains("configured", await kubectl.SucceedAsync("apply -f -", Website("hello", "httpd")), StringComparison.Ordinal);
        await kubectl.SucceedAsync("apply -f -", Website("other", "redis"));

        var json = JsonNode.Parse(await kubectl.SucceedAsync("get website hello -o json"))!;
        Assert.Equal("httpd", (string?)json["spec"]!["image"]);
        Assert.Equal(2, (long)json["metadata"]!["generation"]!);
        Assert.Equal("httpd 2", (await kubectl.SucceedAsync("get ws hello -o jsonpath={.spec.image}' '{.metadata.generation}")).Trim());
        var selected = await kubectl.SucceedAsync("get websites -l app=other -o name");
        Assert.Equal("website.example.com/other", selected.Trim());
        var table = (await kubectl.SucceedAsync("get websites")).Split('\n');
        Assert.Matches(@"^NAME\s+IMAGE\s+AGE$", table[0]);
        Assert.Matches(@"^hello\s+httpd\s+\d+s$", table[1]);

        var missing = await kubectl.RunAsync("get website nope");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Error from server (NotFound): websites.example.com \"nope\" not found", missing.Stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Label_and_patch_with_merge_and_json_patches_and_the_status_subresource(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", Crd);
        await kubectl.SucceedAsync("apply -f -", Website("hello", "nginx"));

        Assert.Contains("labeled", await kubectl.SucceedAsync("label website hello tier=front"), StringComparison.Ordinal);
        Assert.Equal("website.example.com/hello", (await kubectl.SucceedAsync("get ws -l tier=front -o name")).Trim());
        await kubectl.SucceedAsync("patch website hello --type merge -p '{\"spec\":{\"replicas\":5}}'");
        await kubectl.SucceedAsync("patch website hello --type json -p '[{\"op\":\"replace\",\"path\":\"/spec/image\",\"value\":\"caddy\"}]'");
        Assert.Equal("caddy 5", (await kubectl.SucceedAsync("get website hello -o jsonpath={.spec.image}' '{.spec.replicas}")).Trim());

        await kubectl.SucceedAsync("patch website hello --subresource=status --type merge -p '{\"status\":{\"ready\":true},\"spec\":{\"replicas\":1}}'");
        Assert.Equal("true 5 3", (await kubectl.SucceedAsync("get website hello -o jsonpath={.status.ready}' '{.spec.replicas}' '{.metadata.generation}")).Trim());

        var failing = await kubectl.RunAsync("patch website hello --type json -p '[{\"op\":\"test\",\"path\":\"/spec/image\",\"value\":\"nginx\"}]'");
        Assert.NotEqual(0, failing.ExitCode);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Delete_without_waiting_leaves_an_object_held_by_a_finalizer_until_the_finalizer_is_patched_away(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", Crd);
        await kubectl.SucceedAsync("apply -f -", Website("held", "nginx", "  finalizers: [example.com/hold]"));

        Assert.Contains("deleted", await kubectl.SucceedAsync("delete website held --wait=false"), StringComparison.Ordinal);
        var deletion = await kubectl.SucceedAsync("get website held -o jsonpath={.metadata.deletionTimestamp}");
        Assert.EndsWith("Z", deletion.Trim(), StringComparison.Ordinal);

        await kubectl.SucceedAsync("patch website held --type json -p '[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]'");
        var gone = await kubectl.RunAsync("get website held");
        Assert.Contains("NotFound", gone.Stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Deleting_an_owner_cascades_to_its_dependents(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", Crd);
        await kubectl.SucceedAsync("apply -f -", Website("owner", "nginx"));
        var uid = (await kubectl.SucceedAsync("get website owner -o jsonpath={.metadata.uid}")).Trim();
        await kubectl.SucceedAsync("apply -f -", $$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: child
              ownerReferences:
              - {apiVersion: example.com/v1, kind: Website, name: owner, uid: {{uid}}, blockOwnerDeletion: true}
            data: {a: b}
            """);
        await kubectl.SucceedAsync("delete website owner");
        await TestServer.EventuallyAsync(async () => (await kubectl.RunAsync("get configmap child")).Stderr.Contains("NotFound", StringComparison.Ordinal), "the dependent to be deleted");
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Get_watch_receives_changes(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", Crd);
        await kubectl.SucceedAsync("apply -f -", Website("first", "nginx"));

        using var watch = kubectl.Stream("get websites -w --output-watch-events");
        await watch.WaitForLineAsync(l => l.Contains("first", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await kubectl.SucceedAsync("apply -f -", Website("second", "nginx"));
        var added = await watch.WaitForLineAsync(l => l.Contains("second", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("ADDED", added, StringComparison.Ordinal);
        await kubectl.SucceedAsync("label website first changed=yes");
        var modified = await watch.WaitForLineAsync(l => l.Contains("first", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("MODIFIED", modified, StringComparison.Ordinal);
        await kubectl.SucceedAsync("delete website second --wait=false");
        var deleted = await watch.WaitForLineAsync(l => l.Contains("second", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("DELETED", deleted, StringComparison.Ordinal);
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Built_in_kinds_and_errors_that_name_the_field(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        var output = await kubectl.SucceedAsync("apply -f -", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: web, image: nginx}]
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: shop}
            stringData: {password: hunter2}
            """);
        Assert.Contains("deployment.apps/web created", output, StringComparison.Ordinal);
        Assert.Contains("web", await kubectl.SucceedAsync("get deploy -n shop"), StringComparison.Ordinal);
        Assert.Equal("aHVudGVyMg==", (await kubectl.SucceedAsync("get secret creds -n shop -o jsonpath={.data.password}")).Trim());
        Assert.Contains("namespaces", await kubectl.SucceedAsync("api-resources"), StringComparison.Ordinal);
        Assert.Contains("deleted", await kubectl.SucceedAsync("delete namespace shop --timeout=20s"), StringComparison.Ordinal);
        Assert.Contains("NotFound", (await kubectl.RunAsync("get namespace shop")).Stderr, StringComparison.Ordinal);

        var invalid = await kubectl.RunAsync("apply -f -", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: Not_Valid}
            """);
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Contains("metadata.name: Invalid value: \"Not_Valid\"", invalid.Stderr, StringComparison.Ordinal);
    }
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: nginx:1.27, ports: [{containerPort: 80}]}
        """;

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Apply_a_built_in_kind_again_and_patch_it_with_a_strategic_merge_patch(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);

        Assert.Contains("deployment.apps/web created", await kubectl.SucceedAsync("apply -f -", Deployment), StringComparison.Ordinal);
        Assert.Contains("unchanged", await kubectl.SucceedAsync("apply -f -", Deployment), StringComparison.Ordinal);
        Assert.Contains("configured", await kubectl.SucceedAsync("apply -f -", Deployment.Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal)), StringComparison.Ordinal);
        await kubectl.SucceedAsync("""patch deployment web --type strategic -p {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"}]}}}}""");

        var images = await kubectl.SucceedAsync("get deployment web -o jsonpath={.spec.template.spec.containers[*].image}");
        Assert.Equal("nginx:1.28 envoy:1", images.Trim());
    }

    [Theory(Timeout = 90_000)]
    [MemberData(nameof(Transports))]
    public async Task Server_side_apply_reports_a_conflict_and_force_conflicts_takes_the_field_over(string transport)
    {
        await using var server = await TestServer.StartAsync(Transport(transport));
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        Assert.Contains("serverside-applied", await kubectl.SucceedAsync("apply --server-side -f -", Deployment), StringComparison.Ordinal);
        await kubectl.SucceedAsync("scale deployment web --replicas=5");

        var conflict = await kubectl.RunAsync("apply --server-side -f -", Deployment);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"kubectl\"", conflict.Stderr, StringComparison.Ordinal);
        Assert.Contains(".spec.replicas", conflict.Stderr, StringComparison.Ordinal);

        await kubectl.SucceedAsync("apply --server-side --force-conflicts -f -", Deployment);
        Assert.Equal("2", (await kubectl.SucceedAsync("get deployment web -o jsonpath={.spec.replicas}")).Trim());
        var managers = await kubectl.SucceedAsync("get deployment web --show-managed-fields -o jsonpath={.metadata.managedFields[*].manager}");
        Assert.Contains("kubectl", managers, StringComparison.Ordinal);
    }
}
