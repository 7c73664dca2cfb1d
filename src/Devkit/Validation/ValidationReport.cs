using Orkestra.Diagnostics;

namespace Orkestra.Devkit.Validation;

/// <summary>What <c>ork validate</c> found in a set of files.</summary>
/// <param name="Diagnostics">Every problem, in file order, then line order.</param>
/// <param name="Summary">Lines for stdout when there is no error (upstream's form: one line per CRD, then the count).</param>
public sealed record ValidationReport(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Summary)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
