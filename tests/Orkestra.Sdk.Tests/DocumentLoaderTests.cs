using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Sdk.Tests;

public class DocumentLoaderTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: websites.demo.io}
        spec:
          group: demo.io
          scope: Namespaced
          names: {kind: Website, plural: websites, singular: website}
          versions:
            - {name: v1beta1, served: true, storage: false}
            - {name: v1, served: true, storage: true}
        """;

    private static (LoadResult Result, KatalogDocument Katalog) LoadKatalog(InMemoryHost host, string path = "k/katalog.yaml")
    {
        var result = DocumentLoader.Load(path, host);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "ORK900");
        var katalog = result.Documents.OfType<KatalogDocument>().FirstOrDefault()
            ?? result.Documents.OfType<KomposerDocument>().Select(k => k.Katalog).FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException("no katalog:\n" + string.Join("\n", result.Diagnostics));
        return (result, katalog);
    }

    private static string Dump(LoadResult result) => string.Join(Environment.NewLine, result.Diagnostics);

    private static YamlNode? At(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            node = (node as YamlMapping)?[key] ?? (YamlNode?)null!;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    [Fact]
    public void Current_layout_loads_clean_and_infers_the_kind_from_the_crd_file()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", Crd)
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
                          workers: 4
                          onReconcile:
                            deployments:
                              - image: "{{ .spec.image }}"
                """);

        var (result, katalog) = LoadKatalog(host);

        Assert.Empty(result.Diagnostics);
        var entry = Assert.Single(katalog.Crds);
        Assert.Equal(new ApiTypes("demo.io", "v1", "Website", "websites"), entry.ApiTypes);
        Assert.Equal(["v1", "v1beta1"], entry.Crd!.Versions);
        Assert.True(entry.Namespaced);
        Assert.Equal("4", entry.Workers);
        Assert.False(entry.IsBuiltIn);
    }

    [Fact]
    public void Older_operatorBox_keys_move_to_the_current_layout_with_a_warning_each()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            spec:
              crds:
                website:
                  apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                  workers: 2
                  validation:
                    rules: [{field: spec.image, exists: true, message: image is required}]
                  operatorBox:
                    default: true
                    status:
                      fields: [{path: phase, value: Running}]
                    onCreate:
                      deployments: [{image: nginx, anyOf: [{field: spec.a, equals: x}]}]
            """);

        var (result, katalog) = LoadKatalog(host);
        var entry = Assert.Single(katalog.Crds);

        Assert.False(result.HasErrors, Dump(result));
        Assert.Equal(6, result.Diagnostics.Count(d => d.Id == "ORK021"));
        Assert.Contains(result.Diagnostics, d => d.Message == "'spec.crds.website.operatorBox.onCreate' is an older spelling; write 'spec.crds.website.operatorBox.reconcile.onCreate'");
        Assert.Equal("2", entry.Workers);
        Assert.NotNull(At(entry.Node, "admission.validation.rules"));
        Assert.NotNull(At(entry.Node, "operatorBox.emit.status.fields"));
        Assert.NotNull(At(entry.Node, "operatorBox.reconcile.default"));
        var deployment = Assert.IsType<YamlMapping>(Assert.IsType<YamlSequence>(At(entry.Node, "operatorBox.reconcile.onCreate.deployments")).Items[0]);
        Assert.True(deployment.Contains("or"));
        Assert.False(deployment.Contains("anyOf"));
        Assert.Null(entry.Node["workers"]);
    }

    [Fact]
    public void Reconciler_merges_into_reconcile_and_a_key_given_twice_is_an_error()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            spec:
              crds:
                website:
                  apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                  operatorBox:
                    reconcile:
                      workers: 2
                    reconciler:
                      resync: 1m
                      workers: 3
            """);

        var (result, katalog) = LoadKatalog(host);

        var clash = Assert.Single(result.Diagnostics, d => d.Id == "ORK028");
        Assert.Equal(13, clash.Location.Line);
        Assert.Equal("2", katalog.Crds[0].Workers);
        Assert.Equal("1m", katalog.Crds[0].Resync);
    }

    [Fact]
    public void Konductor_layout_with_list_crds_and_top_level_reconciler_loads_with_warnings()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.konductor.io/v1Alpha
            kind: Katalog
            metadata: {name: old}
            spec:
              crds:
                - name: website
                  apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                  resync: 30s
                  reconciler:
                    default: true
                    onCreate:
                      deployments:
                        - image: nginx
                          labels: [{key: tier, value: web}]
            """);

        var (result, katalog) = LoadKatalog(host);

        Assert.False(result.HasErrors, Dump(result));
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK013" && d.Location.Line == 1);
        Assert.Equal("website", Assert.Single(katalog.Crds).Name);
        Assert.Equal("30s", katalog.Crds[0].Resync);
        var labels = Assert.IsType<YamlMapping>(At(katalog.Crds[0].Node, "operatorBox.reconcile.onCreate.deployments") is YamlSequence s ? ((YamlMapping)s.Items[0])["labels"] : null);
        Assert.Equal("web", labels.GetString("tier"));
    }

    [Fact]
    public void Unknown_keys_warn_with_a_suggestion_and_unacted_blocks_get_an_info()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            security:
              deletionProtection: {enabled: true}
            spec:
              crds:
                website:
                  apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                  operatorBox:
                    reconcile:
                      hooks: {class: Acme.Hooks, location: ./hooks}
                      onReconcile:
                        deployments: [{imag: nginx}]
            """);

        var (result, _) = LoadKatalog(host);

        var unknown = Assert.Single(result.Diagnostics, d => d.Id == "ORK020");
        Assert.Equal((14, 28), (unknown.Location.Line, unknown.Location.Column));
        Assert.EndsWith("did you mean 'image'?", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK022" && d.Severity == DiagnosticSeverity.Info && d.Message.StartsWith("'security'", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK029" && d.Message.StartsWith("'spec.crds.website.operatorBox.reconcile.hooks.location'", StringComparison.Ordinal));
    }

    [Fact]
    public void Built_in_kinds_are_filled_in_from_the_kind_alone()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: ns}
            spec:
              crds:
                namespaces:
                  apiTypes: {kind: Namespace}
            """);

        var (result, katalog) = LoadKatalog(host);

        Assert.Empty(result.Diagnostics);
        var entry = katalog.Crds[0];
        Assert.Equal(new ApiTypes(string.Empty, "v1", "Namespace", "namespaces"), entry.ApiTypes);
        Assert.True(entry.IsBuiltIn);
        Assert.False(entry.Namespaced);
    }

    [Fact]
    public void Apitypes_that_disagree_with_the_crd_file_are_reported_at_the_field()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", Crd)
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                spec:
                  crds:
                    website:
                      crdFile: crd.yaml
                      apiTypes: {group: demo.io, version: v2, kind: Site, plural: websites}
                """);

        var (result, _) = LoadKatalog(host);

        var mismatches = result.Diagnostics.Where(d => d.Id == "ORK036").ToList();
        Assert.Equal(2, mismatches.Count);
        Assert.Contains(mismatches, d => d.Message.StartsWith("apiTypes.kind is 'Site', but crdFile 'crd.yaml' declares 'Website'", StringComparison.Ordinal));
        Assert.Contains(mismatches, d => d.Message.StartsWith("apiTypes.version is 'v2', but crdFile 'crd.yaml' declares 'v1', 'v1beta1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Motifs_expand_into_the_importing_entry()
    {
        var host = new InMemoryHost()
            .Add("k/motifs/web.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Motif
                metadata: {name: web}
                inputs:
                  - {name: image, required: true}
                  - {name: port, default: "8080"}
                resources:
                  onCreate:
                    secrets: [{name: "{{ .metadata.name }}-secret", once: true}]
                  deployments:
                    - {name: "{{ .metadata.name }}", image: "{{ .inputs.image }}"}
                status:
                  fields: [{path: ready, value: "yes"}]
                admission:
                  validation:
                    rules: [{field: spec.image, exists: true, message: image needed}]
                """)
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                spec:
                  crds:
                    website:
                      apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                      imports:
                        - motif: ./motifs/web.yaml
                          with: {image: "{{ .spec.image }}"}
                      operatorBox:
                        reconcile:
                          onReconcile:
                            deployments: [{name: own, image: busybox}]
                        emit:
                          status:
                            fields: [{path: ready, value: "no"}]
                """);

        var (result, katalog) = LoadKatalog(host);
        var entry = katalog.Crds[0];

        Assert.Empty(result.Diagnostics);
        var deployments = Assert.IsType<YamlSequence>(At(entry.Node, "operatorBox.reconcile.onReconcile.deployments"));
        Assert.Equal(["{{ .metadata.name }}", "own"], deployments.Items.Select(d => ((YamlMapping)d).GetString("name")));
        Assert.Single(Assert.IsType<YamlSequence>(At(entry.Node, "operatorBox.reconcile.onCreate.secrets")).Items);
        var fields = Assert.IsType<YamlSequence>(At(entry.Node, "operatorBox.emit.status.fields"));
        Assert.Equal(["yes", "no"], fields.Items.Select(f => ((YamlMapping)f).GetString("value")));
        Assert.Single(Assert.IsType<YamlSequence>(At(entry.Node, "admission.validation.rules")).Items);
        Assert.Equal("{{ .spec.image }}", entry.Inputs!.GetString("image"));
        Assert.Equal("8080", entry.Inputs.GetString("port"));
    }

    [Fact]
    public void Motif_inputs_are_checked_at_the_import()
    {
        var host = new InMemoryHost()
            .Add("k/m.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Motif
                metadata: {name: m}
                inputs: [{name: image, required: true}, {name: port}]
                resources: {}
                """)
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                spec:
                  crds:
                    website:
                      apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                      imports:
                        - motif: ./m.yaml
                          with: {prot: "80"}
                """);

        var (result, _) = LoadKatalog(host);

        var missing = Assert.Single(result.Diagnostics, d => d.Id == "ORK040");
        Assert.Equal((9, 18), (missing.Location.Line, missing.Location.Column));
        var unknown = Assert.Single(result.Diagnostics, d => d.Id == "ORK041");
        Assert.Equal("motif 'm' has no input 'prot' (its inputs: image, port); did you mean 'port'?", unknown.Message);
    }

    [Fact]
    public void Komposer_merges_files_and_applies_overrides()
    {
        var host = new InMemoryHost()
            .Add("p/a.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: a}
                spec:
                  crds:
                    website:
                      apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                      operatorBox: {reconcile: {workers: 1, resync: 10s}}
                """)
            .Add("p/b.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: b}
                spec:
                  crds:
                    cache:
                      apiTypes: {group: demo.io, version: v1, kind: Cache, plural: caches}
                      dependsOn: {website: healthy}
                """)
            .Add("p/komposer.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Komposer
                metadata: {name: platform}
                imports:
                  files: [./a.yaml, $B_KATALOG]
                spec:
                  crds:
                    website: {workers: 4}
                """);
        host.Environment["B_KATALOG"] = "./b.yaml";

        var (result, katalog) = LoadKatalog(host, "p/komposer.yaml");

        Assert.False(result.HasErrors, Dump(result));
        Assert.Equal(["website", "cache"], katalog.Crds.Select(c => c.Name));
        Assert.Equal("4", katalog.Crds[0].Workers);
        Assert.Equal("10s", katalog.Crds[0].Resync);
        Assert.Equal(new CrdDependency("website", "healthy", katalog.Crds[1].DependsOn[0].Location), katalog.Crds[1].DependsOn[0]);
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK021"); // spec.crds.website.workers is an older spelling
    }

    [Fact]
    public void Komposer_reports_duplicate_crds_and_overrides_of_unknown_crds()
    {
        const string Katalog = """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: a}
            spec:
              crds:
                website:
                  apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
            """;
        var host = new InMemoryHost()
            .Add("p/a.yaml", Katalog)
            .Add("p/b.yaml", Katalog)
            .Add("p/komposer.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Komposer
                metadata: {name: platform}
                imports:
                  files: [./a.yaml, ./b.yaml]
                spec:
                  crds:
                    websit: {enabled: false}
                """);

        var (result, _) = LoadKatalog(host, "p/komposer.yaml");

        Assert.Contains(result.Diagnostics, d => d.Id == "ORK031" && d.Location.Path == "p/b.yaml" && d.Message.Contains("p/a.yaml", StringComparison.Ordinal));
        var unknown = Assert.Single(result.Diagnostics, d => d.Id == "ORK032");
        Assert.Equal("spec.crds.websit overrides a CRD that no imported katalog declares; did you mean 'website'?", unknown.Message);
        Assert.Equal(("p/komposer.yaml", 8, 5), (unknown.Location.Path, unknown.Location.Line, unknown.Location.Column));
    }

    [Fact]
    public void Dependency_cycles_are_named()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            spec:
              crds:
                a: {apiTypes: {group: d.io, version: v1, kind: A, plural: as}, dependsOn: [b]}
                b: {apiTypes: {group: d.io, version: v1, kind: B, plural: bs}, dependsOn: [c]}
                c: {apiTypes: {group: d.io, version: v1, kind: C, plural: cs}, dependsOn: {a: healthy}}
            """);

        var (result, _) = LoadKatalog(host);

        var cycle = Assert.Single(result.Diagnostics);
        Assert.Equal("ORK034", cycle.Id);
        Assert.Equal("dependsOn forms a cycle: a → b → c → a; remove one of these dependencies", cycle.Message);
        Assert.Equal(8, cycle.Location.Line);
    }

    [Fact]
    public void Internal_errors_never_escape_on_garbage()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: [1, 2]\nspec: 7\n");

        var result = DocumentLoader.Load("k/katalog.yaml", host);

        Assert.Contains(result.Diagnostics, d => d.Id == "ORK023" && d.Location.Line == 3);
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK023" && d.Location.Line == 4);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "ORK900");
    }

    [Fact]
    public void Template_errors_are_reported_at_the_character_that_fails()
    {
        var host = new InMemoryHost().Add("k/katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            notes:
              functions:
                - {name: fullName, expression: "{{ .metadata.name }}-{{ .metadata.namespace }}"}
            spec:
              crds:
                website:
                  apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                  operatorBox:
                    reconcile:
                      onReconcile:
                        deployments:
                          - name: "{{ fullName }}"
                            image: '{{ .spec.image | defualt "nginx" }}'
                            replicas: |
                              {{ if .spec.replicas }}
                                {{ .spec.replicas }
                              {{ end }}
            """);

        var (result, katalog) = LoadKatalog(host);

        var unknown = Assert.Single(result.Diagnostics, d => d.Message.Contains("defualt", StringComparison.Ordinal));
        Assert.Equal("ORK060", unknown.Id);
        Assert.Equal((16, 42), (unknown.Location.Line, unknown.Location.Column));
        Assert.Equal(
            "spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0].image is not a valid template: function \"defualt\" not defined; did you mean 'default'? (template line 1, column 18)",
            unknown.Message);
        var block = Assert.Single(result.Diagnostics, d => d.Message.Contains("replicas", StringComparison.Ordinal));
        Assert.Equal((17, 27), (block.Location.Line, block.Location.Column));
        Assert.Contains("(template line 2", block.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Contains(katalog.Templates.Keys, scalar => scalar.Value == "{{ fullName }}");
    }

    [Fact]
    public void Notes_that_shadow_built_ins_warn_unless_they_say_so_and_motifs_may_not_define_one_note_twice()
    {
        const string Motif = """
            apiVersion: orkestra.orkspace.io/v1
            kind: Motif
            metadata: {name: NAME}
            notes:
              functions:
                - {name: tier, expression: "NAME"}
            resources:
              configMaps: [{name: "{{ tier }}-NAME"}]
            """;
        var host = new InMemoryHost()
            .Add("k/a.yaml", Motif.Replace("NAME", "a", StringComparison.Ordinal))
            .Add("k/b.yaml", Motif.Replace("NAME", "b", StringComparison.Ordinal))
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                notes:
                  functions:
                    - {name: toUpper, expression: "{{ .metadata.name }}-UP"}
                    - {name: toLower, expression: "{{ .metadata.name }}", shadow: true}
                spec:
                  crds:
                    website:
                      apiTypes: {group: demo.io, version: v1, kind: Website, plural: websites}
                      imports: [{motif: ./a.yaml}, {motif: ./b.yaml}]
                """);

        var (result, _) = LoadKatalog(host);

        var shadow = Assert.Single(result.Diagnostics, d => d.Id == "ORK061");
        Assert.Equal((6, 14), (shadow.Location.Line, shadow.Location.Column));
        var clash = Assert.Single(result.Diagnostics, d => d.Id == "ORK045");
        Assert.Equal("note 'tier' is defined by motif 'a' and by motif 'b'; rename one, or define it in the katalog, which wins", clash.Message);
        Assert.Equal(2, result.Diagnostics.Count);
    }

    [Fact]
    public void Placeholder_resource_keys_are_accepted_with_an_info()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", Crd)
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
                          onReconcile:
                            certificates:
                              - name: tls
                """);

        var (result, _) = LoadKatalog(host);

        var info = Assert.Single(result.Diagnostics);
        Assert.Equal("ORK070", info.Id);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(11, info.Location.Line);
        Assert.StartsWith("'spec.crds.website.operatorBox.reconcile.onReconcile.certificates' is a resource key", info.Message, StringComparison.Ordinal);
    }
}
