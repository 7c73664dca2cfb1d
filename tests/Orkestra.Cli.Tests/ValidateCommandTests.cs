using System.Text.Json;
using System.Text.RegularExpressions;
using Orkestra.Cli.Commands.Dev;
using Orkestra.Devkit.Validation;
using Orkestra.Diagnostics;

namespace Orkestra.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    // The documented minimal katalog (ORKESTRA-REFERENCE.md, 1.9).
    private const string MinimalKatalog = """
        apiVersion: orkestra.orkspace.io/v1
        kind: Katalog
        metadata: {name: my-platform}
        spec:
          crds:
            website:
              enabled: true
              apiTypes: {group: demo.orkestra.io, version: v1alpha1, kind: Website, plural: websites}
              operatorBox:
                default: true
                onCreate:
                  deployments:
                    - image: nginx
                      replicas: 1
        """;

    // An unclosed flow sequence: a YAML syntax error.
    private const string BrokenYaml = """
        apiVersion: orkestra.orkspace.io/v1
        kind: Katalog
        metadata: {name: [broken
        """;

    private static readonly Regex DiagnosticLine = new(@"^(?<path>.+)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning|info) (?<id>ORK\d{3}): (?<message>.+)$");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Valid_katalog_exits_0_with_no_error()
    {
        var file = _temp.Write("katalog.yaml", MinimalKatalog);

        var result = await CliRunner.RunAsync("validate", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(result.StderrLines, line => Assert.DoesNotMatch(@"\): error ORK", line));
    }

    [Fact]
    public async Task A_template_path_the_crd_lacks_warns_and_with_strict_templates_fails()
    {
        _temp.Write("crd.yaml", File.ReadAllText(Path.Combine(PublishedFlavoursFixture.RepositoryRoot, "examples", "website", "crd.yaml")));
        var file = _temp.Write("katalog.yaml", """
            apiVersion: orkestra.orkspace.io/v1
            kind: Katalog
            metadata: {name: shop}
            spec:
              crds:
                website:
                  crdFile: ./crd.yaml
                  operatorBox:
                    reconcile:
                      onReconcile:
                        deployments:
                          - image: "{{ .spec.imagee }}"
            """);

        var relaxed = await CliRunner.RunAsync("validate", file);
        var strict = await CliRunner.RunAsync("validate", "--strict-templates", file);

        Assert.True(relaxed.ExitCode == 0, relaxed.ToString());
        var warning = Assert.Single(relaxed.StderrLines, l => l.Contains("ORK110", StringComparison.Ordinal));
        Assert.Matches(@"katalog\.yaml\(12,33\): warning ORK110: .*'\.spec\.imagee' is not in the CRD schema.*did you mean '\.spec\.image'\? \(template line 1, column 9\)$", warning);
        Assert.True(strict.ExitCode == 1, strict.ToString());
        Assert.Contains(strict.StderrLines, l => l.Contains("katalog.yaml(12,33): error ORK110: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Yaml_syntax_error_exits_1_with_a_compiler_shaped_diagnostic_on_stderr()
    {
        var file = _temp.Write("broken.yaml", BrokenYaml);

        var result = await CliRunner.RunAsync("validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.NotEmpty(result.StderrLines);
        Assert.All(result.StderrLines, line => Assert.Matches(DiagnosticLine, line));
        var syntax = result.StderrLines.Select(l => DiagnosticLine.Match(l)).First(m => m.Groups["id"].Value == "ORK001");
        Assert.Equal(file, syntax.Groups["path"].Value);
        Assert.Equal("error", syntax.Groups["severity"].Value);
        Assert.InRange(int.Parse(syntax.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), 3, 4);
        Assert.StartsWith($"{file}(", result.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_syntax_error_as_json_is_one_array_on_stdout_and_nothing_on_stderr()
    {
        var file = _temp.Write("broken.yaml", BrokenYaml);

        var result = await CliRunner.RunAsync("validate", "--output", "json", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var syntax = json.RootElement.EnumerateArray().First(d => d.GetProperty("id").GetString() == "ORK001");
        Assert.Equal(file, syntax.GetProperty("file").GetString());
        Assert.Equal("error", syntax.GetProperty("severity").GetString());
        Assert.InRange(syntax.GetProperty("line").GetInt32(), 3, 4);
        Assert.True(syntax.GetProperty("column").GetInt32() >= 1);
        Assert.True(syntax.GetProperty("endLine").GetInt32() >= syntax.GetProperty("line").GetInt32());
        Assert.True(syntax.GetProperty("endColumn").GetInt32() >= 1);
        Assert.False(string.IsNullOrWhiteSpace(syntax.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Json_for_a_valid_katalog_is_an_array_without_errors()
    {
        var file = _temp.Write("katalog.yaml", MinimalKatalog);

        var result = await CliRunner.RunAsync("validate", "-o", "json", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.All(json.RootElement.EnumerateArray(), d => Assert.NotEqual("error", d.GetProperty("severity").GetString()));
    }

    [Fact]
    public async Task Every_file_is_reported_in_the_order_given()
    {
        var first = _temp.Write("b-first.yaml", BrokenYaml);
        var second = _temp.Write("a-second.yaml", BrokenYaml);

        var result = await CliRunner.RunAsync("validate", first, second);

        Assert.Equal(1, result.ExitCode);
        var paths = result.StderrLines.Select(l => DiagnosticLine.Match(l).Groups["path"].Value).Distinct().ToList();
        Assert.Equal([first, second], paths);
    }

    [Fact]
    public async Task Missing_file_exits_1_naming_the_file()
    {
        var file = Path.Combine(_temp.Path, "missing.yaml");

        var result = await CliRunner.RunAsync("validate", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(file, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_and_infos_alone_exit_0_and_print_the_summary()
    {
        var report = new ValidationReport(
            [Warning("k.yaml", 3, 5, "unknown key 'foo'"), Info("k.yaml", 7, 1, "not acted on yet")],
            ["website (Website.demo.orkestra.io/v1alpha1)", "1 CRDs valid (0 built-in, 1 custom)"]);

        var (exitCode, stdout, stderr) = Write(report, "text");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            "k.yaml(3,5): warning ORK020: unknown key 'foo'\nk.yaml(7,1): info ORK022: not acted on yet\n",
            stderr.ReplaceLineEndings("\n"));
        Assert.Equal("website (Website.demo.orkestra.io/v1alpha1)\n1 CRDs valid (0 built-in, 1 custom)\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Any_error_exits_1_writes_every_diagnostic_in_order_and_no_summary()
    {
        var report = new ValidationReport(
            [Warning("a.yaml", 1, 1, "first"), Error("a.yaml", 2, 3, "second"), Warning("b.yaml", 4, 1, "third")],
            ["1 CRDs valid (0 built-in, 1 custom)"]);

        var (exitCode, stdout, stderr) = Write(report, "text");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal(
            "a.yaml(1,1): warning ORK020: first\na.yaml(2,3): error ORK025: second\nb.yaml(4,1): warning ORK020: third\n",
            stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Json_has_every_field_and_lowercase_severities()
    {
        var report = new ValidationReport(
            [Error("a.yaml", 2, 3, "bad \"value\""), Warning("a.yaml", 4, 1, "w"), Info("b.yaml", 5, 6, "i")],
            ["not printed in json"]);

        var (exitCode, stdout, stderr) = Write(report, "json");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["error", "warning", "info"], items.Select(i => i.GetProperty("severity").GetString()));
        var first = items[0];
        Assert.Equal(
            ["file", "line", "column", "endLine", "endColumn", "severity", "id", "message"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("a.yaml", first.GetProperty("file").GetString());
        Assert.Equal(2, first.GetProperty("line").GetInt32());
        Assert.Equal(3, first.GetProperty("column").GetInt32());
        Assert.Equal(2, first.GetProperty("endLine").GetInt32());
        Assert.Equal(8, first.GetProperty("endColumn").GetInt32());
        Assert.Equal("ORK025", first.GetProperty("id").GetString());
        Assert.Equal("bad \"value\"", first.GetProperty("message").GetString());
    }

    [Fact]
    public void Json_for_no_diagnostics_is_an_empty_array()
    {
        var (exitCode, stdout, stderr) = Write(new ValidationReport([], ["0 CRDs valid"]), "json");

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetArrayLength());
    }

    private static (int ExitCode, string Stdout, string Stderr) Write(ValidationReport report, string format)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = ValidateCommand.Write(report, format, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static Diagnostic Error(string path, int line, int column, string message) =>
        new(new DiagnosticRule("ORK025", DiagnosticSeverity.Error, "Invalid value", "{0}"), new SourceLocation(path, line, column, line, column + 5), message);

    private static Diagnostic Warning(string path, int line, int column, string message) =>
        new(new DiagnosticRule("ORK020", DiagnosticSeverity.Warning, "Unknown key", "{0}"), new SourceLocation(path, line, column, line, column + 3), message);

    private static Diagnostic Info(string path, int line, int column, string message) =>
        new(new DiagnosticRule("ORK022", DiagnosticSeverity.Info, "Block not acted on yet", "{0}"), new SourceLocation(path, line, column, line, column + 1), message);
}
