using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// Reads and writes <see cref="OwnerReference"/> with the Kubernetes property names. <c>apiVersion</c>, <c>kind</c>,
/// <c>name</c> and <c>uid</c> are always written (as Kubernetes does), the booleans only when set, and unknown fields are
/// kept.
/// </summary>
public sealed class OwnerReferenceJsonConverter : JsonConverter<OwnerReference>
{
    /// <summary>A shared instance, for converters that call this one directly.</summary>
    public static OwnerReferenceJsonConverter Instance { get; } = new();

    /// <inheritdoc/>
    public override OwnerReference Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        CustomResourceJson.ReadStartObject(ref reader, "ownerReference");
        var result = new OwnerReference();
        while (CustomResourceJson.ReadProperty(ref reader, out var name))
        {
            try
            {
                switch (name)
                {
                    case "apiVersion":
                        result.ApiVersion = CustomResourceJson.ReadString(ref reader, name) ?? string.Empty;
                        break;
                    case "kind":
                        result.Kind = CustomResourceJson.ReadString(ref reader, name) ?? string.Empty;
                        break;
                    case "name":
                        result.Name = CustomResourceJson.ReadString(ref reader, name) ?? string.Empty;
                        break;
                    case "uid":
                        result.Uid = CustomResourceJson.ReadString(ref reader, name) ?? string.Empty;
                        break;
                    case "controller":
                        result.Controller = CustomResourceJson.ReadBoolean(ref reader, name);
                        break;
                    case "blockOwnerDeletion":
                        result.BlockOwnerDeletion = CustomResourceJson.ReadBoolean(ref reader, name);
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
    public override void Write(Utf8JsonWriter writer, OwnerReference value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("apiVersion", value.ApiVersion);
        writer.WriteString("kind", value.Kind);
        writer.WriteString("name", value.Name);
        writer.WriteString("uid", value.Uid);
        if (value.Controller is { } controller)
        {
            writer.WriteBoolean("controller", controller);
        }

        if (value.BlockOwnerDeletion is { } block)
        {
            writer.WriteBoolean("blockOwnerDeletion", block);
        }

        CustomResourceJson.WriteExtensionData(writer, value.ExtensionData);
        writer.WriteEndObject();
    }
}
