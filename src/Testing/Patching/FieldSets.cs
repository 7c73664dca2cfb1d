using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// The field sets server-side apply tracks: the fields an applied configuration sets, and the fields a write changed
/// or removed. Both skip what the API server never tracks (<c>apiVersion</c>, <c>kind</c>, <c>metadata.name</c>,
/// <c>uid</c>, <c>resourceVersion</c>, <c>managedFields</c>, …).
/// </summary>
internal static class FieldSets
{
    private static readonly string[] UntrackedTopLevel = ["apiVersion", "kind"];

    private static readonly string[] UntrackedMetadata =
        ["name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds"];

    private static readonly string[][] Untracked =
    [
        .. UntrackedTopLevel.Select(name => (string[])["f:" + name]),
        .. UntrackedMetadata.Select(name => (string[])["f:metadata", "f:" + name]),
    ];

    /// <summary>
    /// The fields <paramref name="configuration"/> sets, as Kubernetes' structured-merge-diff derives them: every
    /// scalar, null, empty map, atomic list or atomic map is a leaf; map-list and set items are members with their
    /// fields under them (an empty map or set list owns nothing); map values (not declared fields) are members too.
    /// </summary>
    public static FieldSet Applied(JsonObject configuration, FieldRules rules)
    {
        var set = new FieldSet();
        AddObject(configuration, rules, set, []);
        set.Compact();
        RemoveUntracked(set);
        return set;
    }

    /// <summary>
    /// The fields a write from <paramref name="before"/> to <paramref name="after"/> added or changed (added maps,
    /// lists and items are members themselves, as "." in FieldsV1), and the fields it removed.
    /// </summary>
    public static (FieldSet Changed, FieldSet Removed) Diff(JsonObject? before, JsonObject after, FieldRules rules)
    {
        var changed = new FieldSet();
        var removed = new FieldSet();
        DiffObject(before ?? [], after, rules, changed, new Removed(null, null, removed), []);
        changed.Compact();
        removed.Compact();
        RemoveUntracked(changed);
        RemoveUntracked(removed);
        return (changed, removed);
    }

    /// <summary>Removes the untracked fields and the <paramref name="resetFields"/> (top-level names) from <paramref name="set"/>.</summary>
    public static void RemoveUntracked(FieldSet set, IEnumerable<string>? resetFields = null)
    {
        foreach (var path in Untracked)
        {
            set.RemoveSubtree(path);
        }

        foreach (var name in resetFields ?? [])
        {
            set.RemoveSubtree([ObjectPaths.Field(name)]);
        }
    }

    private static void AddObject(JsonObject obj, FieldRules rules, FieldSet set, List<string> path)
    {
        foreach (var (name, value) in obj)
        {
            var token = ObjectPaths.Field(name);
            var child = set.Child(token);
            path.Add(token);
            AddValue(value, rules.Field(name), child, path);
            if (rules.IsMapKey(name))
            {
                child.IsMember = true;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static void AddValue(JsonNode? value, FieldRules rules, FieldSet set, List<string> path)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && !rules.AtomicMap:
                AddObject(obj, rules, set, path);
                break;
            case JsonArray list when rules.List is { Kind: not ListKind.Atomic } rule:
                // An empty set or map list owns nothing, as in structured-merge-diff.
                for (var i = 0; i < list.Count; i++)
                {
                    var token = ObjectPaths.ItemToken(list[i], rule, path, i);
                    var item = set.Child(token);
                    item.IsMember = true;
                    if (list[i] is JsonObject fields)
                    {
                        path.Add(token);
                        AddObject(fields, rules.ItemRules, item, path);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            default:
                set.IsMember = true;
                break;
        }
    }

    // The removed side is built lazily (Removed): most writes remove nothing, and a create has nothing to remove.
    private static void DiffObject(JsonObject before, JsonObject after, FieldRules rules, FieldSet changed, Removed removed, List<string> path)
    {
        // What is never tracked is not diffed at all (RemoveUntracked would drop it anyway).
        var untracked = path.Count == 0 ? UntrackedTopLevel : IsRootMetadata(path) ? UntrackedMetadata : null;
        foreach (var (name, value) in after)
        {
            if (untracked is not null && untracked.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var token = ObjectPaths.Field(name);
            path.Add(token);
            var present = before.TryGetPropertyValue(name, out var old);
            DiffValue(present, old, value, rules.Field(name), changed.Child(token), removed.Below(token), path);
            path.RemoveAt(path.Count - 1);
        }

        if (before.Count == 0)
        {
            return;
        }

        foreach (var (name, _) in before)
        {
            if (!after.ContainsKey(name))
            {
                removed.Node.Child(ObjectPaths.Field(name)).IsMember = true;
            }
        }
    }

    private static void DiffValue(bool present, JsonNode? before, JsonNode? after, FieldRules rules, FieldSet changed, Removed removedHere, List<string> path)
    {
        switch (after)
        {
            case JsonObject obj when obj.Count > 0 && !rules.AtomicMap:
                var oldObj = before as JsonObject;
                if (oldObj is null && !IsRootMetadata(path))
                {
                    changed.IsMember = true;
                }

                DiffObject(oldObj ?? [], obj, rules, changed, removedHere, path);
                break;
            case JsonArray list when list.Count > 0 && rules.List is { Kind: not ListKind.Atomic } rule:
                var oldItems = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                if (before is JsonArray oldList)
                {
                    for (var i = 0; i < oldList.Count; i++)
                    {
                        oldItems.TryAdd(ObjectPaths.ItemToken(oldList[i], rule, path, i), oldList[i]);
                    }
                }
                else
                {
                    changed.IsMember = true;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    var token = ObjectPaths.ItemToken(list[i], rule, path, i);
                    var item = changed.Child(token);
                    var existed = oldItems.Remove(token, out var oldItem);
                    if (!existed)
                    {
                        item.IsMember = true;
                    }

                    if (list[i] is JsonObject fields)
                    {
                        path.Add(token);
                        DiffObject(oldItem as JsonObject ?? [], fields, rules.ItemRules, item, removedHere.Below(token), path);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                foreach (var token in oldItems.Keys)
                {
                    removedHere.Node.Child(token).IsMember = true;
                }

                break;
            default:
                if (!present || !JsonData.Equal(before, after))
                {
                    changed.IsMember = true;
                }

                break;
        }
    }

    private static bool IsRootMetadata(List<string> path) => path is ["f:metadata"];

    /// <summary>A node of the removed set, made (with its parents) only when something is removed below it.</summary>
    private sealed class Removed(Removed? parent, string? token, FieldSet? root = null)
    {
        private FieldSet? _node = root;

        public FieldSet Node => _node ??= parent!.Node.Child(token!);

        public Removed Below(string childToken) => new(this, childToken);
    }
}
