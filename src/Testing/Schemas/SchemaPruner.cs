using System.Text.Json.Nodes;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// Drops the fields a structural schema does not declare, as apiextensions-apiserver prunes custom resources: objects
/// keep their <c>properties</c>, every key when <c>additionalProperties</c> is given (its schema then applies to each
/// value), and everything under <c>x-kubernetes-preserve-unknown-fields: true</c> (declared properties there are still
/// pruned inside). The object itself and embedded resources keep <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>.
/// </summary>
internal static class SchemaPruner
{
    public static List<string> Prune(JsonObject root, StructuralSchema schema)
    {
        var pruned = new List<string>();
        PruneObject(root, schema, string.Empty, isResourceRoot: true, pruned);
        return pruned;
    }

    private static void PruneValue(JsonNode? value, StructuralSchema schema, string path, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, schema.EmbeddedResource, pruned);
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneValue(array[i], items, SchemaValidator.Index(path, i), pruned);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, StructuralSchema schema, string path, bool isResourceRoot, List<string> pruned)
    {
        List<string>? unknown = null;
        foreach (var (name, value) in obj)
        {
            if (isResourceRoot && name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            var child = SchemaValidator.Child(path, name);
            if (schema.Properties.TryGetValue(name, out var property))
            {
                PruneValue(value, property, child, pruned);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                PruneValue(value, additional, child, pruned);
            }
            else if (!schema.PreserveUnknownFields && !schema.AnyAdditionalProperties)
            {
                (unknown ??= []).Add(name);
                pruned.Add(child);
            }
        }

        foreach (var name in unknown ?? [])
        {
            obj.Remove(name);
        }
    }
}
