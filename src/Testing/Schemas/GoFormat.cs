using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// Go's <c>fmt</c> renderings of decoded JSON values, as the API server prints them in error messages: <c>%q</c> for
/// strings, <c>%v</c> for numbers and booleans, <c>%#v</c> for maps and slices (<c>map[string]interface {}{"a":1}</c>).
/// </summary>
internal static class GoFormat
{
    /// <summary>A bad value as <c>field.Error.ErrorBody</c> prints it after "Invalid value: ".</summary>
    public static string BadValue(JsonNode? value) => value switch
    {
        null => Quote("null"),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => Quote(scalar.GetValue<string>()),
        JsonValue scalar => Plain(scalar),
        _ => Syntax(value),
    };

    /// <summary>Go's <c>strconv.Quote</c>.</summary>
    public static string Quote(string text) => Templating.GoFormat.Quote(text);

    /// <summary>
    /// Go's <c>%v</c> of a <c>float64</c> (or <c>%#v</c> when <paramref name="sharp"/>): the shortest digits, with an
    /// exponent below 1e-4 and from 1e6 on (1e21 for <c>%#v</c>).
    /// </summary>
    public static string Float(double number, bool sharp = false) => Templating.GoFormat.Sprintf(sharp ? "%#v" : "%v", [number]);

    /// <summary>Go's <c>%v</c> (or <c>%#v</c> when <paramref name="sharp"/>) of a number or boolean decoded from JSON.</summary>
    public static string Plain(JsonValue value, bool sharp = false)
    {
        if (JsonData.TryGetInteger(value, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        if (JsonData.TryGetDouble(value, out var number))
        {
            return Float(number, sharp);
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.String => value.GetValue<string>(),
            _ => "<nil>",
        };
    }

    /// <summary>Go's <c>%#v</c> of a value decoded from JSON into <c>interface{}</c>.</summary>
    public static string Syntax(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return "interface {}(nil)";
            case JsonObject obj:
                var entries = obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Quote(p.Key) + ":" + Syntax(p.Value));
                return "map[string]interface {}{" + string.Join(", ", entries) + "}";
            case JsonArray array:
                return "[]interface {}{" + string.Join(", ", array.Select(Syntax)) + "}";
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                return Quote(scalar.GetValue<string>());
            case JsonValue scalar:
                return Plain(scalar, sharp: true);
            default:
                return string.Empty;
        }
    }
}
