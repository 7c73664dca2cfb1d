using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// What the API server's JSON decoding sees in a <see cref="JsonNode"/>: the OpenAPI type of a value (a number without
/// a fractional part is an integer, as Go decodes it to <c>int64</c>), numbers whether the node came from parsed text
/// or was built from CLR values, and equality that compares numbers by value.
/// </summary>
internal static class JsonData
{
    /// <summary>The OpenAPI type name of <paramref name="node"/>: null, object, array, string, integer, number or boolean.</summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => TryGetInteger(value, out _) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    /// <summary>The string in <paramref name="node"/>, if it is one.</summary>
    public static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return true;
        }

        text = string.Empty;
        return false;
    }

    /// <summary>The number in <paramref name="value"/> as a <see cref="double"/>.</summary>
    public static bool TryGetDouble(JsonValue value, out double number)
    {
        number = 0;
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return element.TryGetDouble(out number);
        }

        if (value.TryGetValue(out long int64))
        {
            number = int64;
            return true;
        }

        if (value.TryGetValue(out int int32))
        {
            number = int32;
            return true;
        }

        if (value.TryGetValue(out double float64))
        {
            number = float64;
            return true;
        }

        if (value.TryGetValue(out decimal dec))
        {
            number = (double)dec;
            return true;
        }

        if (value.TryGetValue(out float float32))
        {
            number = float32;
            return true;
        }

        if (value.TryGetValue(out ulong uint64))
        {
            number = uint64;
            return true;
        }

        return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The number in <paramref name="value"/> when it is a whole number that fits an <c>int64</c>.</summary>
    public static bool TryGetInteger(JsonValue value, out long integer)
    {
        integer = 0;
        if (value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            if (element.TryGetInt64(out integer))
            {
                return true;
            }

            return element.TryGetDouble(out var whole) && IsWhole(whole, out integer);
        }

        if (value.TryGetValue(out long int64))
        {
            integer = int64;
            return true;
        }

        if (value.TryGetValue(out int int32))
        {
            integer = int32;
            return true;
        }

        return TryGetDouble(value, out var number) && IsWhole(number, out integer);
    }

    /// <summary>Deep equality of two JSON values; numbers compare by value (<c>1</c> equals <c>1.0</c>), object keys in any order.</summary>
    public static bool Equal(JsonNode? left, JsonNode? right)
    {
        switch (left, right)
        {
            case (null, null):
                return true;
            case (JsonObject a, JsonObject b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var pair in a)
                {
                    if (!b.TryGetPropertyValue(pair.Key, out var other) || !Equal(pair.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonArray a, JsonArray b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!Equal(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (JsonValue a, JsonValue b):
                var kind = a.GetValueKind();
                if (kind != b.GetValueKind())
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.String => a.GetValue<string>() == b.GetValue<string>(),
                    JsonValueKind.Number => NumbersEqual(a, b),
                    _ => true,
                };
            default:
                return false;
        }
    }

    /// <summary>
    /// <paramref name="node"/> as compact JSON with object keys sorted and numbers normalised, so equal values have equal
    /// text, and strings escaped as Go's <c>encoding/json</c> escapes them: the text of FieldsV1 <c>k:</c>/<c>v:</c> keys.
    /// </summary>
    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        AppendCanonical(builder, node);
        return builder.ToString();
    }

    /// <summary>The JSON text of <paramref name="node"/> (<c>null</c> for null).</summary>
    public static string ToJson(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>Appends <see cref="Canonical"/> of <paramref name="node"/> to <paramref name="builder"/>.</summary>
    public static void AppendCanonical(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var pair in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, pair.Key);
                    builder.Append(':');
                    AppendCanonical(builder, pair.Value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    AppendCanonical(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                builder.Append(TryGetInteger(value, out var integer)
                    ? integer.ToString(CultureInfo.InvariantCulture)
                    : TryGetDouble(value, out var number) ? number.ToString("R", CultureInfo.InvariantCulture) : value.ToJsonString());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                AppendString(builder, value.GetValue<string>());
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    /// <summary>A JSON string as Go writes it: quotes, backslashes, control characters, &lt; &gt; &amp; and U+2028/9 escaped, the rest verbatim.</summary>
    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    private static bool NumbersEqual(JsonValue a, JsonValue b)
    {
        if (TryGetInteger(a, out var x) && TryGetInteger(b, out var y))
        {
            return x == y;
        }

        return TryGetDouble(a, out var p) && TryGetDouble(b, out var q) && p.Equals(q);
    }

    private static bool IsWhole(double number, out long integer)
    {
        integer = 0;
        if (double.IsFinite(number) && Math.Floor(number) == number && number >= long.MinValue && number <= long.MaxValue)
        {
            integer = (long)number;
            return true;
        }

        return false;
    }
}
