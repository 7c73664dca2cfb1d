using System.Text;
using System.Text.Json.Nodes;
using Orkestra.Resources;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>
/// The networking, configuration and storage kinds: what golden files show poorly (wiring between kinds, values
/// that round-trip, odd input, profiles left untouched).
/// </summary>
public class NetworkingTests
{
    private static readonly JsonObject Cr = JsonNode.Parse("""
        {"apiVersion": "demo.io/v1", "kind": "Website",
         "metadata": {"name": "hello", "namespace": "web", "uid": "1234-abcd"},
         "spec": {"port": 8080, "floatPort": 8080.0, "password": "pässwörd ✓", "empty": ""}}
        """)!.AsObject();

    // A renderer over onReconcile items (written flush left), with an optional root-level profiles block (without its key).
    private static ResourceRenderer Renderer(string onReconcile, string profiles = "")
    {
        var load = TestKatalogs.Load("onReconcile:\n" + TestKatalogs.Indent(onReconcile, 2), profiles.Length > 0 ? "profiles:\n" + TestKatalogs.Indent(profiles, 2) : string.Empty);
        Assert.True(load.Diagnostics.Count == 0, string.Join("\n", load.Diagnostics));
        return TestKatalogs.Renderer(load);
    }

    private static RenderResult Render(string onReconcile, string profiles = "") => Renderer(onReconcile, profiles).Render(Cr, ResourcePhase.Reconcile);

    [Fact]
    public void A_service_without_selector_selects_the_pods_of_a_deployment_without_one()
    {
        // Upstream's beginner example: a Deployment and a Service, neither with a selector.
        var result = Render("""
            deployments:
              - image: nginx:1.25
                port: "8080"
            services:
              - port: "80"
                targetPort: "8080"
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var deployment = result.Resources.Single(r => r.Kind == "Deployment").Object;
        var service = result.Resources.Single(r => r.Kind == "Service").Object;
        var podLabels = deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var selector = service["spec"]!["selector"]!.AsObject();
        Assert.NotEmpty(selector);
        foreach (var pair in selector)
        {
            Assert.Equal((string?)pair.Value, (string?)podLabels[pair.Key]);
        }

        Assert.Equal("hello-svc", (string?)service["metadata"]!["name"]);
        Assert.Equal(8080, (long)service["spec"]!["ports"]![0]!["targetPort"]!);
    }

    [Fact]
    public void Secret_data_is_written_in_plain_text_and_encoded_as_utf8_base64()
    {
        var result = Render("""
            secrets:
              - data: {password: "{{ .spec.password }}", user: admin, empty: ""}
            """);

        var data = Assert.Single(result.Resources).Object["data"]!.AsObject();
        Assert.Equal("pässwörd ✓", Encoding.UTF8.GetString(Convert.FromBase64String((string)data["password"]!)));
        Assert.Equal("admin", Encoding.UTF8.GetString(Convert.FromBase64String((string)data["user"]!)));
        Assert.Equal(string.Empty, (string?)data["empty"]);
    }

    [Fact]
    public void Once_is_carried_by_the_resource_not_the_object()
    {
        var result = Render("""
            secrets:
              - name: generated
                once: true
                rotateAfter: 30d
                data: {password: "{{ randomAlphanumeric 16 }}"}
            """);

        var secret = Assert.Single(result.Resources);
        Assert.True(secret.Once);
        Assert.False(secret.CreateOnly); // under onReconcile, continuous reconciliation wins over once (upstream's rule)
        Assert.Equal(["apiVersion", "kind", "metadata", "data", "type"], secret.Object.Select(p => p.Key));
        Assert.Null(secret.Object["metadata"]!["annotations"]);
    }

    [Fact]
    public void The_built_in_network_policy_profiles_are_upstreams_five()
    {
        Assert.Equal(
            ["allow-dns-egress", "allow-same-namespace", "deny-all", "deny-all-egress", "deny-all-ingress"],
            ProfileCatalog.BuiltInsOf("networkPolicies").Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rendering_leaves_profiles_untouched()
    {
        const string Profiles = """
            networkPolicies:
              allow-web:
                ingress: [{from: [{podSelector: {role: web}}], ports: [{port: "8080"}]}]
            """;
        var renderer = Renderer("""
            networkPolicies:
              - {name: a, profile: allow-web}
              - {name: b, profile: allow-same-namespace}
            """, Profiles);
        var before = ProfileCatalog.BuiltInsOf("networkPolicies")["allow-same-namespace"].ToJsonString();

        var first = renderer.Render(Cr, ResourcePhase.Reconcile);
        first.Resources[0].Object["spec"]!["ingress"]![0]!["from"]![0]!["podSelector"]!["matchLabels"]!["role"] = "changed";
        first.Resources[1].Object["spec"]!["ingress"]![0]!.AsObject().Clear();
        var second = renderer.Render(Cr, ResourcePhase.Reconcile);

        Assert.Equal("web", (string?)second.Resources[0].Object["spec"]!["ingress"]![0]!["from"]![0]!["podSelector"]!["matchLabels"]!["role"]);
        Assert.Equal(8080, (long)second.Resources[0].Object["spec"]!["ingress"]![0]!["ports"]![0]!["port"]!);
        Assert.Equal(before, ProfileCatalog.BuiltInsOf("networkPolicies")["allow-same-namespace"].ToJsonString());
    }

    [Fact]
    public void Numbers_that_render_as_whole_floats_convert_and_empty_renders_mean_absent()
    {
        var result = Render("""
            services:
              - port: "{{ .spec.floatPort }}"
                type: "{{ .spec.empty }}"
                targetPort: "{{ .spec.empty }}"
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var spec = Assert.Single(result.Resources).Object["spec"]!;
        Assert.Equal(8080, (long)spec["ports"]![0]!["port"]!);
        Assert.Equal(8080, (long)spec["ports"]![0]!["targetPort"]!);
        Assert.Equal("ClusterIP", (string?)spec["type"]);
    }

    [Theory]
    [InlineData("services", "{name: s, ports: \"80\"}", "ports")]
    [InlineData("services", "{name: s, ports: [80]}", "ports[0]")]
    [InlineData("ingresses", "{name: i, servicePort: \"80\", tls: 5}", "tls")]
    [InlineData("ingresses", "{name: i, rules: {host: x}}", "rules")]
    [InlineData("networkPolicies", "{name: n, podSelector: [a]}", "podSelector")]
    [InlineData("networkPolicies", "{name: n, ingress: {from: x}}", "ingress")]
    [InlineData("networkPolicies", "{name: n, ingress: [{from: x}]}", "ingress[0].from")]
    [InlineData("networkPolicies", "{name: n, ingress: [{from: [{podSelector: {matchLabels: {a: [b]}}}]}]}", "ingress[0].from[0].podSelector.matchLabels.a")]
    [InlineData("networkPolicies", "{name: n, egress: [{to: [{ipBlock: {except: [x]}}]}]}", "egress[0].to[0].ipBlock")]
    [InlineData("networkPolicies", "{name: n, policyTypes: {a: b}}", "policyTypes")]
    [InlineData("persistentVolumeClaims", "{name: p, storage: 1Gi, selector: [x]}", "selector")]
    [InlineData("persistentVolumes", "{name: p, capacity: 1Gi, hostPath: [x]}", "hostPath")]
    [InlineData("persistentVolumes", "{name: p, capacity: 1Gi, nfs: server}", "nfs")]
    [InlineData("persistentVolumes", "{name: p, capacity: 1Gi, csi: x}", "csi")]
    public void Odd_input_is_an_error_naming_the_field_never_a_crash(string key, string item, string field)
    {
        var result = Render(key + ":\n  - " + item);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.crds.website.operatorBox.reconcile.onReconcile." + key + "[0]." + field, error.Field);
        Assert.EndsWith("(Website web/hello)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace_even_when_the_item_says_one()
    {
        var result = Render("""
            namespaces:
              - {}
            persistentVolumes:
              - {name: pv, namespace: elsewhere, capacity: 1Gi, hostPath: /data}
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.All(result.Resources, r =>
        {
            Assert.False(r.Namespaced);
            Assert.Null(r.Namespace);
            Assert.Null(r.Object["metadata"]!["ownerReferences"]);
            Assert.Equal("hello", (string?)r.Object["metadata"]!["labels"]!["orkestra.io/owner"]);
        });
        Assert.Equal("hello-ns", result.Resources[0].Name);
    }

    [Fact]
    public void A_network_policy_profile_rule_error_names_the_profile()
    {
        var result = Render(
            "networkPolicies:\n  - {name: n, profile: broken}",
            "networkPolicies:\n  broken:\n    ingress: [{ports: [{port: 0}]}]");

        var error = Assert.Single(result.Errors);
        Assert.Equal("profiles.networkPolicies.broken.ingress[0].ports[0].port", error.Field);
        Assert.Contains("'0' is not a port", error.Message, StringComparison.Ordinal);
    }
}
