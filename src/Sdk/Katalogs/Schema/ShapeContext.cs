using Orkestra.Diagnostics;

namespace Orkestra.Katalogs.Schema;

/// <summary>Collects what the shape checker finds.</summary>
internal sealed class ShapeContext
{
    public ShapeContext(List<Diagnostic> diagnostics) => Diagnostics = diagnostics;

    public List<Diagnostic> Diagnostics { get; }

    public void Report(DiagnosticRule rule, SourceLocation location, params object?[] args) =>
        Diagnostics.Add(Diagnostic.Create(rule, location, args));

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
