using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// Merges an applied configuration into the live object the way server-side apply does: maps merge field by field,
/// map lists item by item on their keys (new items after the applied item before them), sets as unions, and
/// everything atomic (scalars, atomic lists and maps) is replaced. A null in the configuration removes the field.
/// </summary>
internal static class ApplyMerge
{
    /// <summary>Merges <paramref name="configuration"/> into <paramref name="target"/>, in place (<paramref name="target"/> is a copy the caller owns).</summary>
    public static void Merge(JsonObject target, JsonObject configuration, FieldRules rules) => MergeObject(target, configuration, rules, []);

    private static void MergeObject(JsonObject target, JsonObject configuration, FieldRules rules, List<string> path)
    {
        foreach (var (name, value) in configuration)
        {
            if (value is null)
            {
                target.Remove(name);
                continue;
            }

            var token = ObjectPaths.Field(name);
            path.Add(token);
            var current = target[name];
            var merged = MergeValue(current, value, rules.Field(name), path);
            if (!ReferenceEquals(merged, current))
            {
                target[name] = merged;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static JsonNode MergeValue(JsonNode? live, JsonNode applied, FieldRules rules, List<string> path)
    {
        switch (applied)
        {
            case JsonObject obj when !rules.AtomicMap:
                var merged = live as JsonObject ?? [];
                MergeObject(merged, obj, rules, path);
                return merged;
            case JsonArray list when rules.List is { Kind: ListKind.Map } rule:
                return MergeMapList(live as JsonArray, list, rule, rules.ItemRules, path);
            case JsonArray list when rules.List is { Kind: ListKind.Set }:
                return MergeSet(live as JsonArray, list, path);
            default:
                return applied.DeepClone();
        }
    }

    private static JsonArray MergeMapList(JsonArray? live, JsonArray applied, ListRule rule, FieldRules itemRules, List<string> path)
    {
        var result = new List<(string? Token, JsonNode? Item)>();
        var items = live?.ToList() ?? [];
        live?.Clear();
        foreach (var item in items)
        {
            result.Add((ObjectPaths.TryItemToken(item, rule, out var token, out _) ? token : null, item));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var insertAt = -1;
        for (var i = 0; i < applied.Count; i++)
        {
            var token = ObjectPaths.ItemToken(applied[i], rule, path, i);
            if (!seen.Add(token))
            {
                throw PatchException.Invalid($"{FieldSet.Describe(path)}: duplicate entries for key {FieldSet.Describe([token])}");
            }

            var index = result.FindIndex(entry => entry.Token == token);
            path.Add(token);
            if (index >= 0)
            {
                result[index] = (token, MergeValue(result[index].Item, applied[i]!, itemRules, path));
                insertAt = index + 1;
            }
            else
            {
                var position = insertAt >= 0 ? insertAt : result.Count;
                result.Insert(position, (token, MergeValue(null, applied[i]!, itemRules, path)));
                insertAt = position + 1;
            }

            path.RemoveAt(path.Count - 1);
        }

        return new JsonArray(result.Select(entry => entry.Item).ToArray());
    }

    private static JsonArray MergeSet(JsonArray? live, JsonArray applied, List<string> path)
    {
        var result = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = live?.ToList() ?? [];
        live?.Clear();
        foreach (var item in items)
        {
            if (seen.Add(JsonData.Canonical(item)))
            {
                result.Add(item);
            }
        }

        var appliedSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in applied)
        {
            var key = JsonData.Canonical(item);
            if (!appliedSeen.Add(key))
            {
                throw PatchException.Invalid($"{FieldSet.Describe(path)}: duplicate entries for key [={key}]");
            }

            if (seen.Add(key))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }
}
