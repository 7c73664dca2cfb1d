using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;

namespace Orkestra.Katalogs.Loading;

/// <summary>The documents of one file, resolved (CRD files read, motifs expanded, komposers merged), and every problem found.</summary>
/// <param name="Documents">The documents that could be read, in file order.</param>
/// <param name="Diagnostics">Every problem, in the order found, across the file and the files it references.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record LoadResult(IReadOnlyList<OrkestraDocument> Documents, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
