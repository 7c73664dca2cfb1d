using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>The job notes (upstream <c>pkg/note/kube_job.go</c>): whether a Job has succeeded, failed or active pods.</summary>
internal static class JobNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("jobSucceeded", c => ToInt64(Path(c.Arguments[0], "status", "succeeded")) > 0);
        notes.Add("jobFailed", c => ToInt64(Path(c.Arguments[0], "status", "failed")) > 0);
        notes.Add("jobActive", c => ToInt64(Path(c.Arguments[0], "status", "active")) > 0);
    }
}
