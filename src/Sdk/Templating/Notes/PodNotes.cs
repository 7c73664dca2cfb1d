using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The pod notes (upstream <c>pkg/note/kube_pods.go</c>): reads of the <c>_pods</c> list that <c>enrich: [pods]</c>
/// embeds in a Deployment, StatefulSet, ReplicaSet or Job. Each pod summary carries <c>name</c>, <c>ip</c>,
/// <c>phase</c>, <c>ready</c>, <c>node</c>, <c>restartCount</c>, <c>ordinal</c> (-1 for pods without one),
/// <c>exitCode</c> and <c>containers</c> (<c>name</c>, <c>image</c>, <c>state</c>, <c>reason</c>, <c>ready</c>,
/// <c>restartCount</c>). Without enrichment every note gives "", 0, false or nil.
/// </summary>
internal static class PodNotes
{
    // The container reasons hasCrashingPod counts as a crash, in upstream's order.
    private static readonly string[] CrashReasons =
    {
        "CrashLoopBackOff", "OOMKilled", "Error", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
        "RunContainerError", "CreateContainerError", "PreStartHookError", "PostStartHookError",
    };

    public static void Register(NoteRegistry notes)
    {
        notes.Add("podNames", c => JoinPodField(c.Arguments[0], "name"));
        notes.Add("podIPs", c => JoinPodField(c.Arguments[0], "ip"));
        notes.Add("podPhases", c => JoinPodField(c.Arguments[0], "phase"));
        notes.Add("podNodes", c => JoinPodField(c.Arguments[0], "node"));
        notes.Add("podCount", c => (long)Pods(c.Arguments[0]).Count);
        notes.Add("readyPodCount", c =>
        {
            var count = 0L;
            foreach (var pod in Pods(c.Arguments[0]))
            {
                if (Path(pod, "ready") is true)
                {
                    count++;
                }
            }

            return count;
        });
        notes.Add("podMaxRestarts", c =>
        {
            var max = 0L;
            foreach (var pod in Pods(c.Arguments[0]))
            {
                if (pod is IDictionary<string, object?>)
                {
                    max = System.Math.Max(max, Integer(Path(pod, "restartCount")));
                }
            }

            return max;
        });
        notes.Add("hasCrashingPod", c =>
        {
            var pods = Pods(c.Arguments[0]);
            foreach (var reason in CrashReasons)
            {
                if (HasContainerReason(pods, reason))
                {
                    return true;
                }
            }

            foreach (var pod in pods)
            {
                // Only numbers count, compared as they are (2.5 restarts is more than 2).
                var restarts = Path(pod, "restartCount");
                if (restarts is double d ? d > 2 : GoValues.Kind(restarts) == GoKind.Int && Integer(restarts) > 2)
                {
                    return true;
                }
            }

            return false;
        });
        notes.Add("podByOrdinal", c => ByOrdinal(c.Arguments[0], Int(c.Arguments[1])));
        notes.Add("podCrashLoopDetected", c => HasContainerReason(Pods(c.Arguments[0]), "CrashLoopBackOff"));
        notes.Add("podImagePullBackOffDetected", c => HasContainerReason(Pods(c.Arguments[0]), "ImagePullBackOff"));
        notes.Add("podErrImagePullDetected", c => HasContainerReason(Pods(c.Arguments[0]), "ErrImagePull"));
        notes.Add("podErrorDetected", c => HasContainerReason(Pods(c.Arguments[0]), "Error"));
        notes.Add("podOOMKilledDetected", c => HasContainerReason(Pods(c.Arguments[0]), "OOMKilled"));
        notes.Add("podRunContainerErrorDetected", c => HasContainerReason(Pods(c.Arguments[0]), "RunContainerError"));
        notes.Add("podCreateContainerErrorDetected", c => HasContainerReason(Pods(c.Arguments[0]), "CreateContainerError"));
        notes.Add("podInvalidImageNameDetected", c => HasContainerReason(Pods(c.Arguments[0]), "InvalidImageName"));
        notes.Add("podPreStartHookErrorDetected", c => HasContainerReason(Pods(c.Arguments[0]), "PreStartHookError"));
        notes.Add("podPostStartHookErrorDetected", c => HasContainerReason(Pods(c.Arguments[0]), "PostStartHookError"));
        notes.Add("podContainerReasons", c =>
        {
            var reasons = new List<string>();
            foreach (var pod in Pods(c.Arguments[0]))
            {
                foreach (var container in PathList(pod, "containers"))
                {
                    var reason = PathText(container, "reason");
                    if (reason.Length > 0 && !reasons.Contains(reason, StringComparer.Ordinal))
                    {
                        reasons.Add(reason);
                    }
                }
            }

            return JoinComma(reasons);
        });
        notes.Add("podContainerState", c =>
        {
            var pod = ByOrdinal(c.Arguments[0], Int(c.Arguments[1]));
            var name = Text(c.Arguments[2]);
            foreach (var container in PathList(pod, "containers"))
            {
                if (container is IDictionary<string, object?> && PathText(container, "name") == name)
                {
                    return PathText(container, "state");
                }
            }

            return string.Empty;
        });
    }

    /// <summary>The <c>_pods</c> list of an enriched object; empty when absent.</summary>
    public static IList<object?> Pods(object? obj) => PathList(obj, "_pods");

    // The pod whose ordinal (a missing one reads as 0, as upstream) is the given one; nil when none is.
    private static object? ByOrdinal(object? obj, long ordinal)
    {
        foreach (var pod in Pods(obj))
        {
            if (pod is IDictionary<string, object?> && Integer(Path(pod, "ordinal")) == ordinal)
            {
                return pod;
            }
        }

        return null;
    }

    private static string JoinPodField(object? obj, string field)
    {
        var parts = new List<string>();
        foreach (var pod in Pods(obj))
        {
            var value = PathText(pod, field);
            if (value.Length > 0)
            {
                parts.Add(value);
            }
        }

        return JoinComma(parts);
    }

    private static bool HasContainerReason(IList<object?> pods, string reason)
    {
        foreach (var pod in pods)
        {
            foreach (var container in PathList(pod, "containers"))
            {
                if (PathText(container, "reason") == reason)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
