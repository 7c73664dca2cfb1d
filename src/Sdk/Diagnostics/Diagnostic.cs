using System.Globalization;

namespace Orkestra.Diagnostics;

/// <summary>One problem found in a document: which rule, where, and what to change.</summary>
/// <param name="Rule">The catalogue entry.</param>
/// <param name="Location">Where the problem is.</param>
/// <param name="Message">The formatted message.</param>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
sealed record Diagnostic(DiagnosticRule Rule, SourceLocation Location, string Message)
{
    /// <summary>The rule's ID, <c>ORKnnn</c>.</summary>
    public string Id => Rule.Id;

    /// <summary>The rule's severity.</summary>
    public DiagnosticSeverity Severity => Rule.Severity;

    /// <summary>Creates a diagnostic, formatting the rule's message with <paramref name="args"/>.</summary>
    public static Diagnostic Create(DiagnosticRule rule, SourceLocation location, params object?[] args) =>
        new(rule, location, args.Length == 0 ? rule.MessageFormat : string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, args));

    /// <summary>The compiler's shape: <c>path(line,col): error ORKnnn: message</c>.</summary>
    public override string ToString() =>
        string.Format(
            CultureInfo.InvariantCulture,
            "{0}({1},{2}): {3} {4}: {5}",
            Location.Path,
            Location.Line,
            Location.Column,
            SeverityText(Severity),
            Id,
            Message);

    /// <summary>The word the compiler uses for a severity.</summary>
    public static string SeverityText(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
