using System.Text.Json.Nodes;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// Applies a structural schema's defaults the way apiextensions-apiserver does: in each object that exists, every
/// property with a default that is absent, or null where the property is not nullable, gets a copy of the default;
/// then every property, map value and array item is defaulted in turn (a null array item or map value that is not
/// nullable gets the default of <c>items</c>/<c>additionalProperties</c>). Defaults inside a default are applied too.
/// </summary>
internal static class SchemaDefaulter
{
    public static void Apply(JsonObject root, StructuralSchema schema)
    {
        DefaultObject(root, schema, isResourceRoot: true);
    }

    private static void Default(JsonNode? value, StructuralSchema schema)
    {
        switch (value)
        {
            case JsonObject obj:
                DefaultObject(obj, schema, isResourceRoot: false);
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    if (NeedsDefault(array[i], present: true, items))
                    {
                        array[i] = items.Default!.DeepClone();
                    }

                    Default(array[i], items);
                }

                break;
        }
    }

    private static void DefaultObject(JsonObject obj, StructuralSchema schema, bool isResourceRoot)
    {
        foreach (var (name, property) in schema.Properties)
        {
            if (isResourceRoot && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var present = obj.TryGetPropertyValue(name, out var current);
            if (NeedsDefault(current, present, property))
            {
                obj[name] = property.Default!.DeepClone();
            }
        }

        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            if (isResourceRoot && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (schema.Properties.TryGetValue(name, out var property))
            {
                Default(obj[name], property);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                if (NeedsDefault(obj[name], present: true, additional))
                {
                    obj[name] = additional.Default!.DeepClone();
                }

                Default(obj[name], additional);
            }
        }
    }

    private static bool NeedsDefault(JsonNode? current, bool present, StructuralSchema schema) =>
        schema.Default is not null && (!present || (current is null && !schema.Nullable));
}
