using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The node notes (upstream <c>pkg/note/kube_node.go</c>): a Node's conditions, allocatable resources and taints, and
/// the node summary (<c>name</c>, <c>zone</c>, <c>region</c>, <c>instanceType</c>) that <c>enrich: [node]</c> embeds in
/// a Pod (<c>_node</c>). Absent values give "".
/// </summary>
internal static class NodeNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("nodeReady", c => Condition(c.Arguments[0], "Ready") == "True");
        notes.Add("nodeAllocatableCPU", c => PathText(c.Arguments[0], "status", "allocatable", "cpu"));
        notes.Add("nodeAllocatableMemory", c => PathText(c.Arguments[0], "status", "allocatable", "memory"));
        notes.Add("nodeCondition", c => Condition(c.Arguments[0], Text(c.Arguments[1])));
        notes.Add("nodeTaints", c =>
        {
            var keys = new List<string>();
            foreach (var taint in PathList(c.Arguments[0], "spec", "taints"))
            {
                var key = PathText(taint, "key");
                if (key.Length > 0)
                {
                    keys.Add(key);
                }
            }

            return JoinComma(keys);
        });
        notes.Add("podNodeName", c => PathText(c.Arguments[0], "_node", "name"));
        notes.Add("podNodeZone", c => PathText(c.Arguments[0], "_node", "zone"));
        notes.Add("podNodeRegion", c => PathText(c.Arguments[0], "_node", "region"));
        notes.Add("podNodeInstanceType", c => PathText(c.Arguments[0], "_node", "instanceType"));
    }

    // The status of the first condition of the type ("" when it has none or there is no such condition).
    private static string Condition(object? node, string type)
    {
        foreach (var condition in PathList(node, "status", "conditions"))
        {
            if (condition is IDictionary<string, object?> && PathText(condition, "type") == type)
            {
                return PathText(condition, "status");
            }
        }

        return string.Empty;
    }
}
