using Orkestra.Devkit.Validation;

namespace Orkestra.Devkit.Tests;

/// <summary>Every document under examples/ is valid, with no warning either: examples show the current layout.</summary>
public class ExampleValidationTests
{
    public static TheoryData<string> ExampleDocuments()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "examples"), "*.yaml", SearchOption.AllDirectories)
                     .Where(f => File.ReadLines(f).Any(l => l.StartsWith("apiVersion: orkestra.", StringComparison.Ordinal)))
                     .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleDocuments))]
    public void Example_is_valid_without_warnings(string relativePath)
    {
        var report = Validator.Validate([Path.Combine(Repository.Root, relativePath)]);

        Assert.DoesNotContain(report.Diagnostics, d => d.Severity != Diagnostics.DiagnosticSeverity.Info);
        Assert.NotEmpty(report.Summary);
    }

    [Fact]
    public void Website_summary_is_upstreams_form()
    {
        var report = Validator.Validate([Path.Combine(Repository.Root, "examples/website/katalog.yaml")]);

        Assert.Contains("● website", report.Summary);
        Assert.Contains("    kind: Website / group: demo.orkestra.io / version: v1 / plural: websites / scope: Namespaced", report.Summary);
        Assert.Equal("1 CRDs valid (0 built-in, 1 custom)", report.Summary[^1]);
    }
}
