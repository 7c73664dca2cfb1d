using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Sdk.Tests;

public class IncludeTests
{
    private const string Crd = Resources.TestKatalogs.WebsiteCrd;


    private static InMemoryHost Host(string operatorBox, string admission = "{}") => new InMemoryHost()
        .Add("k/crd.yaml", Crd)
        .Add("k/katalog.yaml", $$"""
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  admission: {{admission}}
                  operatorBox: {{operatorBox}}
            """);

    private static (LoadResult Result, CrdEntry Entry, KatalogDocument Katalog) Load(InMemoryHost host)
    {
        var result = DocumentLoader.Load("k/katalog.yaml", host);
        var katalog = result.Documents.OfType<KatalogDocument>().Single();
        return (result, katalog.Crds.Single(), katalog);
    }

    private static YamlNode? At(YamlNode? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            node = key.All(char.IsDigit) ? (node as YamlSequence)?.Items.ElementAtOrDefault(int.Parse(key)) : (node as YamlMapping)?[key];
        }

        return node;
    }

    private static string? Text(YamlNode? node, string path) => (At(node, path) as YamlScalar)?.Value;

    [Fact]
    public void Status_and_validation_fragments_come_before_the_inline_lists_and_are_parsed_at_load()
    {
        var host = Host(
                "{emit: {status: {include: ./inc/status.yaml, fields: [{path: own, value: inline}]}}}",
                "{validation: {include: [./inc/rules.yaml], rules: [{field: spec.b, operator: exists, message: b}]}}")
            .Add("k/inc/status.yaml", """
                fields:
                  - path: phase
                    value: "{{ .spec.image | toUpper }}"
                """)
            .Add("k/inc/rules.yaml", """
                rules:
                  - field: spec.a
                    operator: exists
                    message: "a is required for {{ .metadata.name }}"
                """);

        var (result, entry, katalog) = Load(host);

        Assert.Empty(result.Diagnostics);
        var status = At(entry.Node, "operatorBox.emit.status");
        Assert.Null(At(status, "include"));
        Assert.Equal(["phase", "own"], ((YamlSequence)At(status, "fields")!).Items.Select(f => Text(f, "path")));
        Assert.Equal(["spec.a", "spec.b"], ((YamlSequence)At(entry.Node, "admission.validation.rules")!).Items.Select(r => Text(r, "field")));

        // The fragment's templates are parsed like inline ones, located in the fragment.
        var template = Assert.Single(katalog.Templates.Keys, k => k.Value.Contains("toUpper", StringComparison.Ordinal));
        Assert.Equal("k/inc/status.yaml", template.Location.Path);
        Assert.Equal(3, template.Location.Line);
    }

    [Fact]
    public void Reconcile_fragment_goes_under_the_inline_block_and_may_wrap_itself_in_its_key()
    {
        var host = Host("{reconcile: {include: ./shared.yaml, workers: 8, hooks: {args: {mode: inline}}}}")
            .Add("k/shared.yaml", """
                reconciler:
                  workers: 2
                  resync: 30s
                  hooks:
                    class: Demo.Hooks
                    args: {mode: shared, region: eu}
                  onReconcile:
                    deployments:
                      - image: nginx
                """);

        var (result, entry, _) = Load(host);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("8", entry.Workers);
        Assert.Equal("30s", entry.Resync);
        Assert.Equal("inline", Text(entry.Reconcile, "hooks.args.mode"));
        Assert.Equal("eu", Text(entry.Reconcile, "hooks.args.region"));
        Assert.Equal("Demo.Hooks", Text(entry.Reconcile, "hooks.class"));
        Assert.Equal("nginx", Text(entry.Reconcile, "onReconcile.deployments.0.image"));
    }

    [Fact]
    public void Later_files_win_over_earlier_ones_and_lists_keep_file_order()
    {
        var host = Host("{reconcile: {include: [./a.yaml, ./b.yaml], onReconcile: {configMaps: [{name: c}]}}}")
            .Add("k/a.yaml", "workers: 1\nresync: 10s\nonReconcile: {configMaps: [{name: a}]}\n")
            .Add("k/b.yaml", "workers: 2\nonReconcile: {configMaps: [{name: b}]}\n");

        var (result, entry, _) = Load(host);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("2", entry.Workers);
        Assert.Equal("10s", entry.Resync);
        Assert.Equal(["a", "b", "c"], ((YamlSequence)At(entry.Reconcile, "onReconcile.configMaps")!).Items.Select(i => Text(i, "name")));
    }

    [Fact]
    public void A_fragment_included_twice_is_merged_into_each_block_independently()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", Crd)
            .Add("k/crd2.yaml", Crd.Replace("websites", "blogs").Replace("Website", "Blog").Replace("website", "blog"))
            .Add("k/status.yaml", "fields: [{path: phase, value: Ready}]\n")
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                spec:
                  crds:
                    website:
                      crdFile: ./crd.yaml
                      operatorBox: {emit: {status: {include: ./status.yaml, fields: [{path: one, value: "1"}]}}}
                    blog:
                      crdFile: ./crd2.yaml
                      operatorBox: {emit: {status: {include: ./status.yaml}}}
                """);

        var result = DocumentLoader.Load("k/katalog.yaml", host);

        Assert.Empty(result.Diagnostics);
        var crds = result.Documents.OfType<KatalogDocument>().Single().Crds;
        Assert.Equal(2, ((YamlSequence)At(crds[0].Node, "operatorBox.emit.status.fields")!).Items.Count);
        Assert.Single(((YamlSequence)At(crds[1].Node, "operatorBox.emit.status.fields")!).Items);
    }

    [Fact]
    public void Mistakes_in_a_fragment_are_reported_in_the_fragment()
    {
        var host = Host("{emit: {status: {include: ./status.yaml}}}")
            .Add("k/status.yaml", """
                fields:
                  - path: phase
                    valeu: Ready
                  - path: other
                    value: "{{ .spec.x | nosuchfn }}"
                """);

        var (result, _, _) = Load(host);

        Assert.Contains(result.Diagnostics, d => d.Id == "ORK020" && d.Location.Path == "k/status.yaml" && d.Location.Line == 3 && d.Message.Contains("value", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK060" && d.Location.Path == "k/status.yaml" && d.Location.Line == 5 && d.Message.Contains("nosuchfn", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_cyclic_and_non_mapping_fragments_are_errors_at_the_include()
    {
        var host = Host("{reconcile: {include: [./missing.yaml, ./list.yaml, ./loop.yaml]}}")
            .Add("k/list.yaml", "- a\n- b\n")
            .Add("k/loop.yaml", "include: ./loop.yaml\nworkers: 2\n");

        var (result, entry, _) = Load(host);

        Assert.Contains(result.Diagnostics, d => d.Id == "ORK008" && d.Message.Contains("missing.yaml", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK025" && d.Message.Contains("a sequence", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "ORK042" && d.Location.Path == "k/loop.yaml");
        Assert.Equal("2", entry.Workers);
    }

    [Fact]
    public void Notes_fragments_define_functions_templates_can_call()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", Crd)
            .Add("k/notes.yaml", "functions:\n  - {name: greeting, expression: \"hello {{ .metadata.name }}\"}\n")
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: web}
                notes: {include: ./notes.yaml}
                spec:
                  crds:
                    website:
                      crdFile: ./crd.yaml
                      operatorBox: {reconcile: {onReconcile: {configMaps: [{data: {g: "{{ greeting }}"}}]}}}
                """);

        var (result, _, katalog) = Load(host);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("greeting", Text(katalog.Node, "notes.functions.0.name"));
    }
}
