using System.Text.Json.Nodes;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Resources;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>
/// The access and policy kinds (serviceAccounts, roles, roleBindings, clusterRoles, clusterRoleBindings, hpa, pdb,
/// resourceQuotas, limitRanges) beyond what the golden cases (<c>Golden/policy-*</c>) show: registration, the built-in
/// profiles, cluster-scoped owners, shadowing, the loader's checks, and that rendering never changes shared data.
/// </summary>
public class AccessAndPolicyTests
{
    private static readonly JsonObject Cr = JsonNode.Parse("""
        {"apiVersion": "demo.io/v1", "kind": "Website",
         "metadata": {"name": "hello", "namespace": "web", "uid": "1234-abcd"},
         "spec": {"max": 8}}
        """)!.AsObject();

    private static LoadResult Load(string katalogBody, string scope = "Namespaced") => TestKatalogs.LoadKatalog(katalogBody, scope);

    // A katalog whose website entry renders `items` under onReconcile; `profiles` (a top-level block) go before spec.
    private static ResourceRenderer Renderer(string items, string profiles = "", string scope = "Namespaced") =>
        TestKatalogs.Renderer("onReconcile:\n" + TestKatalogs.Indent(items, 2), profiles, scope);

    private static RenderResult Render(ResourceRenderer renderer, JsonObject? cr = null) => renderer.Render(cr ?? Cr, ResourcePhase.Reconcile);

    [Theory]
    [InlineData("serviceAccounts", "v1", "ServiceAccount", true, "-sa")]
    [InlineData("roles", "rbac.authorization.k8s.io/v1", "Role", true, "-role")]
    [InlineData("roleBindings", "rbac.authorization.k8s.io/v1", "RoleBinding", true, "-rolebinding")]
    [InlineData("clusterRoles", "rbac.authorization.k8s.io/v1", "ClusterRole", false, "-cluster-role")]
    [InlineData("clusterRoleBindings", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false, "-crb")]
    [InlineData("hpa", "autoscaling/v2", "HorizontalPodAutoscaler", true, "-hpa")]
    [InlineData("pdb", "policy/v1", "PodDisruptionBudget", true, "-pdb")]
    [InlineData("resourceQuotas", "v1", "ResourceQuota", true, "-quota")]
    [InlineData("limitRanges", "v1", "LimitRange", true, "-limits")]
    public void Each_key_is_registered_with_its_kind_scope_and_default_name(string key, string apiVersion, string kind, bool namespaced, string suffix)
    {
        Assert.True(ResourceKinds.TryGet(key, out var registered));
        Assert.Equal((apiVersion, kind, namespaced, suffix), (registered.ApiVersion, registered.Kind, registered.Namespaced, registered.DefaultNameSuffix));
    }

    [Fact]
    public void The_built_in_profiles_are_upstreams()
    {
        Assert.Equal(["api", "batch", "cost-optimized", "latency-sensitive", "web"], ProfileCatalog.BuiltInsOf("hpa").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["relaxed", "rolling", "zero-downtime"], ProfileCatalog.BuiltInsOf("pdb").Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["large", "medium", "small", "xlarge"], ProfileCatalog.BuiltInsOf("resourceQuotas").Keys.Order(StringComparer.Ordinal));
        Assert.Empty(ProfileCatalog.BuiltInsOf("limitRanges"));

        var web = ProfileCatalog.BuiltInsOf("hpa")["web"];
        Assert.Equal(70, (int)web["targetCPUUtilizationPercentage"]!);
        Assert.Equal(300, (int)web["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]!);
        Assert.Equal("100%", (string?)ProfileCatalog.BuiltInsOf("pdb")["zero-downtime"]["minAvailable"]);
        Assert.Equal(1, (int)ProfileCatalog.BuiltInsOf("pdb")["rolling"]["maxUnavailable"]!);
        Assert.Equal("16Gi", (string?)ProfileCatalog.BuiltInsOf("resourceQuotas")["xlarge"]["hard"]!["requests.memory"]);
    }

    [Fact]
    public void A_katalog_profile_shadows_the_built_in_of_the_same_name()
    {
        var renderer = Renderer(
            """
            hpa:
              - maxReplicas: "4"
                behavior: {profile: web}
            """,
            """
            profiles:
              hpa:
                web:
                  targetCPUUtilizationPercentage: 90
                  behavior: {scaleUp: {stabilizationWindowSeconds: 5}}

            """);

        var spec = Render(renderer).Resources.Single().Object["spec"]!;

        Assert.Equal(90, (long)spec["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!);
        Assert.Equal("""{"scaleUp":{"stabilizationWindowSeconds":5}}""", spec["behavior"]!.ToJsonString());
    }

    [Fact]
    public void Rendering_never_changes_the_profiles_it_expands()
    {
        var renderer = Renderer(
            """
            hpa:
              - maxReplicas: "4"
                behavior: {profile: own}
            pdb:
              - behavior: {profile: zero-downtime}
            """,
            """
            profiles:
              hpa:
                own:
                  behavior: {scaleDown: {stabilizationWindowSeconds: "120", policies: [{type: Pods, value: "1", periodSeconds: "30"}]}}

            """);
        var before = ProfileCatalog.BuiltInsOf("pdb")["zero-downtime"].ToJsonString();

        var first = Render(renderer);
        first.Resources[0].Object["spec"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"] = 1;
        first.Resources[1].Object["spec"]!["minAvailable"] = "1%";
        var second = Render(renderer);

        Assert.Equal(120, (long)second.Resources[0].Object["spec"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]!);
        Assert.Equal("100%", (string?)second.Resources[1].Object["spec"]!["minAvailable"]);
        Assert.Equal(before, ProfileCatalog.BuiltInsOf("pdb")["zero-downtime"].ToJsonString());
    }

    [Fact]
    public void Renders_in_parallel_give_the_same_objects()
    {
        var renderer = Renderer("""
            hpa:
              - {maxReplicas: "{{ .spec.max }}", behavior: {profile: latency-sensitive}}
            roleBindings:
              - roleRef: {name: reader}
                subjects: [{kind: ServiceAccount, name: reader}]
            resourceQuotas:
              - profile: medium
            """);
        var expected = string.Join("\n", Render(renderer).Resources.Select(r => r.Object.ToJsonString()));

        var results = new string[32];
        Parallel.For(0, results.Length, i => results[i] = string.Join("\n", Render(renderer).Resources.Select(r => r.Object.ToJsonString())));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Cluster_scoped_kinds_are_not_namespaced_and_carry_owner_labels_not_references()
    {
        var renderer = Renderer("""
            clusterRoles:
              - rules: [{apiGroups: [""], resources: [namespaces], verbs: [get]}]
            clusterRoleBindings:
              - roleRef: {name: "{{ .metadata.name }}-cluster-role"}
                subjects: [{kind: ServiceAccount, name: reader}]
            """);

        var result = Render(renderer);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.All(result.Resources, r =>
        {
            Assert.False(r.Namespaced);
            Assert.Null(r.Namespace);
            Assert.Null(r.Object["metadata"]!["ownerReferences"]);
            Assert.Equal("hello", (string?)r.Object["metadata"]!["labels"]![SystemMetadata.ClusterOwnerLabel]);
            Assert.Equal("web", (string?)r.Object["metadata"]!["labels"]![SystemMetadata.OwnerNamespaceLabel]);
        });
        Assert.Equal("web", (string?)result.Resources[1].Object["subjects"]![0]!["namespace"]);
    }

    [Fact]
    public void Under_a_cluster_scoped_cr_a_service_account_subject_takes_the_bindings_namespace_or_must_say_its_own()
    {
        var renderer = Renderer(
            """
            roleBindings:
              - namespace: tenant-a
                roleRef: {name: reader}
                subjects: [{kind: ServiceAccount, name: reader}]
              - roleRef: {name: reader}
                subjects: [{kind: ServiceAccount, name: reader}]
            clusterRoleBindings:
              - roleRef: {name: reader}
                subjects: [{kind: ServiceAccount, name: reader}]
            """,
            scope: "Cluster");
        var cr = JsonNode.Parse("""{"apiVersion": "demo.io/v1", "kind": "Website", "metadata": {"name": "hello", "uid": "1"}, "spec": {}}""")!.AsObject();

        var result = Render(renderer, cr);

        Assert.Equal(["tenant-a", "default"], result.Resources.Select(r => (string?)r.Object["subjects"]![0]!["namespace"]));
        var error = Assert.Single(result.Errors);
        Assert.EndsWith("clusterRoleBindings[0].subjects[0].namespace", error.Field, StringComparison.Ordinal);
        Assert.Contains("write the namespace of the ServiceAccount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_names_of_the_built_ins_match_in_any_case_and_an_unknown_one_lists_the_known()
    {
        var renderer = Renderer("""
            hpa:
              - {maxReplicas: "3", behavior: {profile: Cost-Optimized}}
            resourceQuotas:
              - profile: XLARGE
              - profile: tiny
            """);

        var result = Render(renderer);

        Assert.Equal(80, (long)result.Resources[0].Object["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!);
        Assert.Equal("100", (string?)result.Resources[1].Object["spec"]!["hard"]!["pods"]);
        var error = Assert.Single(result.Errors);
        Assert.Contains("there is no resourceQuotas profile 'tiny'; known: large, medium, small, xlarge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdb_counts_as_an_integer_and_keeps_a_percentage_as_a_string()
    {
        var renderer = Renderer("""
            pdb:
              - {name: count, minAvailable: "{{ .spec.max }}"}
              - {name: percent, maxUnavailable: "{{ .spec.max }}0%"}
              - {name: nested, behavior: {minAvailable: "0"}}
            """);

        var result = Render(renderer);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(8, (long)result.Resources[0].Object["spec"]!["minAvailable"]!);
        Assert.Equal("80%", (string?)result.Resources[1].Object["spec"]!["maxUnavailable"]);
        Assert.Equal(0, (long)result.Resources[2].Object["spec"]!["minAvailable"]!);
    }

    [Fact]
    public void The_loader_checks_rules_subjects_and_behavior_and_warns_of_keys_without_effect()
    {
        var result = Load("""
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  operatorBox:
                    reconcile:
                      onReconcile:
                        roles:
                          - rules: [{apiGroups: [""], resources: [pods], verb: [get]}]
                        roleBindings:
                          - roleRef: {name: a}
                            subjects: [{kind: ServiceAccount, nmae: a}]
                        hpa:
                          - maxReplicas: "3"
                            behavior: {scaleUp: {stabilisationWindowSeconds: 0}}
                        resourceQuotas:
                          - profile: small
                            toNamespaces: [a, b]
            """);

        var unknown = result.Diagnostics.Where(d => d.Id == DiagnosticCatalog.UnknownKey.Id).Select(d => d.Message).ToList();
        Assert.Contains(unknown, m => m.Contains("'verb'", StringComparison.Ordinal));
        Assert.Contains(unknown, m => m.Contains("'nmae'", StringComparison.Ordinal));
        Assert.Contains(unknown, m => m.Contains("'stabilisationWindowSeconds'", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == DiagnosticCatalog.KeyWithoutEffect.Id && d.Message.Contains("forEach", StringComparison.Ordinal));
    }

    [Fact]
    public void Odd_input_is_an_error_never_a_crash()
    {
        var renderer = Renderer("""
            serviceAccounts:
              - imagePullSecrets: {name: a}
              - secrets: a-token
            clusterRoles:
              - aggregationRule: [a]
            hpa:
              - maxReplicas: "3"
                metrics: {type: Resource}
            pdb:
              - minAvailable: "1"
                selector: [app]
            resourceQuotas:
              - hard: {pods: "1"}
                scopeSelector: BestEffort
              - hard: {cpu: ""}
            """);

        var result = Render(renderer);

        Assert.DoesNotContain(result.Resources, r => r.Key != "resourceQuotas");
        Assert.Equal(6, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains("(Website web/hello)", e.Message, StringComparison.Ordinal));
        Assert.Equal("{}", result.Resources.Single().Object["spec"]!["hard"]!.ToJsonString());
    }
}
