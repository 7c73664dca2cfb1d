using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Runtime;

/// <summary>JSON comparisons the reconciler needs: merge-patch differences, subset tests, and content hashes.</summary>
internal static class JsonDiff
{
    /// <summary>
    /// The RFC 7386 merge patch that turns <paramref name="current"/> into <paramref name="desired"/> (objects compared
    /// key by key, anything else replaced whole, removed keys set to null); null when they are equal.
    /// </summary>
    public static JsonObject? MergePatch(JsonObject current, JsonObject desired)
    {
        JsonObject? patch = null;
        foreach (var (key, value) in desired)
        {
            var existing = current[key];
            if (value is JsonObject desiredObject && existing is JsonObject currentObject)
            {
                if (MergePatch(currentObject, desiredObject) is { } inner)
                {
                    (patch ??= new JsonObject())[key] = inner;
                }
            }
            else if (!current.ContainsKey(key) || !JsonNode.DeepEquals(existing, value))
            {
                (patch ??= new JsonObject())[key] = value?.DeepClone();
            }
        }

        foreach (var (key, value) in current)
        {
            if (!desired.ContainsKey(key) && value is not null)
            {
                (patch ??= new JsonObject())[key] = null;
            }
        }

        return patch;
    }

    /// <summary>
    /// Whether every field of <paramref name="desired"/> has the same value in <paramref name="live"/>: objects by key
    /// (extra live keys allowed: server defaults), lists element by element and of equal length, scalars equal
    /// (numbers by value).
    /// </summary>
    public static bool Contains(JsonNode? live, JsonNode? desired)
    {
        switch (desired)
        {
            case null:
                return live is null;
            case JsonObject desiredObject:
                if (live is not JsonObject liveObject)
                {
                    return false;
                }

                foreach (var (key, value) in desiredObject)
                {
                    if (!liveObject.TryGetPropertyValue(key, out var liveValue) || !Contains(liveValue, value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray desiredArray:
                if (live is not JsonArray liveArray || liveArray.Count != desiredArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < desiredArray.Count; i++)
                {
                    if (!Contains(liveArray[i], desiredArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return JsonNode.DeepEquals(live, desired) || (live is JsonValue a && desired is JsonValue b && SameNumber(a, b));
        }
    }

    /// <summary>A short hash of <paramref name="node"/>'s JSON text.</summary>
    public static string Hash(JsonNode node) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString())), 0, 10).ToLowerInvariant();

    private static bool SameNumber(JsonValue a, JsonValue b) =>
        a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number &&
        double.Parse(a.ToJsonString(), CultureInfo.InvariantCulture).Equals(double.Parse(b.ToJsonString(), CultureInfo.InvariantCulture));
}
