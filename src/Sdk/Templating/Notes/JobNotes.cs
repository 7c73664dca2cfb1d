using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The job notes (upstream <c>pkg/note/kube_job.go</c>): whether a Job has succeeded, failed or active pods; the pods
/// of a Job enriched with <c>enrich: [pods]</c> (<c>_pods</c>); and a CronJob's status with the last Jobs that
/// <c>enrich: [cronjob]</c> embeds (<c>_lastJob</c>, <c>_lastSuccessfulJob</c>).
/// </summary>
internal static class JobNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("jobSucceeded", c => ToInt64(Path(c.Arguments[0], "status", "succeeded")) > 0);
        notes.Add("jobFailed", c => ToInt64(Path(c.Arguments[0], "status", "failed")) > 0);
        notes.Add("jobActive", c => ToInt64(Path(c.Arguments[0], "status", "active")) > 0);
        notes.Add("jobFirstExitCode", c =>
        {
            // As upstream: the first pod whose exitCode reads as 0 or more, a pod without one reading as 0.
            foreach (var pod in PodNotes.Pods(c.Arguments[0]))
            {
                if (pod is IDictionary<string, object?>)
                {
                    var code = ToInt64(Path(pod, "exitCode"));
                    if (code >= 0)
                    {
                        return code;
                    }
                }
            }

            return -1L;
        });
        notes.Add("jobActivePodNames", c => PodNamesWhere(c.Arguments[0], phase => phase != "Succeeded" && phase != "Failed"));
        notes.Add("jobSucceededPodNames", c => PodNamesWhere(c.Arguments[0], phase => phase == "Succeeded"));
        notes.Add("jobFailedPodNames", c => PodNamesWhere(c.Arguments[0], phase => phase == "Failed"));
        notes.Add("cronJobActiveCount", c => (long)PathList(c.Arguments[0], "status", "active").Count);
        notes.Add("cronJobLastScheduleTime", c => PathText(c.Arguments[0], "status", "lastScheduleTime"));
        notes.Add("cronJobNextScheduleTime", c => PathText(c.Arguments[0], "status", "nextScheduleTime"));
        notes.Add("cronJobLastSuccessTime", c => PathText(c.Arguments[0], "status", "lastSuccessfulTime"));
        notes.Add("cronJobLastJobName", c => PathText(c.Arguments[0], "_lastJob", "metadata", "name"));
        notes.Add("cronJobLastJobSucceeded", c => ToInt64(Path(c.Arguments[0], "_lastJob", "status", "succeeded")) > 0);
        notes.Add("cronJobLastSuccessfulJobName", c => PathText(c.Arguments[0], "_lastSuccessfulJob", "metadata", "name"));
    }

    // The names of the pods whose phase ("" when absent) matches, in order.
    private static string PodNamesWhere(object? job, Func<string, bool> match)
    {
        var names = new List<string>();
        foreach (var pod in PodNotes.Pods(job))
        {
            if (pod is IDictionary<string, object?> && match(PathText(pod, "phase")))
            {
                var name = PathText(pod, "name");
                if (name.Length > 0)
                {
                    names.Add(name);
                }
            }
        }

        return JoinComma(names);
    }
}
