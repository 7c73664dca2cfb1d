using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// <c>application/strategic-merge-patch+json</c>, as k8s.io/apimachinery's strategicpatch applies it: maps merge
/// recursively and <c>null</c> deletes a key; lists with a merge key merge item by item, lists of scalars marked as
/// sets merge as unions, other lists are replaced. Directives: <c>$patch: replace|merge|delete</c> in a map or as a
/// list item, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/&lt;field&gt;</c>, <c>$setElementOrder/&lt;field&gt;</c>.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";
    private const string SetElementOrderPrefix = "$setElementOrder/";

    /// <summary>What merging a value yields when the patch deletes it (<c>$patch: delete</c> in a map).</summary>
    private static readonly JsonObject Deleted = [];

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="original"/>, which is left unchanged.</summary>
    /// <exception cref="PatchException">The patch is malformed or cannot be applied (unknown directive, list item without its merge key).</exception>
    public static JsonObject Apply(JsonObject original, JsonObject patch, MergeKeys keys)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(keys);
        var result = (JsonObject)original.DeepClone();
        return MergeMap(result, patch, keys.Root) ?? throw new PatchException("a strategic merge patch cannot delete the whole object");
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> (owned, changed in place); null when the patch deletes the map.</summary>
    private static JsonObject? MergeMap(JsonObject target, JsonObject patch, FieldRules rules)
    {
        switch (Directive(patch))
        {
            case "delete":
                return null;
            case "replace":
                return Clean(patch);
        }

        if (patch[RetainKeysDirective] is { } retain)
        {
            var kept = retain is JsonArray names
                ? names.Select(n => JsonData.TryGetString(n, out var s) ? s : throw new PatchException($"$retainKeys must be a list of strings: {JsonData.ToJson(retain)}")).ToHashSet(StringComparer.Ordinal)
                : throw new PatchException($"$retainKeys must be a list of strings: {JsonData.ToJson(retain)}");
            foreach (var key in target.Select(p => p.Key).Where(k => !kept.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                DeleteFromPrimitiveList(target, key[DeleteFromPrimitiveListPrefix.Length..], value);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                target.Remove(key);
                continue;
            }

            var merged = MergeValue(target[key], value, rules.Field(key), key);
            target.Remove(key);
            if (!ReferenceEquals(merged, Deleted))
            {
                target[key] = merged;
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                var field = key[SetElementOrderPrefix.Length..];
                if (target[field] is JsonArray list)
                {
                    target[field] = ElementOrder.Apply(list, value, rules.Field(field).List?.PatchMergeKey, field);
                }
            }
        }

        return target;
    }

    private static JsonNode? MergeValue(JsonNode? current, JsonNode patch, FieldRules rules, string field)
    {
        switch (patch)
        {
            case JsonObject map:
                var target = current is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
                return MergeMap(target, map, rules) ?? Deleted;
            case JsonArray list when rules.List?.PatchMergeKey is { } mergeKey:
                return MergeKeyedList(current as JsonArray, list, mergeKey, rules.ItemRules, field);
            case JsonArray list when rules.List?.Kind == ListKind.Set:
                return MergePrimitiveList(current as JsonArray, list, field);
            case JsonArray list:
                return ReplaceList(list, field);
            default:
                return patch.DeepClone();
        }
    }

    private static JsonArray MergeKeyedList(JsonArray? current, JsonArray patch, string mergeKey, FieldRules itemRules, string field)
    {
        if (patch.Any(item => item is JsonObject obj && Directive(obj) == "replace"))
        {
            return ReplaceList(patch, field);
        }

        var result = current is null ? [] : (JsonArray)current.DeepClone();
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                if (!result.Any(existing => JsonData.Equal(existing, item)))
                {
                    result.Add(item?.DeepClone());
                }

                continue;
            }

            var directive = Directive(patchItem);
            if (!patchItem.TryGetPropertyValue(mergeKey, out var key))
            {
                throw PatchException.Invalid($"map: {GoFormat.Syntax(patchItem)} does not contain declared merge key: {mergeKey}");
            }

            var index = IndexOf(result, mergeKey, key);
            if (directive == "delete")
            {
                while (index >= 0)
                {
                    result.RemoveAt(index);
                    index = IndexOf(result, mergeKey, key);
                }

                continue;
            }

            if (index >= 0)
            {
                var merged = MergeMap((JsonObject)result[index]!.DeepClone(), patchItem, itemRules);
                result.RemoveAt(index);
                if (merged is not null)
                {
                    result.Insert(index, merged);
                }
            }
            else if (MergeMap([], patchItem, itemRules) is { } added)
            {
                result.Add(added);
            }
        }

        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? key)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject item && item.TryGetPropertyValue(mergeKey, out var value) && JsonData.Equal(value, key))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonArray MergePrimitiveList(JsonArray? current, JsonArray patch, string field)
    {
        if (patch.Any(item => item is JsonObject obj && Directive(obj) == "replace"))
        {
            return ReplaceList(patch, field);
        }

        var result = current is null ? [] : (JsonArray)current.DeepClone();
        var seen = result.Select(JsonData.Canonical).ToHashSet(StringComparer.Ordinal);
        foreach (var item in patch)
        {
            if (item is JsonObject)
            {
                throw PatchException.Invalid($"list {field} merges as a set of scalars, and {JsonData.ToJson(item)} is a map");
            }

            if (seen.Add(JsonData.Canonical(item)))
            {
                result.Add(item?.DeepClone());
            }
        }

        return result;
    }

    private static JsonArray ReplaceList(JsonArray patch, string field)
    {
        var result = new JsonArray();
        foreach (var item in patch)
        {
            if (item is JsonObject obj && obj.ContainsKey(PatchDirective))
            {
                var directive = Directive(obj);
                if (directive == "replace" && obj.Count == 1)
                {
                    continue;
                }

                throw PatchException.Invalid($"$patch: {directive} is not allowed in the items of list {field}, which has no merge key");
            }

            result.Add(item is JsonObject map ? Clean(map) : item?.DeepClone());
        }

        return result;
    }

    private static void DeleteFromPrimitiveList(JsonObject target, string field, JsonNode? values)
    {
        if (values is not JsonArray remove)
        {
            throw new PatchException($"{DeleteFromPrimitiveListPrefix}{field} must be a list: {JsonData.ToJson(values)}");
        }

        if (target[field] is not JsonArray list)
        {
            return;
        }

        var doomed = remove.Select(JsonData.Canonical).ToHashSet(StringComparer.Ordinal);
        var kept = new JsonArray();
        foreach (var item in list)
        {
            if (!doomed.Contains(JsonData.Canonical(item)))
            {
                kept.Add(item?.DeepClone());
            }
        }

        target[field] = kept;
    }

    /// <summary>The <c>$patch</c> directive of a map: merge when absent.</summary>
    private static string Directive(JsonObject map)
    {
        if (!map.TryGetPropertyValue(PatchDirective, out var value))
        {
            return "merge";
        }

        return JsonData.TryGetString(value, out var text) && text is "replace" or "merge" or "delete"
            ? text
            : throw new PatchException($"Unknown patch type: {JsonData.ToJson(value)} in map: {GoFormat.Syntax(map)}");
    }

    /// <summary>A copy of <paramref name="map"/> without directives, at any depth, as <c>$patch: replace</c> leaves it.</summary>
    private static JsonObject Clean(JsonObject map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map)
        {
            if (!key.StartsWith('$'))
            {
                result[key] = CleanValue(value);
            }
        }

        return result;
    }

    private static JsonNode? CleanValue(JsonNode? value) => value switch
    {
        JsonObject map => Clean(map),
        JsonArray list => new JsonArray(list.Where(i => i is not JsonObject { Count: 1 } only || !only.ContainsKey(PatchDirective)).Select(CleanValue).ToArray()),
        _ => value?.DeepClone(),
    };
}
