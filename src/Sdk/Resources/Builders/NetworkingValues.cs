using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orkestra.Resources;

/// <summary>
/// Values the networking, configuration and storage builders share: enumerations, ports, label selectors and
/// NetworkPolicy rules (from an item's fields, or from JSON: a profile, a copied subtree).
/// </summary>
internal static partial class NetworkingValues
{
    private static readonly string[] Protocols = { "TCP", "UDP", "SCTP" };
    private static readonly string[] PolicyTypeNames = { "Ingress", "Egress" };

    private const string PortOrNameHint = "write a port number from 1 to 65535 or a port name (at most 15 lowercase letters, digits and '-', with a letter)";

    /// <summary><paramref name="text"/>, or null when it is null or empty (a template that rendered nothing).</summary>
    public static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>
    /// One of <paramref name="allowed"/>, matched without regard to case and written as Kubernetes spells it; null
    /// when the field is absent or renders empty.
    /// </summary>
    public static string? Choice(ResourceItem item, string field, params string[] allowed)
    {
        var text = NonEmpty(item.String(field));
        if (text is null)
        {
            return null;
        }

        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
            ?? throw item.Fail(field, $"'{text}'{item.RenderedFrom(field)} is not a valid {field}; write one of {string.Join(", ", allowed)}");
    }

    /// <summary>A protocol (TCP, UDP, SCTP); null when absent.</summary>
    public static string? Protocol(ResourceItem item, string field) => Choice(item, field, Protocols);

    /// <summary>
    /// Which of two spellings of one field the item uses (<c>storage</c>/<c>storageSize</c>): <paramref name="second"/>
    /// when only it is set, else <paramref name="first"/>; both set is an error.
    /// </summary>
    public static string OneOf(ResourceItem item, string first, string second)
    {
        if (item.Has(first) && item.Has(second))
        {
            throw item.Fail(second, $"is set beside {first}, which means the same; keep one of them");
        }

        return item.Has(second) ? second : first;
    }

    /// <summary>A port number (1-65535); null when absent or rendered empty.</summary>
    public static long? PortNumber(ResourceItem item, string field)
    {
        var text = NonEmpty(item.String(field));
        if (text is null)
        {
            return null;
        }

        return WholeNumber(text) is { } number and >= 1 and <= 65535
            ? number
            : throw item.Fail(field, $"'{text}'{item.RenderedFrom(field)} is not a port number; write a whole number from 1 to 65535");
    }

    /// <summary>An int-or-string port: a whole number becomes an integer, a port name stays a string; null when absent.</summary>
    public static JsonNode? PortOrName(ResourceItem item, string field)
    {
        var text = NonEmpty(item.String(field));
        if (text is null)
        {
            return null;
        }

        return ToPortOrName(text) ?? throw item.Fail(field, $"'{text}'{item.RenderedFrom(field)} is not a port; {PortOrNameHint}");
    }

    /// <summary>A whole number written as text (<c>8080</c>, or <c>8080.0</c> as a float renders); null when it is not one.</summary>
    public static long? WholeNumber(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number == Math.Floor(number) && Math.Abs(number) < 9e15
            ? (long)number
            : null;
    }

    /// <summary>A list of strings as JSON.</summary>
    public static JsonArray StringArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>
    /// A label selector from upstream's compact form (a map of labels: <c>{role: worker}</c>; <c>{}</c> or absent:
    /// everything) or Kubernetes' own (<c>{matchLabels, matchExpressions}</c>).
    /// </summary>
    public static JsonObject Selector(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return new JsonObject();
            case JsonObject map when map.ContainsKey("matchLabels") || map.ContainsKey("matchExpressions"):
                var selector = new JsonObject();
                foreach (var pair in map)
                {
                    if (pair.Key is not ("matchLabels" or "matchExpressions"))
                    {
                        throw new ResourceException(path + "." + pair.Key, "a label selector has matchLabels and matchExpressions only; move this label under matchLabels");
                    }
                }

                if (map["matchExpressions"] is { } expressions)
                {
                    selector["matchExpressions"] = expressions is JsonArray
                        ? expressions.DeepClone()
                        : throw new ResourceException(path + ".matchExpressions", "must be a list of {key, operator, values}");
                }

                if (map.ContainsKey("matchLabels"))
                {
                    selector["matchLabels"] = LabelMap(map["matchLabels"], path + ".matchLabels");
                }

                return selector;
            case JsonObject map:
                return map.Count == 0 ? new JsonObject() : new JsonObject { ["matchLabels"] = LabelMap(map, path) };
            default:
                throw new ResourceException(path, "must be a map of labels, such as {app: web}, or a label selector ({matchLabels: …}); {} selects every pod");
        }
    }

    // A map of label names to values; values that YAML typed (a number, a boolean) are labels' text.
    private static JsonObject LabelMap(JsonNode? node, string path)
    {
        if (node is not JsonObject map)
        {
            throw new ResourceException(path, "must be a map of label names to values, such as {app: web}");
        }

        var labels = new JsonObject();
        foreach (var pair in map)
        {
            labels[pair.Key] = pair.Value switch
            {
                null => string.Empty,
                JsonValue value => Text(value),
                _ => throw new ResourceException(path + "." + pair.Key, "a label value must be a single value, such as web"),
            };
        }

        return labels;
    }

    // The text of a scalar JSON value: a string as it is, a number or a boolean as JSON writes it.
    private static string Text(JsonValue value) => value.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    /// <summary>A port number, or a port name (IANA service name: at most 15 lowercase letters, digits and '-', with a letter).</summary>
    public static JsonNode? ToPortOrName(string text)
    {
        if (WholeNumber(text) is { } number)
        {
            return number is >= 1 and <= 65535 ? JsonValue.Create(number) : null;
        }

        return text.Length <= 15 && PortNamePattern().IsMatch(text) && text.Any(char.IsAsciiLetterLower) && !text.Contains("--", StringComparison.Ordinal)
            ? JsonValue.Create(text)
            : null;
    }

    /// <summary>Whether <paramref name="node"/> is a JSON number.</summary>
    public static bool IsNumber(JsonNode node) => node.GetValueKind() == JsonValueKind.Number;

    /// <summary>Whether <paramref name="name"/> is an RFC 1035 label (Service names): a lowercase letter first.</summary>
    public static bool IsDns1035Label(string name) => Dns1035Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex PortNamePattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Pattern();
}
