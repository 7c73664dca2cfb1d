using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The kubernetes notes (upstream <c>pkg/note/kubernetes.go</c>): nil-safe reads of a Kubernetes object's JSON model
/// (a map such as <c>.children.deployment</c> or <c>.cross.db</c>). A missing object or field gives "", 0, false or
/// an empty map, never an error.
/// </summary>
internal static class KubernetesNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("get", c =>
        {
            var current = c.Arguments[0];
            for (var i = 1; i < c.Arguments.Count && current is not null; i++)
            {
                var key = Text(c.Arguments[i]);
                current = current is IDictionary<string, object?> map && map.TryGetValue(key, out var next) ? next : null;
            }

            return current;
        });
        notes.Add("meta", c => PathMap(c.Arguments[0], "metadata"));
        notes.Add("name", c => PathText(c.Arguments[0], "metadata", "name"));
        notes.Add("namespace", c => PathText(c.Arguments[0], "metadata", "namespace"));
        notes.Add("labels", c => PathMap(c.Arguments[0], "metadata", "labels"));
        notes.Add("annotations", c => PathMap(c.Arguments[0], "metadata", "annotations"));
        notes.Add("spec", c => PathMap(c.Arguments[0], "spec"));
        notes.Add("status", c => PathMap(c.Arguments[0], "status"));
        notes.Add("phase", c => PathText(c.Arguments[0], "status", "phase"));
        notes.Add("ownerKind", c => PathText(FirstOwner(c.Arguments[0]), "kind"));
        notes.Add("ownerName", c => PathText(FirstOwner(c.Arguments[0]), "name"));
        notes.Add("hasCondition", c =>
        {
            var type = Text(c.Arguments[1]);
            foreach (var condition in Conditions(c.Arguments[0]))
            {
                if (PathText(condition, "type") == type && PathText(condition, "status") == "True")
                {
                    return true;
                }
            }

            return false;
        });
        notes.Add("conditionReason", c => ConditionField(c.Arguments[0], Text(c.Arguments[1]), "reason"));
        notes.Add("conditionMessage", c => ConditionField(c.Arguments[0], Text(c.Arguments[1]), "message"));
        notes.Add("resourceExists", c => c.Arguments[0] is IDictionary<string, object?> map && !(map.TryGetValue("_placeholder", out var p) && p is true));
        notes.Add("isTerminating", c => Path(c.Arguments[0], "metadata", "deletionTimestamp") switch
        {
            null => false,
            string s => s.Length > 0 && s != "null",
            _ => true,
        });
        notes.Add("generation", c => Generation(c.Arguments[0]));
        notes.Add("observedGeneration", c => ObservedGeneration(c.Arguments[0]));
        notes.Add("isSynced", c =>
        {
            var generation = Generation(c.Arguments[0]);
            var observed = ObservedGeneration(c.Arguments[0]);
            return generation == observed;
        });
        notes.Add("resourceCPU", c => PathText(c.Arguments[0], "spec", "resources", "requests", "cpu"));
        notes.Add("resourceMemory", c => PathText(c.Arguments[0], "spec", "resources", "requests", "memory"));
    }

    private static object? FirstOwner(object? obj) =>
        Path(obj, "metadata", "ownerReferences") is IList<object?> { Count: > 0 } owners ? owners[0] : null;

    private static IEnumerable<object?> Conditions(object? obj) =>
        Path(obj, "status", "conditions") as IList<object?> ?? Array.Empty<object?>();

    // The first condition of the type decides, even when it lacks the field (upstream's conditionField).
    private static string ConditionField(object? obj, string type, string field)
    {
        foreach (var condition in Conditions(obj))
        {
            if (condition is IDictionary<string, object?> && PathText(condition, "type") == type)
            {
                return PathText(condition, field);
            }
        }

        return string.Empty;
    }

    private static long Generation(object? obj) => ToInt64(Path(obj, "metadata", "generation"));

    private static long ObservedGeneration(object? obj) => ToInt64(Path(obj, "status", "observedGeneration"));
}
