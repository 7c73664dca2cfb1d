using Orkestra.Generators.Models;
using System.Collections.Immutable;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Generators.Pipeline;

/// <summary>
/// Loads one katalog with the shared <see cref="DocumentLoader"/> over the project's YAML texts and turns its
/// diagnostics into <see cref="DiagnosticInfo"/>s located in the YAML. A crdFile that is not among the project's
/// files is reported as ORK039 (how to add it) instead of the loader's ORK008.
/// </summary>
internal static class KatalogLoading
{
    public static KatalogResult Load(ProjectFile katalog, ProjectYaml project, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var host = new ProjectYamlHost(project);
        var result = DocumentLoader.Load(katalog.NormalizedPath, host);
        var crdFiles = CrdFileReferences(result.Documents);

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>(result.Diagnostics.Count);
        foreach (var diagnostic in result.Diagnostics)
        {
            if (host.Find(diagnostic.Location.Path)?.Parsed?.Diagnostics.Contains(diagnostic) == true)
            {
                continue; // a CRD file's YAML problem: model emission reports it, whether a katalog names the file or not
            }

            var reported = diagnostic;
            if (diagnostic.Id == DiagnosticCatalog.FileNotFound.Id && crdFiles.TryGetValue(diagnostic.Location, out var reference))
            {
                reported = Diagnostic.Create(DiagnosticCatalog.CrdFileNotInProject, diagnostic.Location, reference.Value, reference.Resolved);
            }

            diagnostics.Add(ToInfo(reported, host));
        }

        return new KatalogResult(katalog.Path, new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()), DeclaredHooksOf(result.Documents, host));
    }

    // Every CRD entry of the loaded katalogs, with the hooks class it names; a hooks.class without its marked class
    // is reported at the class's line (the diagnostic is prepared here, where the YAML location is known).
    private static EquatableArray<DeclaredHooks> DeclaredHooksOf(IEnumerable<OrkestraDocument> documents, ProjectYamlHost host)
    {
        var hooks = ImmutableArray.CreateBuilder<DeclaredHooks>();
        foreach (var document in documents)
        {
            var katalog = document as KatalogDocument ?? (document as KomposerDocument)?.Katalog;
            foreach (var entry in katalog?.Crds ?? Array.Empty<CrdEntry>())
            {
                DiagnosticInfo? missing = null;
                var declared = (entry.Reconcile?["hooks"] as YamlMapping)?["class"] as YamlScalar;
                if (declared is { IsNull: false })
                {
                    missing = ToInfo(Diagnostic.Create(DiagnosticCatalog.HooksClassNotFound, declared.Location, declared.Value, entry.Name), host);
                }

                hooks.Add(new DeclaredHooks(entry.Name, entry.Crd?.Group, entry.Crd?.Kind, declared is { IsNull: false } ? declared.Value : null, missing));
            }
        }

        return new EquatableArray<DeclaredHooks>(hooks.ToImmutable());
    }

    // The crdFile scalars of every katalog loaded (a Komposer's merged katalog too), by location.
    private static Dictionary<SourceLocation, (string Value, string Resolved)> CrdFileReferences(IEnumerable<OrkestraDocument> documents)
    {
        var references = new Dictionary<SourceLocation, (string Value, string Resolved)>();
        foreach (var document in documents)
        {
            var katalog = document as KatalogDocument ?? (document as KomposerDocument)?.Katalog;
            foreach (var entry in katalog?.Crds ?? Array.Empty<CrdEntry>())
            {
                if (entry.Node.Entry("crdFile") is { Value: YamlScalar { IsNull: false } crdFile })
                {
                    references[crdFile.Location] = (crdFile.Value, DocumentPaths.Resolve(entry.SourcePath, crdFile.Value));
                }
            }
        }

        return references;
    }

    private static DiagnosticInfo ToInfo(Diagnostic diagnostic, ProjectYamlHost host)
    {
        var location = diagnostic.Location;
        var file = host.Find(location.Path);
        var startLine = Math.Max(location.Line - 1, 0);
        var startColumn = Math.Max(location.Column - 1, 0);
        var endLine = Math.Max(location.EndLine - 1, startLine);
        var endColumn = endLine == startLine ? Math.Max(location.EndColumn - 1, startColumn) : Math.Max(location.EndColumn - 1, 0);
        var start = file is null ? 0 : Offset(file.Text, startLine, startColumn);
        var end = file is null ? 0 : Offset(file.Text, endLine, endColumn);
        return new DiagnosticInfo(
            diagnostic.Id,
            diagnostic.Severity,
            diagnostic.Rule.Title,
            diagnostic.Message,
            new LocationInfo(file?.Path ?? location.Path, start, Math.Max(end - start, 0), startLine, startColumn, endLine, endColumn));
    }

    // The character offset of a 0-based line and column, clamped to the text.
    private static int Offset(string text, int line, int column)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                return text.Length;
            }

            offset = next + 1;
        }

        return Math.Min(offset + column, text.Length);
    }
}
