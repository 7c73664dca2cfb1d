using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>The fields notes (upstream <c>pkg/note/kube_fields.go</c>): metadata strings, "" when absent.</summary>
internal static class FieldNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("resourceName", c => PathText(c.Arguments[0], "metadata", "name"));
        notes.Add("resourceNamespace", c => PathText(c.Arguments[0], "metadata", "namespace"));
        notes.Add("resourceUID", c => PathText(c.Arguments[0], "metadata", "uid"));
        notes.Add("resourceVersion", c => PathText(c.Arguments[0], "metadata", "resourceVersion"));
        notes.Add("creationTimestamp", c => PathText(c.Arguments[0], "metadata", "creationTimestamp"));
    }
}
