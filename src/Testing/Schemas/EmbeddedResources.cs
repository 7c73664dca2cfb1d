using System.Text.Json.Nodes;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// The light checks the API server makes of an <c>x-kubernetes-embedded-resource</c> object: <c>apiVersion</c> and
/// <c>kind</c> present and non-empty strings, and a <c>metadata</c> whose well-known fields have the right types.
/// </summary>
internal static class EmbeddedResources
{
    private static readonly string[] StringMetadata = ["name", "generateName", "namespace"];

    private static readonly string[] StringMapMetadata = ["labels", "annotations"];

    public static void Validate(JsonObject obj, string path, List<FieldError> errors)
    {
        foreach (var name in (string[])["apiVersion", "kind"])
        {
            var field = SchemaValidator.Child(path, name);
            if (!obj.TryGetPropertyValue(name, out var value))
            {
                errors.Add(FieldError.Required(field, "must not be empty"));
            }
            else if (!JsonData.TryGetString(value, out var text))
            {
                errors.Add(FieldError.Invalid(field, value, "must be a string"));
            }
            else if (text.Length == 0)
            {
                errors.Add(FieldError.Invalid(field, text, "must not be empty"));
            }
        }

        if (!obj.TryGetPropertyValue("metadata", out var metadata) || metadata is null)
        {
            return;
        }

        var metadataPath = SchemaValidator.Child(path, "metadata");
        if (metadata is not JsonObject meta)
        {
            errors.Add(FieldError.Invalid(metadataPath, metadata, "must be an object"));
            return;
        }

        foreach (var name in StringMetadata)
        {
            if (meta.TryGetPropertyValue(name, out var value) && value is not null && !JsonData.TryGetString(value, out _))
            {
                errors.Add(FieldError.Invalid(SchemaValidator.Child(metadataPath, name), value, "must be a string"));
            }
        }

        foreach (var name in StringMapMetadata)
        {
            if (!meta.TryGetPropertyValue(name, out var value) || value is null)
            {
                continue;
            }

            var mapPath = SchemaValidator.Child(metadataPath, name);
            if (value is not JsonObject map)
            {
                errors.Add(FieldError.Invalid(mapPath, value, "must be a map of strings"));
                continue;
            }

            foreach (var (key, entry) in map)
            {
                if (!JsonData.TryGetString(entry, out _))
                {
                    errors.Add(FieldError.Invalid(SchemaValidator.Child(mapPath, key), entry, "must be a string"));
                }
            }
        }
    }
}
