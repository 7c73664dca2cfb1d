using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The safe-access notes (upstream <c>pkg/note/safeaccess.go</c>): the value when it has the expected type, else the
/// fallback. Unlike <c>default</c>, the value comes first.
/// </summary>
internal static class SafeAccessNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("getOr", c => ConditionalNotes.IsEmpty(c.Arguments[0]) ? c.Arguments[1] : c.Arguments[0]);
        notes.Add("getStringOr", c =>
        {
            var fallback = Text(c.Arguments[1]);
            return c.Arguments[0] is string { Length: > 0 } s ? s : fallback;
        });
        notes.Add("getIntOr", c =>
        {
            var fallback = Int(c.Arguments[1]);
            var value = c.Arguments[0];
            return value is not null && GoValues.Kind(value) is GoKind.Int or GoKind.Float ? ToInt64(value) : fallback;
        });
        notes.Add("getBoolOr", c =>
        {
            var fallback = Bool(c.Arguments[1]);
            return c.Arguments[0] is bool b ? b : fallback;
        });
    }
}
