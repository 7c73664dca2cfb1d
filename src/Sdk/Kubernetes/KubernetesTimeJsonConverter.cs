using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// Reads and writes a <see cref="DateTimeOffset"/> as a Kubernetes time string (see <see cref="KubernetesTime"/>): any
/// RFC 3339 date-time is read (as UTC), and UTC with fractional seconds only when present is written. For
/// <c>format: date-time</c> properties of generated models.
/// </summary>
public sealed class KubernetesTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>A shared instance, for converters that call this one directly.</summary>
    public static KubernetesTimeJsonConverter Instance { get; } = new();

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A Kubernetes time must be an RFC 3339 string, not a {reader.TokenType} token.");
        }

        var text = reader.GetString();
        return KubernetesTime.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 date-time such as 2024-05-01T10:20:30Z.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(KubernetesTime.Format(value));
    }
}
