using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The conditional notes (upstream <c>pkg/note/conditional.go</c>). <c>default</c> takes the fallback first, so a piped
/// value is the one tested: <c>{{ .spec.logLevel | default "info" }}</c>.
/// </summary>
internal static class ConditionalNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("ternary", c => GoValues.IsTrue(c.Arguments[0]) ? c.Arguments[1] : c.Arguments[2]);
        notes.Add("boolTernary", c => Bool(c.Arguments[0]) ? c.Arguments[1] : c.Arguments[2]);
        notes.Add("boolDefault", c => c.Arguments[0] is bool b ? b : Bool(c.Arguments[1]));
        notes.Add("eqTernary", c => Print(c.Arguments[0]) == Print(c.Arguments[1]) ? c.Arguments[2] : c.Arguments[3]);
        notes.Add("coalesce", c =>
        {
            foreach (var value in c.Arguments)
            {
                if (!IsEmpty(value))
                {
                    return value;
                }
            }

            return null;
        });
        notes.Add("default", c => IsEmpty(c.Arguments[1]) ? c.Arguments[0] : c.Arguments[1]);
        notes.Add("empty", c => IsEmpty(c.Arguments[0]));
        notes.Add("notEmpty", c => !IsEmpty(c.Arguments[0]));
    }

    /// <summary>
    /// Upstream's <c>noteEmpty</c>: nil, "", the literal <c>&lt;no value&gt;</c>, false, 0, an empty list or map, or
    /// anything that prints as "".
    /// </summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0 || s == "<no value>",
        bool b => !b,
        IList<object?> list => list.Count == 0,
        IDictionary<string, object?> map => map.Count == 0,
        _ => GoValues.Kind(value) is GoKind.Int or GoKind.Uint or GoKind.Float or GoKind.Complex
            ? !GoValues.IsTrue(value)
            : Print(value).Length == 0,
    };
}
