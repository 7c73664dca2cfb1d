using Orkestra.Generators.Models;
using Orkestra.Katalogs.Loading;

namespace Orkestra.Generators.Pipeline;

/// <summary>One YAML additional text: its path as the compiler names it, the same path normalized the way the
/// loader resolves references, its text and what the sniff found.</summary>
internal sealed record YamlFile(string Path, string NormalizedPath, string Text, YamlFileKind Kind)
{
    /// <summary>Reads and sniffs an additional text; a text that cannot be read is empty.</summary>
    public static YamlFile Read(string path, string? text)
    {
        var content = text ?? string.Empty;
        return new YamlFile(path, DocumentPaths.Normalize(path), content, YamlSniffer.Sniff(content));
    }
}

/// <summary>Every YAML text of the project, sorted by path: what the document host serves.</summary>
internal sealed record ProjectYaml(EquatableArray<YamlFile> Files);

/// <summary>Where a diagnostic is, in the compiler's terms (0-based lines and columns, a character span).</summary>
internal sealed record LocationInfo(string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>A loader diagnostic, ready to become a Roslyn diagnostic; no Roslyn objects, so it compares by value.</summary>
internal sealed record DiagnosticInfo(string Id, Orkestra.Diagnostics.DiagnosticSeverity Severity, string Title, string Message, LocationInfo Location);

/// <summary>A katalog loaded by the shared loader: the diagnostics it found, in the katalog and in the files it read.</summary>
internal sealed record KatalogResult(string Path, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<DeclaredHooks> Hooks);

/// <summary>A CRD entry of a loaded katalog, with the hooks class its <c>operatorBox.reconcile.hooks.class</c> names (if any).</summary>
internal sealed record DeclaredHooks(string CrdKey, string? ClassName, DiagnosticInfo? ClassLocation);

/// <summary>A CRD file and the namespace its models go to: what model emission receives.</summary>
internal sealed record ModelInput(string Path, string CrdYaml, string ModelsNamespace);
