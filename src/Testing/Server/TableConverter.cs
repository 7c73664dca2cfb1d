using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orkestra.Testing.Server;

/// <summary>
/// Server-side printing (<c>meta.k8s.io/v1 Table</c>), which kubectl asks for with <c>Accept: ...;as=Table</c>: the
/// columns Name and Age, or Name and a CRD version's <c>additionalPrinterColumns</c>, and for each row the object's
/// metadata (<c>includeObject=Metadata</c>, the default), the whole object (<c>Object</c>) or nothing (<c>None</c>).
/// </summary>
internal static partial class TableConverter
{
    /// <summary>Whether the client asked for a Table (kubectl's human-readable output does).</summary>
    public static bool Wanted(string? accept) =>
        accept is not null && accept.Split(',').FirstOrDefault()?.Replace(" ", "", StringComparison.Ordinal).Contains("as=Table", StringComparison.Ordinal) == true;

    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> items, string? resourceVersion, string? continueToken, string? includeObject)
    {
        var columns = Columns(type);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => Cell(c, item)).ToArray()) };
            if (includeObject != "None")
            {
                row["object"] = includeObject == "Object" ? Versioned(type, item) : PartialMetadata(item);
            }
            rows.Add(row);
        }
        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    /// <summary>How Kubernetes prints an age: <c>45s</c>, <c>3m20s</c>, <c>2h</c>, <c>5d</c>...</summary>
    public static string HumanDuration(TimeSpan age)
    {
        if (age < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }
        var seconds = (long)Math.Max(0, age.TotalSeconds);
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        var years = days / 365;
        string Pair(long big, string a, long small, string b) => small == 0 ? $"{big}{a}" : $"{big}{a}{small}{b}";
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => Pair(minutes, "m", seconds % 60, "s"),
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => Pair(hours, "h", minutes % 60, "m"),
            _ when hours < 48 => $"{hours}h",
            _ when hours < 24 * 8 => Pair(days, "d", hours % 24, "h"),
            _ when days < 365 * 2 => $"{days}d",
            _ when days < 365 * 8 => Pair(years, "y", days % 365, "d"),
            _ => $"{years}y",
        };
    }

    private sealed record Column(string Name, string Type, string Format, string Description, int Priority, string? JsonPath);

    private static List<Column> Columns(ResourceType type)
    {
        var name = new Column("Name", "string", "name", "Name must be unique within a namespace.", 0, null);
        var age = new Column("Age", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, ".metadata.creationTimestamp");
        if (type.PrinterColumns is not { Count: > 0 } printerColumns)
        {
            return [name, age];
        }
        var columns = new List<Column> { name };
        foreach (var column in printerColumns.OfType<JsonObject>())
        {
            columns.Add(new Column(
                ObjectMeta.StringOf(column["name"]) ?? "",
                ObjectMeta.StringOf(column["type"]) ?? "string",
                ObjectMeta.StringOf(column["format"]) ?? "",
                ObjectMeta.StringOf(column["description"]) ?? "",
                column["priority"] is JsonValue priority && priority.TryGetValue<int>(out var p) ? p : 0,
                ObjectMeta.StringOf(column["jsonPath"])));
        }
        return columns;
    }

    private static JsonNode? Cell(Column column, JsonObject obj)
    {
        if (column.JsonPath is null)
        {
            return ObjectMeta.Name(obj);
        }
        var value = Evaluate(obj, column.JsonPath);
        if (value is null)
        {
            return null;
        }
        if (column.Type == "date" && ObjectMeta.StringOf(value) is { } text &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return HumanDuration(DateTimeOffset.UtcNow - time);
        }
        return value.GetValueKind() is JsonValueKind.Object or JsonValueKind.Array ? value.ToJsonString() : value.DeepClone();
    }

    // The JSONPath subset printer columns use: .a.b, .list[0], .conditions[?(@.type=="Ready")].status
    private static JsonNode? Evaluate(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (Match step in PathStep().Matches(path.Trim().TrimStart('{').TrimEnd('}')))
        {
            node = node.Child(step.Groups["name"].Value);
            if (step.Groups["index"].Success)
            {
                node = node is JsonArray array && int.TryParse(step.Groups["index"].Value, CultureInfo.InvariantCulture, out var i) && i < array.Count ? array[i] : null;
            }
            else if (step.Groups["key"].Success)
            {
                var key = step.Groups["key"].Value;
                var expected = step.Groups["value"].Value;
                node = (node as JsonArray)?.FirstOrDefault(e => ObjectMeta.StringOf(e.Child(key)) == expected || e.Child(key)?.ToJsonString() == expected);
            }
        }
        return node;
    }

    private static JsonObject PartialMetadata(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone(),
    };

    private static JsonObject Versioned(ResourceType type, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["apiVersion"] = type.GroupVersion;
        return copy;
    }

    [GeneratedRegex("""\.(?<name>[^.\[]+)(?:\[(?:(?<index>\d+)|\?\(@\.(?<key>[^=!]+)==["']?(?<value>[^"')]*)["']?\))\])?""")]
    private static partial Regex PathStep();
}
