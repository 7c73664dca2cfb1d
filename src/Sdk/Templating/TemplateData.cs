using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Templating;

/// <summary>
/// Turns JSON into the engine's value model the way Go's <c>encoding/json</c> decodes into <c>interface{}</c>:
/// objects become maps, arrays lists, every number a <see cref="double"/>.
/// </summary>
public static class TemplateData
{
    /// <summary>The value model of <paramref name="element"/>.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element),
        JsonValueKind.Array => Array(element),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>The value model of <paramref name="node"/>.</summary>
    public static object? FromJson(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var property in obj)
                {
                    map[property.Key] = FromJson(property.Value);
                }

                return map;
            case JsonArray array:
                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(FromJson(item));
                }

                return list;
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
        }
    }

    private static Dictionary<string, object?> Object(JsonElement element)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = FromJson(property.Value);
        }

        return map;
    }

    private static List<object?> Array(JsonElement element)
    {
        var list = new List<object?>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            list.Add(FromJson(item));
        }

        return list;
    }
}
