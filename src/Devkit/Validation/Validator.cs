using System.Globalization;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;

namespace Orkestra.Devkit.Validation;

/// <summary>The logic behind <c>ork validate</c>: load each file with everything it references, report, summarise.</summary>
public static class Validator
{
    /// <summary>Validates each file and returns every diagnostic plus the summary.</summary>
    public static ValidationReport Validate(IReadOnlyList<string> files) => Validate(files, PhysicalDocumentHost.Instance);

    /// <summary>Validates each file, reading through <paramref name="host"/>.</summary>
    public static ValidationReport Validate(IReadOnlyList<string> files, IDocumentHost host)
    {
        var diagnostics = new List<Diagnostic>();
        var summary = new List<string>();
        foreach (var file in files)
        {
            var result = DocumentLoader.Load(file, host);
            diagnostics.AddRange(result.Diagnostics);
            foreach (var document in result.Documents)
            {
                Summarise(document, summary);
            }
        }

        return new ValidationReport(diagnostics, summary);
    }

    // Upstream's summary: one block per enabled CRD, sorted by name, then "N CRDs valid (x built-in, y custom)".
    private static void Summarise(OrkestraDocument document, List<string> lines)
    {
        if (lines.Count > 0)
        {
            lines.Add(string.Empty);
        }

        switch (document)
        {
            case KatalogDocument katalog:
                SummariseCrds("Katalog", katalog, lines);
                break;
            case KomposerDocument { Katalog: { } merged }:
                SummariseCrds("Komposer", merged, lines);
                break;
            case MotifDocument motif:
                lines.Add($"Motif '{motif.Name}' valid ({Count(motif.Inputs.Count, "input")})");
                break;
            case TestDocument test:
                lines.Add($"{test.Kind} '{test.Name}' valid ({Count(test.ExpectationCount, "expectation")})");
                break;
        }
    }

    private static void SummariseCrds(string kind, KatalogDocument katalog, List<string> lines)
    {
        lines.Add($"Validating {kind} '{katalog.Name}' ({katalog.Path})...");
        lines.Add(string.Empty);
        var entries = katalog.EnabledCrds.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        foreach (var entry in entries)
        {
            lines.Add("● " + entry.Name);
            if (entry.ApiTypes is { } types)
            {
                var scope = entry.Namespaced ? "Namespaced" : "Cluster";
                var group = types.Group.Length == 0 ? "core" : types.Group;
                lines.Add($"    kind: {types.Kind} / group: {group} / version: {types.Version} / plural: {types.Plural} / scope: {scope}");
            }

            var mode = entry.HasHooks ? "typed" : "dynamic";
            lines.Add($"    mode: {mode} / workers: {entry.Workers ?? "3"} / resync: {entry.Resync ?? "30s"}");
            lines.Add(string.Empty);
        }

        var builtIn = entries.Count(e => e.IsBuiltIn);
        lines.Add(new string('─', 60));
        lines.Add(string.Format(CultureInfo.InvariantCulture, "{0} CRDs valid ({1} built-in, {2} custom)", entries.Count, builtIn, entries.Count - builtIn));
    }

    private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
