using System.Globalization;
using System.Text.RegularExpressions;
using Orkestra.Diagnostics;

namespace Orkestra.Sdk.Tests;

/// <summary>The diagnostic catalogue and its pages in <c>docs/diagnostics/</c> agree.</summary>
public partial class DiagnosticDocsTests
{
    private static readonly string DocsFolder = Path.Combine(FindRepoRoot(), "docs", "diagnostics");

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        var ids = DiagnosticCatalog.All.Select(r => r.Id).ToList();

        Assert.All(ids, id => Assert.Matches(IdPattern(), id));
        var duplicates = ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_rule_has_a_page_titled_with_its_id_and_title()
    {
        var problems = new List<string>();
        foreach (var rule in DiagnosticCatalog.All)
        {
            var page = Path.Combine(FindRepoRoot(), rule.HelpPath);
            if (!File.Exists(page))
            {
                problems.Add(rule.Id + ": no page at " + rule.HelpPath);
                continue;
            }

            var firstLine = File.ReadLines(page).FirstOrDefault() ?? string.Empty;
            if (!firstLine.StartsWith("# " + rule.Id + ": ", StringComparison.Ordinal))
            {
                problems.Add($"{rule.Id}: the first line of {rule.HelpPath} must start with '# {rule.Id}: ', but is '{firstLine}'");
            }
            else if (firstLine != "# " + rule.Id + ": " + rule.Title)
            {
                problems.Add($"{rule.Id}: the page's title '{firstLine}' differs from the catalogue's title '{rule.Title}'");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_page_belongs_to_a_rule()
    {
        var ids = DiagnosticCatalog.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.GetFiles(DocsFolder, "ORK*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !ids.Contains(name!))
            .ToList();

        Assert.Empty(orphans);
    }

    [Fact]
    public void The_index_links_every_rule()
    {
        var index = File.ReadAllText(Path.Combine(DocsFolder, "README.md"));
        var missing = DiagnosticCatalog.All.Where(r => !index.Contains($"[{r.Id}]({r.Id}.md)", StringComparison.Ordinal)).Select(r => r.Id);

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_message_format_is_well_formed()
    {
        var problems = new List<string>();
        foreach (var rule in DiagnosticCatalog.All)
        {
            var unescaped = rule.MessageFormat.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal);
            var placeholders = Placeholder().Matches(unescaped).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            var args = Enumerable.Range(0, placeholders.Count == 0 ? 0 : placeholders.Max() + 1).Select(i => (object?)("arg" + i)).ToArray();
            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, args);
            }
            catch (FormatException ex)
            {
                problems.Add($"{rule.Id}: '{rule.MessageFormat}' is not a valid format: {ex.Message}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_release_tracking_file_lists_every_rule_with_its_severity()
    {
        // AnalyzerReleases.Unshipped.md: the rules added since the last release, in the Roslyn analyzers' format; at a
        // release they move to AnalyzerReleases.Shipped.md. ORKESTRA_UPDATE_GOLDEN=1 rewrites it from the catalogue.
        var path = Path.Combine(DocsFolder, "AnalyzerReleases.Unshipped.md");
        var expected = new System.Text.StringBuilder()
            .Append("; Unshipped analyzer release: the source generator's diagnostics (the same IDs ork validate reports).\n")
            .Append("; Each rule is explained in docs/diagnostics/ORKnnn.md. The generator creates its descriptors from the catalogue\n")
            .Append("; (src/Sdk/Diagnostics) at run time, which Roslyn's release-tracking analyzer cannot see: a test in\n")
            .Append("; Orkestra.Sdk.Tests keeps this file equal to the catalogue instead.\n\n")
            .Append("### New Rules\n\n")
            .Append("Rule ID | Category | Severity | Notes\n")
            .Append("--------|----------|----------|-------\n");
        foreach (var rule in DiagnosticCatalog.All.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            expected.Append(CultureInfo.InvariantCulture, $"{rule.Id} | Orkestra | {rule.Severity} | {rule.Title}\n");
        }

        if (Environment.GetEnvironmentVariable("ORKESTRA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, expected.ToString());
        }

        Assert.Equal(expected.ToString(), File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "(no " + path + ")");
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orkestra.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^ORK\d{3}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{(\d+)")]
    private static partial Regex Placeholder();
}
