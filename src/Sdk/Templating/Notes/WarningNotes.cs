using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The warning event notes (upstream <c>pkg/note/kube_events.go</c>): reads of the <c>_warnings</c> list
/// (<c>reason</c>, <c>message</c>, <c>count</c>, <c>lastTimestamp</c>) that <c>enrich: [events]</c> embeds in any
/// child. Without enrichment every note gives "", 0 or false.
/// </summary>
internal static class WarningNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("hasWarnings", c => Warnings(c.Arguments[0]).Count > 0);
        notes.Add("warningCount", c => (long)Warnings(c.Arguments[0]).Count);
        notes.Add("firstWarning", c => Warnings(c.Arguments[0]) is { Count: > 0 } warnings ? PathText(warnings[0], "message") : string.Empty);
        notes.Add("warningMessages", c => JoinField(c.Arguments[0], "message"));
        notes.Add("warningReasons", c => JoinField(c.Arguments[0], "reason"));
    }

    private static IList<object?> Warnings(object? obj) => PathList(obj, "_warnings");

    // Every non-empty value of the field, in order (upstream does not remove repeats).
    private static string JoinField(object? obj, string field)
    {
        var parts = new List<string>();
        foreach (var warning in Warnings(obj))
        {
            var value = PathText(warning, field);
            if (value.Length > 0)
            {
                parts.Add(value);
            }
        }

        return JoinComma(parts);
    }
}
