using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The ReplicaSet notes (upstream <c>pkg/note/kube_replicaset.go</c>): a ReplicaSet's controller as
/// <c>enrich: [owner]</c> embeds it (<c>_owner</c>), and a Deployment's ReplicaSets as <c>enrich: [replicasets]</c>
/// embeds them (<c>_replicaSets</c>). Name lists are lists of strings.
/// </summary>
internal static class ReplicaSetNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("replicaSetOwnerName", c => PathText(c.Arguments[0], "_owner", "name"));
        notes.Add("replicaSetOwnerKind", c => PathText(c.Arguments[0], "_owner", "kind"));
        notes.Add("deploymentReplicaSetCount", c => (long)PathList(c.Arguments[0], "_replicaSets").Count);
        notes.Add("deploymentReplicaSets", c => Names(c.Arguments[0], exclude: null));
        notes.Add("oldDeploymentReplicaSets", c =>
        {
            // As upstream: "old" is every ReplicaSet but status.currentReplicaSet; none until that is set.
            var current = PathText(c.Arguments[0], "status", "currentReplicaSet");
            return current.Length == 0 ? new List<object?>() : Names(c.Arguments[0], current);
        });
    }

    private static List<object?> Names(object? deployment, string? exclude)
    {
        var names = new List<object?>();
        foreach (var replicaSet in PathList(deployment, "_replicaSets"))
        {
            var name = PathText(replicaSet, "metadata", "name");
            if (name.Length > 0 && name != exclude)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
