using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// Reads and writes <see cref="ObjectMeta"/> with the Kubernetes property names, in the order Kubernetes writes them.
/// Null properties are omitted; unknown fields are kept in <see cref="ObjectMeta.ExtensionData"/> and written last.
/// </summary>
public sealed class ObjectMetaJsonConverter : JsonConverter<ObjectMeta>
{
    /// <summary>A shared instance, for converters that call this one directly.</summary>
    public static ObjectMetaJsonConverter Instance { get; } = new();

    /// <inheritdoc/>
    public override ObjectMeta Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        CustomResourceJson.ReadStartObject(ref reader, "metadata");
        var result = new ObjectMeta();
        while (CustomResourceJson.ReadProperty(ref reader, out var name))
        {
            try
            {
                switch (name)
                {
                    case "name":
                        result.Name = CustomResourceJson.ReadString(ref reader, name);
                        break;
                    case "generateName":
                        result.GenerateName = CustomResourceJson.ReadString(ref reader, name);
                        break;
                    case "namespace":
                        result.Namespace = CustomResourceJson.ReadString(ref reader, name);
                        break;
                    case "uid":
                        result.Uid = CustomResourceJson.ReadString(ref reader, name);
                        break;
                    case "resourceVersion":
                        result.ResourceVersion = CustomResourceJson.ReadString(ref reader, name);
                        break;
                    case "generation":
                        result.Generation = CustomResourceJson.ReadInt64(ref reader, name);
                        break;
                    case "creationTimestamp":
                        result.CreationTimestamp = CustomResourceJson.ReadTime(ref reader, name);
                        break;
                    case "deletionTimestamp":
                        result.DeletionTimestamp = CustomResourceJson.ReadTime(ref reader, name);
                        break;
                    case "deletionGracePeriodSeconds":
                        result.DeletionGracePeriodSeconds = CustomResourceJson.ReadInt64(ref reader, name);
                        break;
                    case "labels":
                        result.Labels = ReadStringMap(ref reader, name);
                        break;
                    case "annotations":
                        result.Annotations = ReadStringMap(ref reader, name);
                        break;
                    case "ownerReferences":
                        result.OwnerReferences = ReadOwnerReferences(ref reader, options);
                        break;
                    case "finalizers":
                        result.Finalizers = ReadStringList(ref reader, name);
                        break;
                    case "managedFields":
                        result.ManagedFields = reader.TokenType switch
                        {
                            JsonTokenType.Null => null,
                            JsonTokenType.StartArray => JsonNode.Parse(ref reader)!.AsArray(),
                            _ => throw new JsonException("managedFields: expected an array."),
                        };
                        break;
                    default:
                        result.ExtensionData = CustomResourceJson.AddExtension(ref reader, name, result.ExtensionData);
                        break;
                }
            }
            catch (Exception e) when (CustomResourceJson.IsReadError(e))
            {
                throw CustomResourceJson.AtProperty(e, name);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ObjectMeta value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        WriteString(writer, "name", value.Name);
        WriteString(writer, "generateName", value.GenerateName);
        WriteString(writer, "namespace", value.Namespace);
        WriteString(writer, "uid", value.Uid);
        WriteString(writer, "resourceVersion", value.ResourceVersion);
        if (value.Generation is { } generation)
        {
            writer.WriteNumber("generation", generation);
        }

        if (value.CreationTimestamp is { } created)
        {
            writer.WriteString("creationTimestamp", KubernetesTime.Format(created));
        }

        if (value.DeletionTimestamp is { } deleted)
        {
            writer.WriteString("deletionTimestamp", KubernetesTime.Format(deleted));
        }

        if (value.DeletionGracePeriodSeconds is { } grace)
        {
            writer.WriteNumber("deletionGracePeriodSeconds", grace);
        }

        WriteStringMap(writer, "labels", value.Labels);
        WriteStringMap(writer, "annotations", value.Annotations);
        if (value.OwnerReferences is { } owners)
        {
            writer.WriteStartArray("ownerReferences");
            foreach (var owner in owners)
            {
                OwnerReferenceJsonConverter.Instance.Write(writer, owner, options);
            }

            writer.WriteEndArray();
        }

        if (value.Finalizers is { } finalizers)
        {
            writer.WriteStartArray("finalizers");
            foreach (var finalizer in finalizers)
            {
                writer.WriteStringValue(finalizer);
            }

            writer.WriteEndArray();
        }

        if (value.ManagedFields is { } managedFields)
        {
            writer.WritePropertyName("managedFields");
            managedFields.WriteTo(writer);
        }

        CustomResourceJson.WriteExtensionData(writer, value.ExtensionData);
        writer.WriteEndObject();
    }

    private static Dictionary<string, string>? ReadStringMap(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        CustomResourceJson.ReadStartObject(ref reader, propertyName);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (CustomResourceJson.ReadProperty(ref reader, out var key))
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"{propertyName}.{key}: expected a string value.");
            }

            map[key] = reader.GetString()!;
        }

        return map;
    }

    private static List<string>? ReadStringList(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"{propertyName}: expected an array of strings.");
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"{propertyName}[{list.Count}]: expected a string.");
            }

            list.Add(reader.GetString()!);
        }

        return list;
    }

    private static List<OwnerReference>? ReadOwnerReferences(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("ownerReferences: expected an array.");
        }

        var list = new List<OwnerReference>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                list.Add(OwnerReferenceJsonConverter.Instance.Read(ref reader, typeof(OwnerReference), options));
            }
            catch (Exception e) when (CustomResourceJson.IsReadError(e))
            {
                throw CustomResourceJson.AtIndex(e, list.Count);
            }
        }

        return list;
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStringMap(Utf8JsonWriter writer, string name, Dictionary<string, string>? map)
    {
        if (map is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
