using System.Globalization;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>JSON patch (RFC 6902, <c>application/json-patch+json</c>): add, remove, replace, move, copy and test.</summary>
internal static class JsonPatch
{
    /// <summary>Applies the operations in order to a copy of <paramref name="document"/>; 422 when one fails, 400 when malformed.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw StatusErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        foreach (var operation in operations)
        {
            if (operation is not JsonObject op || ObjectMeta.StringOf(op["op"]) is not { } name)
            {
                throw StatusErrors.BadRequest("json patch operation must be an object with an \"op\"");
            }
            var path = Path(op, "path");
            switch (name)
            {
                case "add":
                    Add(root, path, Value(op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(op));
                    break;
                case "move":
                    var from = Path(op, "from");
                    var moved = Get(root, from);
                    Remove(root, from);
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, Path(op, "from"))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), Value(op)))
                    {
                        throw Failed($"testing value {Pointer(path)} failed: test failed");
                    }
                    break;
                default:
                    throw StatusErrors.BadRequest($"Unexpected kind: {name}");
            }
        }
        return root["doc"];
    }

    private static JsonNode? Value(JsonObject op)
    {
        if (!op.ContainsKey("value"))
        {
            throw StatusErrors.BadRequest("missing value in json patch operation");
        }
        return op["value"]?.DeepClone();
    }

    // Paths are prefixed with "doc" so that the whole document can be replaced at "".
    private static List<string> Path(JsonObject op, string field)
    {
        var pointer = ObjectMeta.StringOf(op[field]) ?? throw StatusErrors.BadRequest($"missing {field} in json patch operation");
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw StatusErrors.BadRequest($"invalid JSON pointer: {pointer}");
        }
        var segments = new List<string> { "doc" };
        if (pointer.Length > 0)
        {
            segments.AddRange(pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)));
        }
        return segments;
    }

    private static JsonNode? Get(JsonObject root, List<string> path)
    {
        var (parent, last) = Parent(root, path);
        return parent switch
        {
            JsonObject o when o.TryGetPropertyValue(last, out var value) => value,
            JsonArray a when Index(a, last, allowEnd: false) is var i => a[i],
            _ => throw Failed($"doc is missing path: {Pointer(path)}"),
        };
    }

    private static void Add(JsonObject root, List<string> path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                a.Insert(last == "-" ? a.Count : Index(a, last, allowEnd: true), value);
                break;
            default:
                throw Failed($"doc is missing path: {Pointer(path)}");
        }
    }

    private static void Remove(JsonObject root, List<string> path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a:
                a.RemoveAt(Index(a, last, allowEnd: false));
                break;
            default:
                throw Failed($"doc is missing path: {Pointer(path)}: missing value");
        }
    }

    private static (JsonNode? Parent, string Last) Parent(JsonObject root, List<string> path)
    {
        JsonNode? node = root;
        foreach (var segment in path[..^1])
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a => a[Index(a, segment, allowEnd: false)],
                _ => null,
            };
            if (node is null)
            {
                throw Failed($"doc is missing path: {Pointer(path)}: missing value");
            }
        }
        return (node, path[^1]);
    }

    private static int Index(JsonArray array, string segment, bool allowEnd)
    {
        if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > array.Count || (!allowEnd && index == array.Count))
        {
            throw Failed($"index out of bounds or not a number: {segment}");
        }
        return index;
    }

    private static string Pointer(List<string> path) =>
        string.Concat(path.Skip(1).Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    private static ApiException Failed(string message) => new(422, "Invalid", message);
}
