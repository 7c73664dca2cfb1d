using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// Reads and writes <see cref="IntOrString"/>: a JSON integer (within the 32-bit range) or a JSON string, written back
/// in the same form. Any other token, a non-integer number or an integer out of range is a <see cref="JsonException"/>.
/// </summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    /// <summary>A shared instance, for converters that call this one directly.</summary>
    public static IntOrStringJsonConverter Instance { get; } = new();

    /// <inheritdoc/>
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new IntOrString(reader.GetString()!);
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var value))
                {
                    return new IntOrString(value);
                }

                var text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray());
                if (text.AsSpan(text.StartsWith('-') ? 1 : 0).IndexOfAnyExceptInRange('0', '9') < 0)
                {
                    throw new JsonException($"An int-or-string value must be a 32-bit integer or a string; the integer {text} is out of range.");
                }

                throw new JsonException($"An int-or-string value must be an integer or a string, not the number {text}.");
            default:
                throw new JsonException($"An int-or-string value must be an integer or a string, not {Describe(reader.TokenType)}.");
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsInt)
        {
            writer.WriteNumberValue(value.IntValue);
        }
        else
        {
            writer.WriteStringValue(value.StringValue);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
