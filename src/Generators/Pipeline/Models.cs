using Orkestra.Generators.Models;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Generators.Pipeline;

/// <summary>
/// One YAML additional text: its path as the compiler names it, the same path normalized the way the loader resolves
/// references, its text and what the sniff found. A CRD file is parsed here, once per edit of that file, and the parse
/// is shared by the katalogs' loading and model emission; it is left out of equality (it follows from the text).
/// </summary>
internal sealed record ProjectFile(string Path, string NormalizedPath, string Text, YamlFileKind Kind, YamlFile? Parsed)
{
    /// <summary>Reads and sniffs an additional text, and parses it when it is a CRD; a text that cannot be read is empty.</summary>
    public static ProjectFile Read(string path, string? text)
    {
        var content = text ?? string.Empty;
        var kind = YamlSniffer.Sniff(content);
        return new ProjectFile(path, DocumentPaths.Normalize(path), content, kind, kind == YamlFileKind.Crd ? YamlReader.Read(path, content) : null);
    }

    /// <inheritdoc />
    public bool Equals(ProjectFile? other) =>
        other is not null && Path == other.Path && Kind == other.Kind && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => (Path.GetHashCode() * 31) + Text.Length;
}

/// <summary>Every YAML text of the project, sorted by path: what the document host serves.</summary>
internal sealed record ProjectYaml(EquatableArray<ProjectFile> Files);

/// <summary>Where a diagnostic is, in the compiler's terms (0-based lines and columns, a character span).</summary>
internal sealed record LocationInfo(string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>A loader diagnostic, ready to become a Roslyn diagnostic; no Roslyn objects, so it compares by value.</summary>
internal sealed record DiagnosticInfo(string Id, Orkestra.Diagnostics.DiagnosticSeverity Severity, string Title, string Message, LocationInfo Location)
{
    /// <summary>A diagnostic of a catalogue rule (its ID, severity and title), its message formatted from <paramref name="args"/>.</summary>
    public static DiagnosticInfo Of(Orkestra.Diagnostics.DiagnosticRule rule, LocationInfo location, params object?[] args) =>
        new(rule.Id, rule.Severity, rule.Title, string.Format(System.Globalization.CultureInfo.InvariantCulture, rule.MessageFormat, args), location);
}

/// <summary>A katalog loaded by the shared loader: the diagnostics it found, in the katalog and in the files it read.</summary>
internal sealed record KatalogResult(string Path, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<DeclaredHooks> Hooks);

/// <summary>
/// A CRD entry of a loaded katalog: the group and kind of its CRD file (when it has one), and the hooks class its
/// <c>operatorBox.reconcile.hooks.class</c> names (if any).
/// </summary>
internal sealed record DeclaredHooks(string CrdKey, string? Group, string? Kind, string? ClassName, DiagnosticInfo? ClassLocation);

/// <summary>A CRD file, the namespace its models go to and the class names of its kinds that another group took: what model emission receives.</summary>
internal sealed record ModelInput(ProjectFile Crd, string ModelsNamespace, EquatableArray<KindName> KindNames);

/// <summary>The project's settings and knowledge the hooks cross-check reads besides the hook classes and katalogs.</summary>
internal sealed record ModelNaming(string ModelsNamespace, EquatableArray<KindName> KindNames);
