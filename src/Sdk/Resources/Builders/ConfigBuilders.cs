using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orkestra.Resources;

/// <summary>The builders of <c>configMaps</c>, <c>secrets</c> and <c>namespaces</c> items.</summary>
internal static partial class ConfigBuilders
{
    /// <summary>A ConfigMap: <c>data</c> (values as written, templates rendered), <c>binaryData</c> (base64), <c>immutable</c>.</summary>
    public static JsonObject ConfigMap(ResourceItem item)
    {
        var binaryData = item.StringMap("binaryData");
        var data = item.StringMap("data");
        CheckKeys(item, "binaryData", binaryData);
        CheckKeys(item, "data", data);
        foreach (var pair in binaryData ?? new JsonObject())
        {
            var value = (string?)pair.Value ?? string.Empty;
            if (!IsBase64(value))
            {
                throw item.Fail("binaryData." + pair.Key, "is not base64; write the bytes base64-encoded, or put text under data");
            }
        }

        CheckDistinct(item, "binaryData", binaryData, "data", data);
        var obj = new JsonObject();
        if (binaryData is not null)
        {
            obj["binaryData"] = binaryData;
        }

        if (data is not null)
        {
            obj["data"] = data;
        }

        if (item.Bool("immutable") is { } immutable)
        {
            obj["immutable"] = immutable;
        }

        return obj;
    }

    /// <summary>
    /// A Secret: <c>type</c> (default Opaque), <c>data</c> written in plain text as upstream documents it (Orkestra
    /// encodes it: templates such as <c>{{ randomAlphanumeric 32 }}</c> render first), <c>stringData</c>, <c>immutable</c>.
    /// <c>once</c> is carried by the renderer; <c>rotateAfter</c> is the runtime's and is not part of the object.
    /// </summary>
    public static JsonObject Secret(ResourceItem item)
    {
        // Upstream hands data to Kubernetes as stringData; encoding it here gives the same stored Secret, and an
        // applied data field that reads back as written (stringData is write-only, so it never reads back).
        var data = item.StringMap("data");
        var stringData = item.StringMap("stringData");
        CheckKeys(item, "data", data);
        CheckKeys(item, "stringData", stringData);
        CheckDistinct(item, "data", data, "stringData", stringData);

        var obj = new JsonObject();
        if (data is not null)
        {
            var encoded = new JsonObject();
            foreach (var pair in data)
            {
                encoded[pair.Key] = Convert.ToBase64String(Encoding.UTF8.GetBytes((string?)pair.Value ?? string.Empty));
            }

            obj["data"] = encoded;
        }

        if (item.Bool("immutable") is { } immutable)
        {
            obj["immutable"] = immutable;
        }

        if (stringData is not null)
        {
            obj["stringData"] = stringData;
        }

        // Any type Kubernetes knows (kubernetes.io/tls, kubernetes.io/dockerconfigjson, …) or a custom one, as written.
        obj["type"] = NetworkingValues.NonEmpty(item.String("type")) ?? "Opaque";
        return obj;
    }

    /// <summary>
    /// A Namespace (cluster-scoped: the renderer labels it with its owner instead of an owner reference), with the
    /// item's <c>finalizers</c> in its metadata.
    /// </summary>
    public static JsonObject Namespace(ResourceItem item)
    {
        var name = item.ObjectName;
        if (!ResourceItem.IsLabel(name))
        {
            throw item.Fail("name", $"'{name}'{item.RenderedFrom("name")} is not a valid namespace name: use at most 63 lowercase letters, digits and '-' (no dots), starting and ending with a letter or digit");
        }

        var obj = new JsonObject();

        // The namespace's own spec.finalizers (kubernetes) is the API server's; extra finalizers go in the metadata,
        // where their controllers remove them.
        var finalizers = item.Strings("finalizers").Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (finalizers.Count > 0)
        {
            obj["metadata"] = new JsonObject { ["finalizers"] = NetworkingValues.StringArray(finalizers) };
        }

        return obj;
    }

    // Keys of data, binaryData and stringData: what Kubernetes accepts as a file name in a volume.
    private static void CheckKeys(ResourceItem item, string field, JsonObject? map)
    {
        foreach (var pair in map ?? new JsonObject())
        {
            if (pair.Key.Length > 253 || !KeyPattern().IsMatch(pair.Key) || pair.Key is "." or "..")
            {
                throw item.Fail(field + "." + pair.Key, "is not a valid key: use letters, digits, '-', '_' and '.', such as app.properties or DB_PASSWORD");
            }
        }
    }

    private static void CheckDistinct(ResourceItem item, string first, JsonObject? firstMap, string second, JsonObject? secondMap)
    {
        foreach (var pair in secondMap ?? new JsonObject())
        {
            if (firstMap?.ContainsKey(pair.Key) == true)
            {
                throw item.Fail(second + "." + pair.Key, $"is also a key of {first}; keep the key in one of them");
            }
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex KeyPattern();
}
