using System.Text.Json.Nodes;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Resources;

namespace Orkestra.Sdk.Tests.Resources;

/// <summary>The renderer's own behaviour, through <c>custom</c> items: iteration, conditions, metadata, typing, errors.</summary>
public class RendererTests
{
    private static readonly JsonObject Cr = JsonNode.Parse("""
        {"apiVersion": "demo.io/v1", "kind": "Website",
         "metadata": {"name": "hello", "namespace": "web", "uid": "1234-abcd"},
         "spec": {"regions": ["eu", "us"], "tiers": {"gold": 3, "bronze": 1}, "replicas": 2, "expose": true, "name": "Not_Valid"}}
        """)!.AsObject();

    private static ResourceRenderer Renderer(string block, string? namespaced = null) =>
        TestKatalogs.Renderer(block, scope: namespaced ?? "Namespaced");

    private static string WidgetItem(string fields) =>
        "onReconcile:\n  custom:\n    - apiVersion: example.io/v1\n      kind: Widget\n" + TestKatalogs.Indent(fields, 6);

    [Fact]
    public void ForEach_over_a_list_gives_item_index_and_the_alias()
    {
        var renderer = Renderer(WidgetItem("""
                        forEach: {field: spec.regions, as: region}
                        metadata: {name: "{{ .metadata.name }}-{{ .region }}"}
                        data: {index: "{{ .index }}", item: "{{ .item }}"}
            """));

        var result = renderer.Render(Cr, ResourcePhase.Reconcile);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["hello-eu", "hello-us"], result.Resources.Select(r => r.Name));
        Assert.Equal(1, (long)result.Resources[1].Object["data"]!["index"]!);
        Assert.Equal("us", (string?)result.Resources[1].Object["data"]!["item"]);
    }

    [Fact]
    public void ForEach_over_a_map_goes_in_key_order_with_item_the_key_and_value()
    {
        var renderer = Renderer(WidgetItem("""
                        forEach: {field: .spec.tiers}
                        metadata: {name: "tier-{{ .item }}"}
                        data: {size: "{{ .value }}"}
            """));

        var result = renderer.Render(Cr, ResourcePhase.Reconcile);

        Assert.Equal(["tier-bronze", "tier-gold"], result.Resources.Select(r => r.Name));
        Assert.Equal(3, (long)result.Resources[1].Object["data"]!["size"]!);
    }

    [Fact]
    public void ForEach_over_a_missing_field_yields_nothing_and_over_a_scalar_is_an_error()
    {
        var missing = Renderer(WidgetItem("""
                        forEach: {field: spec.nothing}
                        metadata: {name: x}
            """)).Render(Cr, ResourcePhase.Reconcile);
        var scalar = Renderer(WidgetItem("""
                        forEach: {field: spec.replicas}
                        metadata: {name: x}
            """)).Render(Cr, ResourcePhase.Reconcile);

        Assert.True(missing.Succeeded);
        Assert.Empty(missing.Resources);
        var error = Assert.Single(scalar.Errors);
        Assert.Equal("spec.crds.website.operatorBox.reconcile.onReconcile.custom[0].forEach.field", error.Field);
        Assert.Contains("'spec.replicas' is float64, but forEach needs a list or a map", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(Website web/hello)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("when: [{field: spec.expose, equals: \"true\"}]", 1)]
    [InlineData("when: [{field: spec.expose, equals: \"false\"}]", 0)]
    [InlineData("when: [{field: spec.replicas, gt: \"5\"}]\nor: [{field: spec.expose, equals: \"true\"}]", 0)]
    [InlineData("or: [{field: spec.replicas, gt: \"5\"}, {field: spec.expose, equals: \"true\"}]", 1)]
    public void When_and_or_decide_whether_the_item_is_rendered(string conditions, int count)
    {
        var renderer = Renderer(WidgetItem("metadata: {name: x}\n" + conditions));

        var result = renderer.Render(Cr, ResourcePhase.Reconcile);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(count, result.Resources.Count);
    }

    [Fact]
    public void Children_get_system_labels_and_an_owner_reference_in_the_owners_namespace()
    {
        var resource = Assert.Single(Renderer(WidgetItem("""
                        metadata: {name: x, labels: {tier: web}}
            """)).Render(Cr, ResourcePhase.Reconcile).Resources);

        var metadata = resource.Object["metadata"]!;
        Assert.Equal("web", (string?)metadata["namespace"]);
        Assert.Equal("web", (string?)metadata["labels"]!["tier"]);
        Assert.Equal("orkestra", (string?)metadata["labels"]!["managed-by"]);
        Assert.Equal("hello", (string?)metadata["labels"]!["orkestra-owner"]);
        Assert.Equal("1234-abcd", (string?)metadata["labels"]!["orkestra.io/owner-uid"]);
        var owner = Assert.Single(metadata["ownerReferences"]!.AsArray())!;
        Assert.Equal("1234-abcd", (string?)owner["uid"]);
        Assert.True((bool)owner["controller"]!);
        Assert.True((bool)owner["blockOwnerDeletion"]!);
        Assert.True(resource.Reconcile);
        Assert.False(resource.CreateOnly);
    }

    [Fact]
    public void A_child_in_another_namespace_is_tracked_by_labels_not_an_owner_reference()
    {
        var resource = Assert.Single(Renderer(WidgetItem("""
                        metadata: {name: x, namespace: shared}
            """)).Render(Cr, ResourcePhase.Reconcile).Resources);

        var metadata = resource.Object["metadata"]!;
        Assert.Null(metadata["ownerReferences"]);
        Assert.Equal("hello", (string?)metadata["labels"]!["orkestra.io/owner"]);
        Assert.Equal("web", (string?)metadata["labels"]!["orkestra.io/owner-namespace"]);
    }

    [Fact]
    public void A_cluster_scoped_owner_owns_namespaced_children()
    {
        var cr = (JsonObject)Cr.DeepClone();
        cr["metadata"]!.AsObject().Remove("namespace");
        var resource = Assert.Single(Renderer(WidgetItem("""
                        metadata: {name: x, namespace: apps}
            """), namespaced: "Cluster").Render(cr, ResourcePhase.Reconcile).Resources);

        Assert.NotNull(resource.Object["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void Long_label_values_are_shortened_with_a_hash_never_rejected()
    {
        var name = new string('a', 80);
        var shortened = SystemMetadata.LabelValue(name);

        Assert.Equal(63, shortened.Length);
        Assert.NotEqual(shortened, SystemMetadata.LabelValue(new string('a', 79) + "b"));
        Assert.Equal("short", SystemMetadata.LabelValue("short"));
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", SystemMetadata.LabelValue(new string('x', 52) + "---------------"));
    }

    [Fact]
    public void An_invalid_rendered_name_is_an_error_naming_the_field_the_template_and_the_cr()
    {
        var result = Renderer(WidgetItem("""
                        metadata: {name: "{{ .spec.name }}"}
            """)).Render(Cr, ResourcePhase.Reconcile);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.crds.website.operatorBox.reconcile.onReconcile.custom[0].metadata.name", error.Field);
        Assert.Contains("'Not_Valid' is not a valid Kubernetes name (rendered from '{{ .spec.name }}')", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(Website web/hello)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_fails_is_an_error_naming_the_field_and_the_cr_and_other_items_still_render()
    {
        var result = Renderer("""
                  onReconcile:
                    custom:
                      - apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: bad}
                        data: {x: "{{ index .spec.regions 5 }}"}
                      - apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: good}
            """).Render(Cr, ResourcePhase.Reconcile);

        var error = Assert.Single(result.Errors);
        Assert.Equal("spec.crds.website.operatorBox.reconcile.onReconcile.custom[0].data.x", error.Field);
        Assert.Contains("index out of range: 5", error.Message, StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(result.Resources).Name);
    }

    [Fact]
    public void OnCreate_items_are_create_only_unless_reconcile_true_which_wins_over_once()
    {
        var result = Renderer("""
                  onCreate:
                    custom:
                      - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
                      - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, reconcile: true}
                      - {apiVersion: v1, kind: Secret, metadata: {name: c}, reconcile: true, once: true, sleep: 2s}
            """).Render(Cr, ResourcePhase.Create);

        Assert.Equal([true, false, false], result.Resources.Select(r => r.CreateOnly));
        Assert.True(result.Resources[2].Once);
        Assert.Equal(TimeSpan.FromSeconds(2), result.Resources[2].Sleep);
    }

    [Fact]
    public void A_built_in_kind_written_as_custom_keeps_the_apis_types()
    {
        var data = Assert.Single(Renderer("""
            onReconcile:
              custom:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: x}
                  data: {replicas: "{{ .spec.replicas }}", expose: "{{ .spec.expose }}"}
            """).Render(Cr, ResourcePhase.Reconcile).Resources).Object["data"]!;

        Assert.Equal("2", (string?)data["replicas"]);
        Assert.Equal("true", (string?)data["expose"]);
    }

    [Fact]
    public void Custom_values_are_typed_as_yaml_would_type_the_same_text()
    {
        var data = Assert.Single(Renderer(WidgetItem("""
                        metadata: {name: x}
                        spec:
                          count: "{{ .spec.replicas }}"
                          flag: "{{ .spec.expose }}"
                          text: "{{ .metadata.name }}"
                          quoted: '"{{ .spec.replicas }}"'
                          ratio: "{{ div 5 2 }}"
                          plain: "007"
            """)).Render(Cr, ResourcePhase.Reconcile).Resources).Object["spec"]!;

        Assert.Equal(2, (long)data["count"]!);
        Assert.True((bool)data["flag"]!);
        Assert.Equal("hello", (string?)data["text"]);
        Assert.Equal("2", (string?)data["quoted"]);
        Assert.Equal("007", (string?)data["plain"]);
    }

    [Fact]
    public void Rendering_is_safe_from_several_threads()
    {
        var renderer = Renderer(WidgetItem("""
                        forEach: {field: spec.regions}
                        metadata: {name: "{{ .metadata.name }}-{{ .item }}"}
                        data: {replicas: "{{ .spec.replicas }}"}
            """));

        var names = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 200, _ =>
        {
            foreach (var resource in renderer.Render(Cr, ResourcePhase.Reconcile).Resources)
            {
                names.Add(resource.Name);
            }
        });

        Assert.Equal(400, names.Count);
        Assert.Equal(["hello-eu", "hello-us"], names.Distinct().Order());
    }

    [Fact]
    public void Motif_inputs_are_rendered_against_the_cr_and_seen_as_inputs()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", TestKatalogs.WebsiteCrd)
            .Add("k/motif.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Motif
                metadata: {name: config}
                inputs:
                  - {name: greeting, required: true}
                  - {name: size, default: "3"}
                resources:
                  custom:
                    - apiVersion: v1
                      kind: ConfigMap
                      metadata: {name: "{{ .metadata.name }}-motif"}
                      data: {greeting: "{{ .inputs.greeting }}", size: "{{ .inputs.size }}"}
                """)
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                spec:
                  crds:
                    website:
                      crdFile: ./crd.yaml
                      operatorBox:
                        reconcile:
                          imports:
                            - motif: ./motif.yaml
                              with: {greeting: "hello {{ .metadata.namespace }}"}
                """);
        var load = DocumentLoader.Load("k/katalog.yaml", host);
        Assert.Empty(load.Diagnostics);
        var katalog = load.Documents.OfType<KatalogDocument>().Single();

        var resource = Assert.Single(ResourceRenderer.Create(katalog, katalog.Crds[0]).Render(Cr, ResourcePhase.Reconcile).Resources);

        Assert.Equal("hello-motif", resource.Name);
        Assert.Equal("hello web", (string?)resource.Object["data"]!["greeting"]);
        Assert.Equal("3", (string?)resource.Object["data"]!["size"]);
    }
}
