using System.Text.Json.Nodes;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>
/// <c>$setElementOrder/&lt;field&gt;</c> of a strategic merge patch: the items the directive names come in its order;
/// items it does not name (the server's own) keep their place relative to the others.
/// </summary>
internal static class ElementOrder
{
    public static JsonArray Apply(JsonArray merged, JsonNode? order, string? mergeKey, string field)
    {
        if (order is not JsonArray wanted)
        {
            throw new PatchException($"$setElementOrder/{field} must be a list: {JsonData.ToJson(order)}");
        }

        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in wanted)
        {
            rank.TryAdd(Key(item, mergeKey, field), rank.Count);
        }

        var positioned = merged.Select((item, position) => (Item: item, Position: position, Key: Key(item, mergeKey, field))).ToList();
        var named = positioned.Where(p => rank.ContainsKey(p.Key)).OrderBy(p => rank[p.Key]).ToList();
        var others = positioned.Where(p => !rank.ContainsKey(p.Key)).ToList();

        var result = new JsonArray();
        int n = 0, o = 0;
        while (n < named.Count || o < others.Count)
        {
            var takeOther = n == named.Count || (o < others.Count && others[o].Position < named[n].Position);
            var next = takeOther ? others[o++] : named[n++];
            result.Add(next.Item?.DeepClone());
        }

        return result;
    }

    private static string Key(JsonNode? item, string? mergeKey, string field)
    {
        if (mergeKey is null)
        {
            return JsonData.Canonical(item);
        }

        return item is JsonObject obj && obj.TryGetPropertyValue(mergeKey, out var key)
            ? JsonData.Canonical(key)
            : throw PatchException.Invalid($"$setElementOrder/{field}: {JsonData.ToJson(item)} does not contain declared merge key: {mergeKey}");
    }
}
