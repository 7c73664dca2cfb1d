using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// Converts between model types (generated CRD models, or hand-written ones) and unstructured objects through the
/// <see cref="JsonConverter"/> the type names with <see cref="JsonConverterAttribute"/>: no reflection-based
/// serialization, so it is safe with trimming and native AOT.
/// </summary>
public static class KubeJson
{
    private static readonly JsonSerializerOptions Options = new();

    /// <summary>Reads an object as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A model type with a <c>[JsonConverter]</c>.</typeparam>
    /// <param name="obj">The object (as the API server returns it).</param>
    /// <exception cref="JsonException">The object does not fit the type (the message has the path).</exception>
    /// <exception cref="InvalidOperationException">The type has no <c>[JsonConverter]</c> attribute.</exception>
    public static T Deserialize<T>(JsonObject obj)
        where T : class, ICustomResource
    {
        ArgumentNullException.ThrowIfNull(obj);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            obj.WriteTo(writer);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        return ConverterOf<T>.Instance.Read(ref reader, typeof(T), Options)
            ?? throw new JsonException($"the {typeof(T).Name} converter returned null");
    }

    /// <summary>Writes <paramref name="value"/> as an object.</summary>
    /// <typeparam name="T">A model type with a <c>[JsonConverter]</c>.</typeparam>
    /// <param name="value">The model object.</param>
    /// <exception cref="InvalidOperationException">The type has no <c>[JsonConverter]</c> attribute.</exception>
    public static JsonObject Serialize<T>(T value)
        where T : class, ICustomResource
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ConverterOf<T>.Instance.Write(writer, value, Options);
        }

        return JsonNode.Parse(buffer.WrittenSpan) as JsonObject
            ?? throw new JsonException($"the {typeof(T).Name} converter did not write an object");
    }

    // The converter of T, created once from its [JsonConverter] attribute (or why there is none).
    private static class ConverterOf<T>
    {
        private static readonly JsonConverter<T>? Converter;
        private static readonly string? Problem;

#pragma warning disable CA1810 // Both fields come from one lookup.
        static ConverterOf()
#pragma warning restore CA1810
        {
            var attribute = typeof(T).GetCustomAttributes(typeof(JsonConverterAttribute), inherit: false).OfType<JsonConverterAttribute>().FirstOrDefault();
            if (attribute?.ConverterType is not { } converterType)
            {
                Problem = $"{typeof(T).FullName} has no [JsonConverter(typeof(…))] attribute; generated models have one, a hand-written model needs one too";
            }
            else if (Activator.CreateInstance(converterType) is JsonConverter<T> converter)
            {
                Converter = converter;
            }
            else
            {
                Problem = $"{converterType.FullName}, the converter of {typeof(T).FullName}, is not a JsonConverter<{typeof(T).Name}>";
            }
        }

        public static JsonConverter<T> Instance => Converter ?? throw new InvalidOperationException(Problem);
    }
}
