using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Cli.Tests;

/// <summary>
/// <c>ork template</c>, in-process: the expanded katalog, and with <c>--cr</c> the objects each CR yields. Outputs are
/// parsed and asserted on, not compared as text: the builders' output is still changing.
/// </summary>
public sealed class TemplateCommandTests : IDisposable
{
    private const string PlaceholderUid = "00000000-0000-0000-0000-000000000000";

    // A CRD with a schema default (spec.replicas: 3) shared by the katalogs below.
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: websites.demo.orkestra.io}
        spec:
          group: demo.orkestra.io
          scope: Namespaced
          names: {kind: Website, plural: websites, singular: website}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        image: {type: string}
                        replicas: {type: integer, default: 3}
                        regions: {type: array, items: {type: string}}
        """;

    // Only custom items: rendered by the renderer and the custom builder, whatever other builders exist.
    private const string CustomKatalog = """
        apiVersion: orkestra.orkspace.io/v1
        kind: Katalog
        metadata: {name: custom-only}
        spec:
          crds:
            website:
              crdFile: ./crd.yaml
              operatorBox:
                reconcile:
                  onCreate:
                    custom:
                      - apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: "{{ .metadata.name }}-seed"}
                        data: {uid: "{{ .metadata.uid }}"}
                  onReconcile:
                    custom:
                      - apiVersion: example.io/v1
                        kind: Widget
                        metadata: {name: "{{ .metadata.name }}-widget"}
                        spec: {replicas: "{{ .spec.replicas }}", image: "{{ .spec.image }}"}
                  onDelete:
                    custom:
                      - apiVersion: batch/v1
                        kind: Job
                        metadata: {name: "{{ .metadata.name }}-cleanup"}
                        spec:
                          template:
                            spec:
                              restartPolicy: Never
                              containers: [{name: cleanup, image: busybox}]
        """;

    private const string Cr = """
        apiVersion: demo.orkestra.io/v1
        kind: Website
        metadata:
          name: hello
          namespace: web
        spec:
          image: nginx:1.27
        """;

    private static readonly Regex ErrorLine = new(@"^(?<path>.+)\((?<line>\d+),(?<column>\d+)\): error( ORK\d{3})?: (?<message>.+)$");

    private readonly TempDirectory _temp = new();

    public TemplateCommandTests() => _temp.Write("crd.yaml", Crd);

    public void Dispose() => _temp.Dispose();

    // ── the expanded katalog ─────────────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task Katalog_is_printed_with_its_motif_and_include_merged()
    {
        _temp.Write("motif.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Motif
            metadata: {name: sidecar}
            inputs:
              - {name: image, required: true}
            resources:
              configMaps:
                - name: "{{ .metadata.name }}-motif"
                  data: {image: "{{ .inputs.image }}"}
            status:
              fields:
                - {path: fromMotif, value: "yes"}
            """);
        _temp.Write("status.yaml", """
            fields:
              - {path: fromInclude, value: "yes"}
            """);
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: merged}
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  imports:
                    - motif: ./motif.yaml
                      with: {image: busybox}
                  operatorBox:
                    reconcile:
                      onReconcile:
                        configMaps:
                          - name: "{{ .metadata.name }}-own"
                    emit:
                      status:
                        include: ./status.yaml
                        fields:
                          - {path: own, value: "yes"}
            """);

        var result = await CliRunner.RunAsync("template", katalog);

        Assert.True(result.ExitCode == 0, result.ToString());
        var document = Assert.Single(YamlDocuments(result.Stdout));
        Assert.Equal("orkestra.orkspace.io/v1", (string?)document["apiVersion"]);
        Assert.Equal("Katalog", (string?)document["kind"]);
        var entry = document["spec"]!["crds"]!["website"]!;
        var configMaps = entry["operatorBox"]!["reconcile"]!["onReconcile"]!["configMaps"]!.AsArray();
        Assert.Equal(["{{ .metadata.name }}-motif", "{{ .metadata.name }}-own"], configMaps.Select(c => (string?)c!["name"]));
        var status = entry["operatorBox"]!["emit"]!["status"]!.AsObject();
        Assert.False(status.ContainsKey("include"), "include: is gone once merged");
        Assert.Equal(["fromMotif", "fromInclude", "own"], status["fields"]!.AsArray().Select(f => (string?)f!["path"]));
    }

    [Fact]
    public async Task Older_layout_is_printed_in_the_current_layout()
    {
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.konductor.io/v1Alpha
            kind: Katalog
            metadata: {name: legacy}
            spec:
              crds:
                - name: website
                  crdFile: ./crd.yaml
                  resync: 5s
                  reconciler:
                    default: true
                    onCreate:
                      configMaps:
                        - name: "{{ .metadata.name }}-config"
            """);

        var result = await CliRunner.RunAsync("template", katalog);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning ORK013", result.Stderr, StringComparison.Ordinal);
        var document = Assert.Single(YamlDocuments(result.Stdout));
        Assert.Equal("orkestra.orkspace.io/v1", (string?)document["apiVersion"]);
        var reconcile = document["spec"]!["crds"]!["website"]!["operatorBox"]!["reconcile"]!;
        Assert.Equal("{{ .metadata.name }}-config", (string?)reconcile["onCreate"]!["configMaps"]![0]!["name"]);
        Assert.Equal("5s", (string?)reconcile["resync"]);
    }

    [Fact]
    public async Task Komposer_prints_its_merged_katalog_with_the_overrides_applied()
    {
        _temp.Write("base.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: base}
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  operatorBox:
                    reconcile:
                      workers: 2
                      onReconcile:
                        configMaps:
                          - name: "{{ .metadata.name }}-config"
            """);
        var komposer = _temp.Write("komposer.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Komposer
            metadata: {name: platform, version: v1.0.0}
            imports:
              files: [./base.yaml]
            spec:
              crds:
                website:
                  operatorBox:
                    reconcile: {workers: 6}
            """);

        var result = await CliRunner.RunAsync("template", komposer, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var document = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("Katalog", (string?)document["kind"]);
        Assert.Equal("platform", (string?)document["metadata"]!["name"]);
        Assert.False(document.ContainsKey("imports"));
        var reconcile = document["spec"]!["crds"]!["website"]!["operatorBox"]!["reconcile"]!;
        Assert.Equal("6", reconcile["workers"]!.ToJsonString());
        Assert.Equal("{{ .metadata.name }}-config", (string?)reconcile["onReconcile"]!["configMaps"]![0]!["name"]);
    }

    [Fact]
    public async Task Katalog_as_json_is_one_object_with_integers_kept()
    {
        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var document = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("website-operator", (string?)document["metadata"]!["name"]);
        var workers = document["spec"]!["crds"]!["website"]!["operatorBox"]!["reconcile"]!["workers"]!;
        Assert.Equal(JsonValueKind.Number, workers.GetValueKind());
    }

    [Fact]
    public async Task Katalog_that_does_not_load_prints_errors_only()
    {
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: broken}
            spec:
              crds:
                website:
                  crdFile: ./no-such-crd.yaml
            """);

        var result = await CliRunner.RunAsync("template", katalog);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains(result.StderrLines, l => l.StartsWith(katalog + "(7,", StringComparison.Ordinal) && l.Contains("error ORK008", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_katalog_exits_1_naming_the_file()
    {
        var file = Path.Combine(_temp.Path, "missing.yaml");

        var result = await CliRunner.RunAsync("template", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains(file, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_motif_is_not_a_katalog()
    {
        var motif = _temp.Write("motif.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Motif
            metadata: {name: lonely}
            resources: {}
            """);

        var result = await CliRunner.RunAsync("template", motif);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains("is a Motif", result.Stderr, StringComparison.Ordinal);
    }

    // ── --cr: the objects of each CR ─────────────────────────────────────────────────────────────────────────

    [Fact]
    public async Task Website_example_yields_its_deployment_and_service()
    {
        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", Example("cr.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            $"# Website default/hello: 2 objects (uid {PlaceholderUid} stands in: a CR read from a file has none)",
            result.StdoutLines[0]);
        var objects = YamlDocuments(result.Stdout);
        Assert.Equal(["Deployment/hello", "Service/hello-svc"], objects.Select(o => o["kind"] + "/" + o["metadata"]!["name"]));
        foreach (var obj in objects)
        {
            Assert.Equal("default", (string?)obj["metadata"]!["namespace"]);
            var owner = Assert.Single(obj["metadata"]!["ownerReferences"]!.AsArray())!;
            Assert.Equal("demo.orkestra.io/v1", (string?)owner["apiVersion"]);
            Assert.Equal("Website", (string?)owner["kind"]);
            Assert.Equal("hello", (string?)owner["name"]);
            Assert.Equal(PlaceholderUid, (string?)owner["uid"]);
            Assert.True((bool)owner["controller"]!);
        }

        var deployment = objects[0];
        Assert.Equal("apps/v1", (string?)deployment["apiVersion"]);
        var replicas = deployment["spec"]!["replicas"]!;
        Assert.Equal(JsonValueKind.Number, replicas.GetValueKind());
        Assert.Equal("2", replicas.ToJsonString());
        Assert.Equal("nginx:1.27", (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        var service = objects[1];
        Assert.Equal("v1", (string?)service["apiVersion"]);
        Assert.Equal("80", service["spec"]!["ports"]![0]!["port"]!.ToJsonString());
        Assert.Equal("80", service["spec"]!["ports"]![0]!["targetPort"]!.ToJsonString());
    }

    [Fact]
    public async Task Each_object_is_a_document_with_its_source_in_a_comment()
    {
        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", Example("cr.yaml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Equal(2, lines.Count(l => l == "---"));
        Assert.Contains("# Source: spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0]", lines);
        Assert.Contains("# Source: spec.crds.website.operatorBox.reconcile.onReconcile.services[0]", lines);
    }

    [Fact]
    public async Task Multi_document_cr_file_renders_every_cr_in_file_order()
    {
        var katalog = _temp.Write("katalog.yaml", CustomKatalog);
        var crs = _temp.Write("crs.yaml", """
            apiVersion: demo.orkestra.io/v1
            kind: Website
            metadata: {name: first, namespace: team-a}
            spec: {image: nginx}
            ---
            ---
            apiVersion: demo.orkestra.io/v1
            kind: Website
            metadata: {name: second}
            spec: {image: httpd, replicas: 1}
            """);

        var result = await CliRunner.RunAsync("template", katalog, "--cr", crs);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["# Website team-a/first: 2 objects (uid " + PlaceholderUid + " stands in: a CR read from a file has none)",
             "# Website default/second: 2 objects (uid " + PlaceholderUid + " stands in: a CR read from a file has none)"],
            result.StdoutLines.Where(l => l.StartsWith("# Website", StringComparison.Ordinal)));
        var objects = YamlDocuments(result.Stdout);
        Assert.Equal(
            ["team-a/first-seed", "team-a/first-widget", "default/second-seed", "default/second-widget"],
            objects.Select(o => o["metadata"]!["namespace"] + "/" + o["metadata"]!["name"]));
    }

    [Fact]
    public async Task Crd_defaults_are_applied_to_the_cr_and_numbers_keep_their_type()
    {
        var katalog = _temp.Write("katalog.yaml", CustomKatalog);
        var cr = _temp.Write("cr.yaml", Cr);

        var result = await CliRunner.RunAsync("template", katalog, "--cr", cr, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var widget = JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Single(i => (string?)i!["kind"] == "Widget")!;
        var replicas = widget["spec"]!["replicas"]!;
        Assert.Equal(JsonValueKind.Number, replicas.GetValueKind());
        Assert.Equal("3", replicas.ToJsonString());
    }

    [Fact]
    public async Task Create_only_objects_are_marked_in_the_comment_not_in_the_object()
    {
        var katalog = _temp.Write("katalog.yaml", CustomKatalog);
        var cr = _temp.Write("cr.yaml", Cr);

        var result = await CliRunner.RunAsync("template", katalog, "--cr", cr);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("# Source: spec.crds.website.operatorBox.reconcile.onCreate.custom[0] (created once: onCreate)", result.StdoutLines);
        Assert.Contains("# Source: spec.crds.website.operatorBox.reconcile.onReconcile.custom[0]", result.StdoutLines);
        var seed = YamlDocuments(result.Stdout)[0];
        Assert.Equal("ConfigMap", (string?)seed["kind"]);
        Assert.DoesNotContain("once", seed.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PlaceholderUid, (string?)seed["data"]!["uid"]);
    }

    [Fact]
    public async Task The_crs_own_uid_is_used_when_it_has_one()
    {
        var katalog = _temp.Write("katalog.yaml", CustomKatalog);
        var cr = _temp.Write("cr.yaml", Cr.Replace("  namespace: web", "  namespace: web\n  uid: 3f1c2d4e-aaaa-bbbb-cccc-0123456789ab", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("template", katalog, "--cr", cr);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("# Website web/hello: 2 objects (uid 3f1c2d4e-aaaa-bbbb-cccc-0123456789ab)", result.StdoutLines[0]);
        Assert.All(
            YamlDocuments(result.Stdout),
            o => Assert.Equal("3f1c2d4e-aaaa-bbbb-cccc-0123456789ab", (string?)o["metadata"]!["ownerReferences"]![0]!["uid"]));
    }

    [Theory]
    [InlineData("create", new[] { "ConfigMap" })]
    [InlineData("reconcile", new[] { "Widget" })]
    [InlineData("delete", new[] { "Job" })]
    [InlineData("all", new[] { "ConfigMap", "Widget", "Job" })]
    public async Task Phase_selects_the_blocks(string phase, string[] kinds)
    {
        var katalog = _temp.Write("katalog.yaml", CustomKatalog);
        var cr = _temp.Write("cr.yaml", Cr);

        var result = await CliRunner.RunAsync("template", katalog, "--cr", cr, "--phase", phase);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(kinds, YamlDocuments(result.Stdout).Select(o => (string?)o["kind"]));
    }

    [Fact]
    public async Task Json_output_is_one_list_and_the_uid_note_goes_to_stderr()
    {
        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", Example("cr.yaml"), "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["apiVersion", "kind", "items"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("v1", root.GetProperty("apiVersion").GetString());
        Assert.Equal("List", root.GetProperty("kind").GetString());
        Assert.Equal(["Deployment", "Service"], root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(
            $"note: Website default/hello: uid {PlaceholderUid} stands in: a CR read from a file has none",
            Assert.Single(result.StderrLines));
    }

    [Fact]
    public async Task Cr_of_a_kind_the_katalog_does_not_serve_is_an_error_listing_the_kinds_it_serves()
    {
        var cr = _temp.Write("cr.yaml", """
            apiVersion: demo.orkestra.io/v1
            kind: Website
            metadata: {name: hello}
            spec: {image: nginx, replicas: 1, port: 80}
            ---
            apiVersion: other.io/v1
            kind: Database
            metadata: {name: orders, namespace: default}
            """);

        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", cr);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = ErrorLine.Match(Assert.Single(result.StderrLines));
        Assert.True(error.Success, result.Stderr);
        Assert.Equal(cr, error.Groups["path"].Value);
        Assert.Equal("6", error.Groups["line"].Value);
        Assert.Contains("Database 'orders' (other.io/v1)", error.Groups["message"].Value, StringComparison.Ordinal);
        Assert.Contains("Website (demo.orkestra.io/v1)", error.Groups["message"].Value, StringComparison.Ordinal);

        // The CR the katalog does serve is still printed.
        Assert.Equal(["Deployment", "Service"], YamlDocuments(result.Stdout).Select(o => (string?)o["kind"]));
    }

    [Fact]
    public async Task Same_kind_in_another_group_is_not_served()
    {
        var cr = _temp.Write("cr.yaml", """
            apiVersion: elsewhere.io/v1
            kind: Website
            metadata: {name: hello}
            """);

        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", cr);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains("Website 'hello' (elsewhere.io/v1) is not a kind the katalog serves", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_error_exits_1_and_the_objects_that_rendered_are_still_printed()
    {
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: half-broken}
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  operatorBox:
                    reconcile:
                      onReconcile:
                        custom:
                          - apiVersion: example.io/v1
                            kind: Shard
                            forEach: {field: spec.image}
                            metadata: {name: "{{ .metadata.name }}-{{ .item }}"}
                          - apiVersion: example.io/v1
                            kind: Widget
                            metadata: {name: "{{ .metadata.name }}-widget"}
            """);
        var cr = _temp.Write("cr.yaml", Cr);

        var result = await CliRunner.RunAsync("template", katalog, "--cr", cr);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = ErrorLine.Match(Assert.Single(result.StderrLines));
        Assert.True(error.Success, result.Stderr);
        Assert.Equal(katalog, error.Groups["path"].Value);
        Assert.Equal("14", error.Groups["line"].Value);
        Assert.Contains("forEach", error.Groups["message"].Value, StringComparison.Ordinal);
        Assert.Contains("Website web/hello", error.Groups["message"].Value, StringComparison.Ordinal);
        Assert.StartsWith("# Website web/hello: 1 object, 1 item failed (see stderr)", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(["Widget"], YamlDocuments(result.Stdout).Select(o => (string?)o["kind"]));
    }

    [Fact]
    public async Task Deployment_render_error_names_the_field_and_the_cr()
    {
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: bad-replicas}
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  operatorBox:
                    reconcile:
                      onReconcile:
                        deployments:
                          - image: "{{ .spec.image }}"
                            replicas: "{{ .spec.image }}"
                        services:
                          - port: "80"
            """);
        var cr = _temp.Write("cr.yaml", Cr);

        var result = await CliRunner.RunAsync("template", katalog, "--cr", cr);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = ErrorLine.Match(Assert.Single(result.StderrLines));
        Assert.True(error.Success, result.Stderr);
        Assert.Equal("13", error.Groups["line"].Value);
        Assert.Contains("deployments[0].replicas", error.Groups["message"].Value, StringComparison.Ordinal);
        Assert.Contains("Website web/hello", error.Groups["message"].Value, StringComparison.Ordinal);
        var service = Assert.Single(YamlDocuments(result.Stdout));
        Assert.Equal("hello-svc", (string?)service["metadata"]!["name"]);
    }

    [Fact]
    public async Task Cr_yaml_error_is_located_and_nothing_is_printed()
    {
        var cr = _temp.Write("cr.yaml", """
            apiVersion: demo.orkestra.io/v1
            kind: Website
            metadata: {name: [broken
            """);

        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", cr);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains(result.StderrLines, l => l.StartsWith(cr + "(", StringComparison.Ordinal) && l.Contains("error ORK001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cr_without_a_kind_is_located()
    {
        var cr = _temp.Write("cr.yaml", """
            apiVersion: demo.orkestra.io/v1
            metadata: {name: hello}
            """);

        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", cr);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        var error = ErrorLine.Match(Assert.Single(result.StderrLines));
        Assert.Equal(cr, error.Groups["path"].Value);
        Assert.Contains("no kind", error.Groups["message"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_cr_file_exits_1_naming_the_file()
    {
        var file = Path.Combine(_temp.Path, "no-cr.yaml");

        var result = await CliRunner.RunAsync("template", Example("katalog.yaml"), "--cr", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Contains(file, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error ORK008", result.Stderr, StringComparison.Ordinal);
    }

    // ── usage ────────────────────────────────────────────────────────────────────────────────────────────────

    [Theory]
    [InlineData("template")]
    [InlineData("template k.yaml -o text")]
    [InlineData("template k.yaml --phase create")]
    [InlineData("template k.yaml --cr c.yaml --phase sometimes")]
    [InlineData("template k.yaml --cr")]
    [InlineData("template k.yaml other.yaml")]
    [InlineData("template k.yaml --bogus")]
    public async Task Usage_errors_exit_2(string commandLine)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal("Run 'ork template --help' for usage.", result.StderrLines[^1]);
    }

    [Fact]
    public async Task Help_describes_every_option_with_examples()
    {
        var result = await CliRunner.RunAsync("template", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--cr <CR.yaml>", "--phase <create|reconcile|delete|all>", "-o, --output <yaml|json>", "template <katalog> [options]" })
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ork template katalog.yaml --cr cr.yaml", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("template", HelpText.Commands((await CliRunner.RunAsync("--help")).Stdout));
    }

    private static string Example(string file) => Path.Combine(PublishedFlavoursFixture.RepositoryRoot, "examples", "website", file);

    // The documents of a YAML stream (comments and empty documents skipped), as JSON.
    private static List<JsonObject> YamlDocuments(string text)
    {
        var file = YamlReader.Read("stdout", text);
        Assert.Empty(file.Diagnostics);
        return file.Documents.Select(YamlValues.ToJson).OfType<JsonObject>().ToList();
    }
}
