using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes;

/// <summary>
/// Helpers for hand-written and generated <see cref="System.Text.Json.Serialization.JsonConverter{T}"/>s of Kubernetes
/// objects: walking an object's properties, reading typed scalars with clear errors, the properties every custom
/// resource has (<c>apiVersion</c>, <c>kind</c>, <c>metadata</c>) and unknown fields kept as extension data. None of them
/// use reflection.
/// </summary>
/// <example>
/// A converter's <c>Read</c> for a custom resource is a loop over its properties:
/// <code>
/// var resource = new Website();
/// CustomResourceJson.ReadStartObject(ref reader, "Website");
/// while (CustomResourceJson.ReadProperty(ref reader, out var name))
/// {
///     switch (name)
///     {
///         case "spec": resource.Spec = SpecConverter.Read(ref reader, typeof(WebsiteSpec), options); break;
///         case "status": resource.Status = reader.TokenType == JsonTokenType.Null ? null : StatusConverter.Read(ref reader, typeof(WebsiteStatus), options); break;
///         default: CustomResourceJson.ReadCommonOrExtension(ref reader, name, resource, options); break;
///     }
/// }
/// return resource;
/// </code>
/// </example>
public static class CustomResourceJson
{
    /// <summary>Checks that the reader is at the start of an object.</summary>
    /// <param name="reader">The reader, at the value's first token.</param>
    /// <param name="what">What the object is, for the error message (a type or property name).</param>
    /// <exception cref="JsonException">The value is not an object.</exception>
    public static void ReadStartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"{what}: expected an object, got {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>
    /// Advances to the next property of the current object. When there is one, its name is returned and the reader is
    /// left at the first token of its value; the caller must consume the whole value (leaving the reader at its last
    /// token), for example with <see cref="Utf8JsonReader.Skip"/>.
    /// </summary>
    /// <param name="reader">The reader, at the object's start or at the last token of the previous property's value.</param>
    /// <param name="propertyName">The property's name, or empty at the end of the object.</param>
    /// <returns>False at the end of the object (the reader is left at its end).</returns>
    /// <exception cref="JsonException">The JSON ends early.</exception>
    public static bool ReadProperty(ref Utf8JsonReader reader, out string propertyName)
    {
        if (!reader.Read())
        {
            throw new JsonException("Unexpected end of JSON inside an object.");
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            propertyName = string.Empty;
            return false;
        }

        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException($"Expected a property name, got {Describe(reader.TokenType)}.");
        }

        propertyName = reader.GetString()!;
        if (!reader.Read())
        {
            throw new JsonException($"Unexpected end of JSON after the property name '{propertyName}'.");
        }

        return true;
    }

    /// <summary>Reads a string or null value.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="propertyName">The property's name, for the error message.</param>
    /// <returns>The string, or null for a JSON null.</returns>
    /// <exception cref="JsonException">The value is neither a string nor null.</exception>
    public static string? ReadString(ref Utf8JsonReader reader, string propertyName) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Expected(propertyName, "a string", reader.TokenType),
    };

    /// <summary>Reads a boolean or null value.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="propertyName">The property's name, for the error message.</param>
    /// <returns>The boolean, or null for a JSON null.</returns>
    /// <exception cref="JsonException">The value is neither a boolean nor null.</exception>
    public static bool? ReadBoolean(ref Utf8JsonReader reader, string propertyName) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Expected(propertyName, "a boolean", reader.TokenType),
    };

    /// <summary>Reads a 32-bit integer or null value.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="propertyName">The property's name, for the error message.</param>
    /// <returns>The integer, or null for a JSON null.</returns>
    /// <exception cref="JsonException">The value is not an integer in range, nor null.</exception>
    public static int? ReadInt32(ref Utf8JsonReader reader, string propertyName) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var value) => value,
        JsonTokenType.Null => null,
        _ => throw Expected(propertyName, "a 32-bit integer", reader.TokenType),
    };

    /// <summary>Reads a 64-bit integer or null value.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="propertyName">The property's name, for the error message.</param>
    /// <returns>The integer, or null for a JSON null.</returns>
    /// <exception cref="JsonException">The value is not an integer in range, nor null.</exception>
    public static long? ReadInt64(ref Utf8JsonReader reader, string propertyName) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var value) => value,
        JsonTokenType.Null => null,
        _ => throw Expected(propertyName, "a 64-bit integer", reader.TokenType),
    };

    /// <summary>Reads a Kubernetes time (an RFC 3339 string, see <see cref="KubernetesTime"/>) or null value.</summary>
    /// <param name="reader">The reader, at the value.</param>
    /// <param name="propertyName">The property's name, for the error message.</param>
    /// <returns>The time in UTC, or null for a JSON null.</returns>
    /// <exception cref="JsonException">The value is neither an RFC 3339 string nor null.</exception>
    public static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw Expected(propertyName, "an RFC 3339 time string", reader.TokenType);
        }

        var text = reader.GetString();
        return KubernetesTime.TryParse(text, out var value)
            ? value
            : throw new JsonException($"{propertyName}: '{text}' is not an RFC 3339 date-time such as 2024-05-01T10:20:30Z.");
    }

    /// <summary>Reads any value (null included) into <paramref name="extensionData"/>, creating it when null.</summary>
    /// <param name="reader">The reader, at the value; left at its last token.</param>
    /// <param name="propertyName">The unknown property's name; a repeated name keeps the last value.</param>
    /// <param name="extensionData">The extension data read so far, or null.</param>
    /// <returns>The extension data, holding the new value.</returns>
    public static JsonObject AddExtension(ref Utf8JsonReader reader, string propertyName, JsonObject? extensionData)
    {
        extensionData ??= [];
        extensionData[propertyName] = JsonNode.Parse(ref reader);
        return extensionData;
    }

    /// <summary>Writes every property of <paramref name="extensionData"/> into the object being written.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="extensionData">The unknown fields kept when reading, or null.</param>
    public static void WriteExtensionData(Utf8JsonWriter writer, JsonObject? extensionData)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (extensionData is null)
        {
            return;
        }

        foreach (var (name, value) in extensionData)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
    }

    /// <summary>
    /// Reads <c>apiVersion</c>, <c>kind</c> or <c>metadata</c> into <paramref name="resource"/>; any other property is
    /// left unread.
    /// </summary>
    /// <typeparam name="TSpec">The resource's spec type.</typeparam>
    /// <typeparam name="TStatus">The resource's status type.</typeparam>
    /// <param name="reader">The reader, at the property's value; left at its last token when it is read.</param>
    /// <param name="propertyName">The property's name.</param>
    /// <param name="resource">The resource being read.</param>
    /// <param name="options">The serializer options in use.</param>
    /// <returns>Whether the property was one of the three.</returns>
    /// <exception cref="JsonException">The property's value has the wrong type.</exception>
    public static bool TryReadCommonProperty<TSpec, TStatus>(
        ref Utf8JsonReader reader, string propertyName, CustomResource<TSpec, TStatus> resource, JsonSerializerOptions options)
        where TSpec : new()
        where TStatus : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        switch (propertyName)
        {
            case "apiVersion":
                resource.ApiVersion = ReadString(ref reader, propertyName) ?? string.Empty;
                return true;
            case "kind":
                resource.Kind = ReadString(ref reader, propertyName) ?? string.Empty;
                return true;
            case "metadata":
                resource.Metadata = reader.TokenType == JsonTokenType.Null
                    ? new ObjectMeta()
                    : ObjectMetaJsonConverter.Instance.Read(ref reader, typeof(ObjectMeta), options);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Reads <c>apiVersion</c>, <c>kind</c> or <c>metadata</c> into <paramref name="resource"/>, and any other property
    /// into its <see cref="CustomResource{TSpec, TStatus}.ExtensionData"/>: what a converter does with every property
    /// that is not <c>spec</c> or <c>status</c>.
    /// </summary>
    /// <typeparam name="TSpec">The resource's spec type.</typeparam>
    /// <typeparam name="TStatus">The resource's status type.</typeparam>
    /// <param name="reader">The reader, at the property's value; left at its last token.</param>
    /// <param name="propertyName">The property's name.</param>
    /// <param name="resource">The resource being read.</param>
    /// <param name="options">The serializer options in use.</param>
    /// <exception cref="JsonException">A common property's value has the wrong type.</exception>
    public static void ReadCommonOrExtension<TSpec, TStatus>(
        ref Utf8JsonReader reader, string propertyName, CustomResource<TSpec, TStatus> resource, JsonSerializerOptions options)
        where TSpec : new()
        where TStatus : class
    {
        if (!TryReadCommonProperty(ref reader, propertyName, resource, options))
        {
            resource.ExtensionData = AddExtension(ref reader, propertyName, resource.ExtensionData);
        }
    }

    /// <summary>Writes <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> into the object being written.</summary>
    /// <typeparam name="TSpec">The resource's spec type.</typeparam>
    /// <typeparam name="TStatus">The resource's status type.</typeparam>
    /// <param name="writer">The writer, inside the resource's object.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="options">The serializer options in use.</param>
    public static void WriteCommonProperties<TSpec, TStatus>(
        Utf8JsonWriter writer, CustomResource<TSpec, TStatus> resource, JsonSerializerOptions options)
        where TSpec : new()
        where TStatus : class
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(resource);
        writer.WriteString("apiVersion", resource.ApiVersion);
        writer.WriteString("kind", resource.Kind);
        writer.WritePropertyName("metadata");
        ObjectMetaJsonConverter.Instance.Write(writer, resource.Metadata, options);
    }

    /// <summary>
    /// Whether an exception thrown while reading a value says the JSON does not fit the type (a wrong token, a number
    /// out of range, a bad format): such an error is rethrown with <see cref="AtProperty"/> or <see cref="AtIndex"/>.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>True for <see cref="JsonException"/>, <see cref="InvalidOperationException"/> and <see cref="FormatException"/>.</returns>
    public static bool IsReadError(Exception exception) => exception is JsonException or InvalidOperationException or FormatException;

    /// <summary>
    /// The read error of a property's value, as a <see cref="JsonException"/> whose <see cref="JsonException.Path"/> is
    /// the value's path from the outermost object read (<c>$.spec.replicas</c>) and whose message ends with it.
    /// Each enclosing object's converter adds its property, so the path grows outward.
    /// </summary>
    /// <param name="error">The error, thrown while reading the property's value.</param>
    /// <param name="propertyName">The property's name.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException AtProperty(Exception error, string propertyName) =>
        At(error, IsPlainName(propertyName) ? "." + propertyName : "['" + propertyName.Replace("'", "\\'", StringComparison.Ordinal) + "']");

    /// <summary>The read error of an array item, as <see cref="AtProperty"/> does for a property.</summary>
    /// <param name="error">The error, thrown while reading the item.</param>
    /// <param name="index">The item's index.</param>
    /// <returns>The exception to throw.</returns>
    public static JsonException AtIndex(Exception error, int index) =>
        At(error, "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");

    private const string ProblemKey = "Orkestra.Problem";

    private static JsonException At(Exception error, string segment)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problem = error.Data[ProblemKey] as string ?? error.Message;
        var inner = error.Data.Contains(ProblemKey) ? error.InnerException : error;
        var path = "$" + segment + (error.Data.Contains(ProblemKey) && error is JsonException { Path: { } below } ? below[1..] : string.Empty);
        var result = new JsonException($"{problem} Path: {path}.", path, null, null, inner);
        result.Data[ProblemKey] = problem;
        return result;
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');

    private static JsonException Expected(string propertyName, string expected, JsonTokenType token) =>
        new($"{propertyName}: expected {expected}, got {Describe(token)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Null => "null",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
