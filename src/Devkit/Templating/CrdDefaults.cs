using System.Text.Json.Nodes;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Devkit.Templating;

/// <summary>
/// The <c>default:</c> values of a CRD's structural schema, applied to a CR read from a file the way the API server
/// applies them before anyone reads the CR: a field that is absent (or null where the schema does not allow null)
/// gets its default, recursively through objects, <c>additionalProperties</c> and array items. The runtime's
/// templates see defaulted CRs, so <c>ork template --cr</c> does too.
/// </summary>
internal static class CrdDefaults
{
    /// <summary>Applies the defaults of the schema of <paramref name="version"/> (else the storage version) to <paramref name="cr"/>.</summary>
    public static void Apply(JsonObject cr, CrdInfo crd, string? version)
    {
        if (Schema(crd, version) is { } schema)
        {
            Apply(cr, schema);
        }
    }

    private static YamlMapping? Schema(CrdInfo crd, string? version)
    {
        var spec = crd.Node["spec"] as YamlMapping;
        if (spec?["versions"] is YamlSequence versions)
        {
            var all = versions.Items.OfType<YamlMapping>().ToList();
            var chosen = all.FirstOrDefault(v => v.GetString("name") == version)
                ?? all.FirstOrDefault(v => v.GetString("name") == crd.StorageVersion)
                ?? all.FirstOrDefault();
            if ((chosen?["schema"] as YamlMapping)?["openAPIV3Schema"] is YamlMapping perVersion)
            {
                return perVersion;
            }
        }

        // apiextensions.k8s.io/v1beta1: one schema for every version.
        return (spec?["validation"] as YamlMapping)?["openAPIV3Schema"] as YamlMapping;
    }

    private static void Apply(JsonNode? value, YamlMapping schema)
    {
        switch (value)
        {
            case JsonObject obj:
                var properties = schema["properties"] as YamlMapping;
                if (properties is not null)
                {
                    foreach (var property in properties.Entries)
                    {
                        if (property.Value is not YamlMapping propertySchema)
                        {
                            continue;
                        }

                        var present = obj.TryGetPropertyValue(property.Name, out var current);
                        var nullable = YamlValues.ToData(propertySchema["nullable"]) is true;
                        if ((!present || (current is null && !nullable)) && propertySchema["default"] is { } fallback && fallback is not YamlScalar { IsNull: true })
                        {
                            obj[property.Name] = current = YamlValues.ToJson(fallback);
                        }

                        if (current is not null)
                        {
                            Apply(current, propertySchema);
                        }
                    }
                }

                if (schema["additionalProperties"] is YamlMapping additional)
                {
                    foreach (var pair in obj.ToList())
                    {
                        if (properties?[pair.Key] is null && pair.Value is not null)
                        {
                            Apply(pair.Value, additional);
                        }
                    }
                }

                break;
            case JsonArray array when schema["items"] is YamlMapping items:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Apply(item, items);
                    }
                }

                break;
        }
    }
}
