using System.Text.Json.Nodes;

namespace Orkestra.Testing.Patching;

/// <summary>
/// Reads the values at many paths of one object that does not change meanwhile: each keyed list is indexed by item
/// token once, so a lookup costs its depth instead of a scan of every list on the way.
/// </summary>
internal sealed class PathIndex(JsonObject root, FieldRules rules)
{
    private readonly Dictionary<JsonArray, Dictionary<string, JsonNode?>> _lists = [];

    public bool TryResolve(IReadOnlyList<string> path, out JsonNode? value)
    {
        value = root;
        var current = rules;
        foreach (var token in path)
        {
            switch (value)
            {
                case JsonObject obj when token[0] == 'f':
                    current = current.Field(token[2..]);
                    if (!obj.TryGetPropertyValue(token[2..], out value))
                    {
                        return false;
                    }

                    break;
                case JsonArray list when token[0] is 'k' or 'v' && current.List is { Kind: not ListKind.Atomic } rule:
                    if (!Items(list, rule).TryGetValue(token, out value))
                    {
                        return false;
                    }

                    current = current.ItemRules;
                    break;
                default:
                    return ObjectPaths.TryResolve(root, path, rules, out value);
            }
        }

        return true;
    }

    private Dictionary<string, JsonNode?> Items(JsonArray list, ListRule rule)
    {
        if (!_lists.TryGetValue(list, out var items))
        {
            items = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var item in list)
            {
                if (ObjectPaths.TryItemToken(item, rule, out var token, out _))
                {
                    items.TryAdd(token, item);
                }
            }

            _lists[list] = items;
        }

        return items;
    }
}
