using System.Text.Json;

namespace Orkestra.Cli.Tests;

public sealed class NotesCommandTests : IDisposable
{
    private const string Website = """
        apiVersion: demo.orkestra.io/v1
        kind: Website
        metadata:
          name: hello
          namespace: default
          labels: {tier: web}
        spec:
          image: nginx:1.27
          replicas: 3
          enabled: yes
        """;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Eval_renders_a_template_as_a_katalog_field()
    {
        var data = _temp.Write("cr.yaml", Website);

        var result = await CliRunner.RunAsync("notes", "eval", "  {{ .metadata.name | toUpper }}-{{ .spec.missing }}  ", "--data", data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("HELLO-\n", result.Stdout);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public async Task Eval_reads_yaml_the_way_kubectl_does()
    {
        var data = _temp.Write("cr.yaml", Website);

        var result = await CliRunner.RunAsync("notes", "eval", "{{ printf \"%T %v %T\" .spec.replicas .spec.enabled .spec.enabled }}", "--data", data);

        Assert.Equal("float64 true bool\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_reads_json_data()
    {
        var data = _temp.Write("cr.json", """{"spec": {"ports": [80, 443]}}""");

        var result = await CliRunner.RunAsync("notes", "eval", "{{ index .spec.ports 1 }} {{ len .spec.ports }}", "--data", data);

        Assert.Equal("443 2\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_uses_the_user_notes_of_a_katalog()
    {
        var data = _temp.Write("cr.yaml", Website);
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            notes:
              functions:
                - {name: fullName, expression: "{{ .metadata.name }}.{{ .metadata.namespace }}"}
                - {name: isWeb, expression: "{{ eq .metadata.labels.tier \"web\" }}"}
            spec:
              crds:
                website:
                  apiTypes: {group: demo.orkestra.io, version: v1, kind: Website, plural: websites}
            """);

        var result = await CliRunner.RunAsync("notes", "eval", "{{ fullName }} {{ if isWeb }}web{{ end }} {{ printf \"%T\" isWeb }}", "--data", data, "--katalog", katalog);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello.default web bool\n", result.Stdout);
    }

    [Fact]
    public async Task Eval_parse_and_execution_errors_exit_1_on_stderr()
    {
        var data = _temp.Write("cr.yaml", Website);

        var parse = await CliRunner.RunAsync("notes", "eval", "{{ .spec.image | toUppr }}", "--data", data);
        var execution = await CliRunner.RunAsync("notes", "eval", "{{ index .spec.image 99 }}", "--data", data);

        Assert.Equal(1, parse.ExitCode);
        Assert.Equal("template:1:18: function \"toUppr\" not defined\n", parse.Stderr);
        Assert.Empty(parse.Stdout);
        Assert.Equal(1, execution.ExitCode);
        Assert.StartsWith("template:1:4: error calling index: index out of range: 99", execution.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_needs_data()
    {
        var result = await CliRunner.RunAsync("notes", "eval", "{{ . }}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--data", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_documents_a_note_and_suggests_close_names()
    {
        var found = await CliRunner.RunAsync("notes", "show", "default");
        var missing = await CliRunner.RunAsync("notes", "show", "defualt");

        Assert.Equal(0, found.ExitCode);
        Assert.Contains("  Signature:   default FALLBACK VALUE", found.StdoutLines);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("did you mean 'default'", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_notes_by_description_and_domains_counts_them()
    {
        var search = await CliRunner.RunAsync("notes", "search", "replica");
        var domains = await CliRunner.RunAsync("notes", "domains", "-o", "json");

        Assert.Equal(0, search.ExitCode);
        Assert.Contains(search.StdoutLines, line => line.Contains("allReplicasReady", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(domains.Stdout);
        Assert.True(json.RootElement.GetProperty("strings").GetInt32() >= 15);
        Assert.True(json.RootElement.GetProperty("builtin").GetInt32() >= 15);
    }

    [Fact]
    public async Task List_filters_by_domain_and_includes_a_katalogs_notes()
    {
        var katalog = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: web}
            notes:
              functions: [{name: fullName, expression: "{{ .metadata.name }}", description: The full name.}]
            spec: {crds: {}}
            """);

        var math = await CliRunner.RunAsync("notes", "--domain", "math");
        var withUser = await CliRunner.RunAsync("notes", "-f", katalog, "-o", "json");
        var unknown = await CliRunner.RunAsync("notes", "--domain", "nope");

        Assert.Equal(0, math.ExitCode);
        Assert.All(math.StdoutLines.Skip(2), line => Assert.StartsWith("math", line, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(withUser.Stdout);
        Assert.Contains(json.RootElement.EnumerateArray(), n => n.GetProperty("name").GetString() == "fullName" && n.GetProperty("domain").GetString() == "user");
        Assert.Equal(1, unknown.ExitCode);
    }
}
