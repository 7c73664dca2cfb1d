using Orkestra.Diagnostics;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Schema;

/// <summary>Collects what the shape checker finds.</summary>
internal sealed class ShapeContext
{
    public ShapeContext(List<Diagnostic> diagnostics) => Diagnostics = diagnostics;

    public List<Diagnostic> Diagnostics { get; }

    /// <summary>The mappings and sequences already checked against a shape, and what their check returned.</summary>
    public Dictionary<(YamlNode Node, Shape Shape), YamlNode> Checked { get; } = new();

    public void Report(DiagnosticRule rule, SourceLocation location, params object?[] args) =>
        Diagnostics.Add(Diagnostic.Create(rule, location, args));

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
