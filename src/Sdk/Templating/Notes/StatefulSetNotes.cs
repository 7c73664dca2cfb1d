using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The StatefulSet notes (upstream <c>pkg/note/kube_statefulset.go</c>): rollout revisions, and the number of PVCs that
/// <c>enrich: [pvcs]</c> embeds (<c>_pvcs</c>).
/// </summary>
internal static class StatefulSetNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("statefulSetCurrentRevision", c => PathText(c.Arguments[0], "status", "currentRevision"));
        notes.Add("statefulSetUpdateRevision", c => PathText(c.Arguments[0], "status", "updateRevision"));
        notes.Add("statefulSetPVCCount", c => (long)PathList(c.Arguments[0], "_pvcs").Count);
    }
}
