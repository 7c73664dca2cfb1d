namespace Orkestra.Diagnostics;

/// <summary>How serious a diagnostic is; the names match the compiler's (<c>error</c>, <c>warning</c>, <c>info</c>).</summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
enum DiagnosticSeverity
{
    /// <summary>Informational: nothing is wrong, but something is worth knowing.</summary>
    Info,

    /// <summary>The document works, but should change.</summary>
    Warning,

    /// <summary>The document cannot be used as it is.</summary>
    Error,
}
