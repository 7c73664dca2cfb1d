using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>Reads and writes the <c>metadata</c> of objects held as <see cref="JsonObject"/>.</summary>
internal static class ObjectMeta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? String(JsonObject obj, string field) => StringOf(obj["metadata"].Child(field));

    public static string Name(JsonObject obj) => String(obj, "name") ?? "";

    public static string Namespace(JsonObject obj) => String(obj, "namespace") ?? "";

    public static string Uid(JsonObject obj) => String(obj, "uid") ?? "";

    public static long ResourceVersion(JsonObject obj) =>
        long.TryParse(String(obj, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    public static long Generation(JsonObject obj) =>
        long.TryParse(obj["metadata"].Child("generation")?.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : 0;

    public static bool IsDeleting(JsonObject obj) => obj["metadata"].Child("deletionTimestamp") is not null;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        if (obj["metadata"].Child("labels") is not JsonObject labels)
        {
            return new Dictionary<string, string>();
        }
        return labels.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => StringOf(p.Value) ?? "");
    }

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"].Child("finalizers") is JsonArray array
            ? array.Select(StringOf).Where(f => f is not null).Select(f => f!).ToList()
            : [];

    public static void SetFinalizers(JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var metadata = Metadata(obj);
        if (finalizers.Count == 0)
        {
            metadata.Remove("finalizers");
        }
        else
        {
            metadata["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
        }
    }

    /// <summary>The uids of the object's owners; with <paramref name="blockingOnly"/>, only those with <c>blockOwnerDeletion</c>.</summary>
    public static IEnumerable<string> OwnerUids(JsonObject obj, bool blockingOnly = false)
    {
        if (obj["metadata"].Child("ownerReferences") is not JsonArray references)
        {
            yield break;
        }
        foreach (var reference in references.OfType<JsonObject>())
        {
            if (blockingOnly && reference["blockOwnerDeletion"]?.GetValueKind() != JsonValueKind.True)
            {
                continue;
            }
            if (StringOf(reference["uid"]) is { } uid)
            {
                yield return uid;
            }
        }
    }

    public static string Now() => Timestamp(DateTimeOffset.UtcNow);

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The member <paramref name="key"/> of <paramref name="node"/> when it is an object, else null (never throws).</summary>
    public static JsonNode? Child(this JsonNode? node, string key) => node is JsonObject obj ? obj[key] : null;

    public static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The node at a simple JSON path like <c>.spec.replicas</c>, or null.</summary>
    public static JsonNode? AtPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[segment] : null;
        }
        return node;
    }

    /// <summary>Sets the node at a simple JSON path, creating the objects on the way.</summary>
    public static void SetAtPath(JsonObject obj, string path, JsonNode? value)
    {
        var segments = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var current = obj;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                next = [];
                current[segment] = next;
            }
            current = next;
        }
        current[segments[^1]] = value;
    }
}
