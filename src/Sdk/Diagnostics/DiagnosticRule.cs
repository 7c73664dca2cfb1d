namespace Orkestra.Diagnostics;

/// <summary>
/// One entry of the diagnostic catalogue: a stable ID, its default severity, a title and a message format
/// (<see cref="string.Format(string, object[])"/> placeholders). The generator turns each rule into a Roslyn
/// <c>DiagnosticDescriptor</c>; <c>ork validate</c> prints it in the compiler's shape.
/// </summary>
/// <param name="Id">The stable ID, <c>ORKnnn</c>.</param>
/// <param name="Severity">The default severity.</param>
/// <param name="Title">A short title, as on the rule's documentation page.</param>
/// <param name="MessageFormat">The message, with placeholders for the specifics.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record DiagnosticRule(string Id, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>The rule's documentation page, relative to the repository root.</summary>
    public string HelpPath => "docs/diagnostics/" + Id + ".md";
}
