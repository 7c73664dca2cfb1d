using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The replica notes (upstream <c>pkg/note/kube_replica.go</c>) for Deployments, StatefulSets and ReplicaSets: counts
/// are integers, absent status counts are 0 and absent <c>spec.replicas</c> is 1, Kubernetes' default.
/// </summary>
internal static class ReplicaNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("allReplicasReady", c => Status(c.Arguments[0], "readyReplicas") == Desired(c.Arguments[0]));
        notes.Add("desiredReplicas", c => Desired(c.Arguments[0]));
        notes.Add("readyReplicas", c => Status(c.Arguments[0], "readyReplicas"));
        notes.Add("availableReplicas", c => Status(c.Arguments[0], "availableReplicas"));
        notes.Add("updatedReplicas", c => Status(c.Arguments[0], "updatedReplicas"));
        notes.Add("rolloutComplete", c => Status(c.Arguments[0], "updatedReplicas") == Desired(c.Arguments[0]));
    }

    private static long Desired(object? obj) =>
        Path(obj, "spec", "replicas") is { } replicas ? ToInt64(replicas) : 1;

    private static long Status(object? obj, string field) => ToInt64(Path(obj, "status", field));
}
