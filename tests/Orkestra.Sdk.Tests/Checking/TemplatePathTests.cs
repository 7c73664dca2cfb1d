using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;

namespace Orkestra.Sdk.Tests.Checking;

/// <summary>Checked templates (ORK110, ORK111): template paths and calls against the CRD's schema, as the loader reports them.</summary>
public sealed class TemplatePathTests
{
    // v1 (storage) and v2 (served): v2 is v1 plus spec.newField.
    private static readonly string Crd = CrdHead + "\n" + Version("v1", storage: true) + "\n"
        + Version("v2", storage: false).Replace(ImageLine, ImageLine + "\n                newField: {type: string}", StringComparison.Ordinal);

    private const string ImageLine = "                image: {type: string}";

    private const string CrdHead = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: shops.demo.io}
        spec:
          group: demo.io
          scope: Namespaced
          names: {kind: Shop, plural: shops}
          versions:
        """;

    // One version of the CRD.
    private static string Version(string name, bool storage)
    {
        var text = """
                - name: {0}
                  served: true
                  storage: {1}
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          properties:
                            image: {type: string}
                            replicas: {type: integer}
                            shards:
                              type: array
                              items:
                                type: object
                                properties:
                                  name: {type: string}
                                  size: {type: integer}
                            labels:
                              type: object
                              additionalProperties: {type: string}
                            limits:
                              type: object
                              properties:
                                cpu: {type: string}
                                memory: {type: string}
                            config:
                              type: object
                              x-kubernetes-preserve-unknown-fields: true
                            features:
                              type: object
                              additionalProperties:
                                type: object
                                properties:
                                  enabled: {type: boolean}
                            mode:
                              anyOf: [{type: string}, {type: integer}]
                        status:
                          type: object
                          properties:
                            phase: {type: string}
                            endpoints:
                              type: object
                              properties:
                                url: {type: string}
            """;
        return text.Replace("{0}", name, StringComparison.Ordinal).Replace("{1}", storage ? "true" : "false", StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_is_reported_at_its_line_and_column_with_the_closest_field()
    {
        var diagnostic = Assert.Single(CheckTemplate("{{ .spec.imagee }}"));

        Assert.Equal("ORK110", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal((14, 35), (diagnostic.Location.Line, diagnostic.Location.Column)); // the '.' before imagee
        Assert.Equal(
            "spec.crds.shop.operatorBox.reconcile.onReconcile.configMaps[0].data.value: '.spec.imagee' is not in the CRD schema: '.spec' is object (fields config, features, image, labels, limits, mode, replicas, shards), without 'imagee'; did you mean '.spec.image'? (template line 1, column 9)",
            diagnostic.Message);
    }

    [Fact]
    public void In_a_block_scalar_the_message_says_where_in_the_template()
    {
        var diagnostic = Assert.Single(Check("data:\n  config: |\n    image={{ .spec.image }}\n    count={{ .spec.replicas }}{{ .spec.replicaz }}"));

        Assert.Equal((14, 27), (diagnostic.Location.Line, diagnostic.Location.Column)); // the block scalar's indicator
        Assert.EndsWith("did you mean '.spec.replicas'? (template line 2, column 35)", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ .spec.image }}")]
    [InlineData("{{ .metadata.name }}/{{ .metadata.labels.app }}/{{ .metadata.annotations.note }}/{{ .metadata.generation }}")]
    [InlineData("{{ .status.phase }}{{ .status.endpoints.url }}")]
    [InlineData("{{ .children.deployment.status.readyReplicas }}{{ .external.api.body }}{{ .cross.db.spec.x }}")]
    [InlineData("{{ .spec.config.anything.at.all }}")] // x-kubernetes-preserve-unknown-fields
    [InlineData("{{ .spec.labels.whatever }}")] // a map
    [InlineData("{{ .spec.features.search.enabled }}")] // a map of objects
    [InlineData("{{ .spec.mode.anything }}")] // anyOf
    [InlineData("{{ .spec.newField }}")] // only in v2, a served version
    [InlineData("{{ .apiVersion }}{{ .kind }}{{ $.spec.image }}")]
    [InlineData("{{ (index .spec.shards 0).name }}{{ index .spec.labels \"any\" }}{{ index .spec.limits \"cpu\" }}")]
    [InlineData("{{ .spec.image | default \"nginx\" }}{{ printf \"%s-%d\" .spec.image 3 }}{{ toUpper .spec.image }}")]
    [InlineData("{{ range $i, $s := .spec.shards }}{{ $i }}{{ $s.name }}{{ .size }}{{ end }}")]
    [InlineData("{{ with .spec.limits }}{{ .cpu }}{{ else }}{{ .spec.image }}{{ end }}")]
    [InlineData("{{ $l := .spec.limits }}{{ $l.memory }}{{ with $x := .spec.shards }}{{ len $x }}{{ end }}")]
    [InlineData("{{ range $k, $v := .spec.features }}{{ $k }}{{ $v.enabled }}{{ end }}")]
    public void Valid_and_open_paths_are_not_flagged(string template) =>
        Assert.Empty(CheckTemplate(template));

    [Theory]
    [InlineData("{{ .spec.features.search.enabld }}", "'.spec.features.search.enabld' is not in the CRD schema: '.spec.features.search' is object (fields enabled), without 'enabld'; did you mean '.spec.features.search.enabled'?")]
    [InlineData("{{ range .spec.shards }}{{ .nmae }}{{ end }}", "'.spec.shards[].nmae' is not in the CRD schema: '.spec.shards[]' is object (fields name, size), without 'nmae'; did you mean '.spec.shards[].name'?")]
    [InlineData("{{ range $s := .spec.shards }}{{ $s.sise }}{{ end }}", "'.spec.shards[].sise' is not in the CRD schema: '.spec.shards[]' is object (fields name, size), without 'sise'; did you mean '.spec.shards[].size'?")]
    [InlineData("{{ with .spec.limits }}{{ .cpux }}{{ end }}", "'.spec.limits.cpux' is not in the CRD schema: '.spec.limits' is object (fields cpu, memory), without 'cpux'; did you mean '.spec.limits.cpu'?")]
    [InlineData("{{ $l := .spec.limits }}{{ $l.mem }}", "'.spec.limits.mem' is not in the CRD schema: '.spec.limits' is object (fields cpu, memory), without 'mem'")]
    [InlineData("{{ index .spec.limits \"cpux\" }}", "'index '.spec.limits' \"cpux\"' is not in the CRD schema: '.spec.limits' is object (fields cpu, memory), without 'cpux'; did you mean '\"cpu\"'?")]
    [InlineData("{{ .spec.image.tag }}", "'.spec.image.tag' is not in the CRD schema: '.spec.image' is a string, which has no fields")]
    [InlineData("{{ .status.phasee }}", "'.status.phasee' is not in the CRD schema: '.status' is object (fields endpoints, phase), without 'phasee'; did you mean '.status.phase'?")]
    [InlineData("{{ .metadata.nmae }}", "'.metadata.nmae' is not in the CRD schema: '.metadata' is object (fields annotations, creationTimestamp, deletionGracePeriodSeconds, deletionTimestamp, finalizers, generateName, generation, labels, …), without 'nmae'; did you mean '.metadata.name'?")]
    public void Wrong_paths_are_flagged_through_every_construct(string template, string message)
    {
        var diagnostic = Assert.Single(CheckTemplate(template));

        Assert.Equal("ORK110", diagnostic.Id);
        Assert.Contains(": " + message + " (template line 1, column ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ default .spec.image }}", "'default' takes 2 arguments (default FALLBACK VALUE) but is given 1 argument (a piped value counts as the last)")]
    [InlineData("{{ .spec.image | toUpper \"x\" }}", "'toUpper' takes 1 argument (toUpper S) but is given 2 arguments (a piped value counts as the last)")]
    public void Notes_functions_with_the_wrong_number_of_arguments_are_flagged(string template, string message)
    {
        var diagnostic = Assert.Single(CheckTemplate(template));

        Assert.Equal("ORK111", diagnostic.Id);
        Assert.Contains(": " + message + " (template line 1, column ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEach_items_have_the_schema_of_the_list_items_or_map_values()
    {
        var diagnostics = Check("forEach: {field: spec.shards, as: shard}\ndata:\n  value: \"{{ .shard.name }}-{{ .item.size }}-{{ .index }}-{{ .shard.sise }}\"");
        Assert.Contains("'.shard.sise' is not in the CRD schema: '.shard' is object (fields name, size), without 'sise'; did you mean '.shard.size'?", Assert.Single(diagnostics).Message, StringComparison.Ordinal);

        diagnostics = Check("forEach: {field: spec.features}\ndata:\n  value: \"{{ .item }}-{{ .value.enabled }}-{{ .value.on }}\"");
        Assert.Contains("'.value.on' is not in the CRD schema: '.value' is object (fields enabled), without 'on'", Assert.Single(diagnostics).Message, StringComparison.Ordinal);

        diagnostics = Check("forEach: {field: spec.shard}\ndata:\n  value: \"{{ .item.anything }}\"");
        Assert.EndsWith("'.spec.shard' is not in the CRD schema: '.spec' is object (fields config, features, image, labels, limits, mode, replicas, shards), without 'shard'; did you mean '.spec.shards'?", Assert.Single(diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Condition_fields_and_status_paths_are_checked()
    {
        var diagnostics = Check(
            "when:\n  - field: spec.replicsa\n    gt: \"1\"\n  - field: \"{{ .spec.image }}\"\n    equals: nginx",
            "emit:\n  status:\n    fields:\n      - path: phase\n        value: Running\n      - path: status.endpoints.url\n        value: x\n      - path: phasee\n        value: x");

        Assert.Equal(2, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.Message.EndsWith("'.spec.replicsa' is not in the CRD schema: '.spec' is object (fields config, features, image, labels, limits, mode, replicas, shards), without 'replicsa'; did you mean '.spec.replicas'?", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.EndsWith("'.status.phasee' is not in the CRD schema: '.status' is object (fields endpoints, phase), without 'phasee'; did you mean '.status.phase'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Motif_templates_are_checked_against_each_importing_crd_and_inputs_against_the_motifs_inputs()
    {
        var host = new InMemoryHost()
            .Add("k/crd.yaml", Crd)
            .Add("k/other.yaml", Crd.Replace("shops.demo.io", "others.demo.io", StringComparison.Ordinal).Replace("{kind: Shop, plural: shops}", "{kind: Other, plural: others}", StringComparison.Ordinal).Replace("replicas: {type: integer}", "count: {type: integer}", StringComparison.Ordinal))
            .Add("k/motif.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Motif
                metadata: {name: web}
                inputs: [{name: image, required: true}]
                resources:
                  configMaps:
                    - name: "{{ .metadata.name }}"
                      data: {replicas: "{{ .spec.replicas }}", image: "{{ .inputs.image }}{{ .inputs.imag }}"}
                """)
            .Add("k/katalog.yaml", """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata: {name: shop}
                spec:
                  crds:
                    shop:
                      crdFile: ./crd.yaml
                      imports: [{motif: ./motif.yaml, with: {image: nginx}}]
                    other:
                      crdFile: ./other.yaml
                      imports: [{motif: ./motif.yaml, with: {image: nginx}}]
                """);

        var diagnostics = DocumentLoader.Load("k/katalog.yaml", host).Diagnostics.Where(d => d.Id == "ORK110").ToList();

        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal("k/motif.yaml", d.Location.Path));
        Assert.Contains(diagnostics, d => d.Message.StartsWith("spec.crds.other.", StringComparison.Ordinal) && d.Message.Contains("'.spec.replicas' is not in the CRD schema", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message.Contains("'.inputs.imag' is not in the CRD schema: '.inputs' is object (fields image), without 'imag'; did you mean '.inputs.image'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_seeded_mistake_is_reported_at_its_line_and_column_and_nothing_else()
    {
        var folder = Path.Combine(Kubernetes.Client.ClientFixtures.RepoRoot, "tests", "Orkestra.Sdk.Tests", "Checking", "Seeded");
        var expected = new List<string>();
        foreach (var file in new[] { "katalog.yaml", "motif.yaml" })
        {
            var lines = File.ReadAllLines(Path.Combine(folder, file));
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = lines[i].IndexOf("# expect ", StringComparison.Ordinal);
                if (marker > 0)
                {
                    var parts = lines[i][(marker + "# expect ".Length)..].Split(' ', 2);
                    expected.Add($"{file}({i + 1},{lines[i].IndexOf(parts[1], StringComparison.Ordinal) + 1}) {parts[0]}");
                }
            }
        }

        var result = DocumentLoader.Load(Path.Combine(folder, "katalog.yaml"), PhysicalDocumentHost.Instance);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var found = result.Diagnostics
            .Where(d => d.Id is "ORK110" or "ORK111")
            .Select(d => $"{Path.GetFileName(d.Location.Path)}({d.Location.Line},{d.Location.Column}) {d.Id}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), found);
    }

    // A configMap item whose data.value is the template.
    private static List<Diagnostic> CheckTemplate(string template) =>
        Check("data:\n  value: \"" + template.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");

    // Loads a katalog with one configMap item (`- name: x` then the lines of `item`) and `operatorBox` lines, and returns
    // its ORK110/ORK111 diagnostics.
    private static List<Diagnostic> Check(string item, string operatorBox = "")
    {
        static string Indent(string text, int by) =>
            string.Join("\n", text.Split('\n').Where(l => l.Length > 0).Select(l => new string(' ', by) + l));

        var katalog = "apiVersion: orkestra.orkspace.io/v1\nkind: Katalog\nmetadata: {name: shop}\nspec:\n  crds:\n    shop:\n"
            + "      crdFile: ./crd.yaml\n      operatorBox:\n        reconcile:\n          onReconcile:\n            configMaps:\n"
            + "              - name: x\n" + Indent(item, 16) + "\n" + Indent(operatorBox, 8) + "\n";
        var result = DocumentLoader.Load("k/katalog.yaml", new InMemoryHost().Add("k/crd.yaml", Crd).Add("k/katalog.yaml", katalog));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Diagnostics.Where(d => d.Id is "ORK110" or "ORK111").ToList();
    }
}
