namespace Orkestra.Katalogs.Yaml;

/// <summary>
/// Converts YAML nodes to the JSON model templates see, the way kubectl reads YAML (YAML to JSON, then JSON decoded
/// as Go decodes it): mappings become string-keyed maps, sequences lists, every number a <see cref="double"/>.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class YamlValues
{
    /// <summary>The JSON model of <paramref name="node"/>.</summary>
    public static object? ToData(YamlNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlMapping mapping:
                var map = new Dictionary<string, object?>(mapping.Count, StringComparer.Ordinal);
                foreach (var entry in mapping.Entries)
                {
                    map[entry.Name] = ToData(entry.Value);
                }

                return map;
            case YamlSequence sequence:
                var list = new List<object?>(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    list.Add(ToData(item));
                }

                return list;
            case YamlScalar scalar:
                switch (scalar.Kind)
                {
                    case ScalarKind.Null:
                        return null;
                    case ScalarKind.Bool:
                        return ScalarResolver.ToBool(scalar.Value);
                    case ScalarKind.Int:
                        return ScalarResolver.TryParseInteger(scalar.Value, out var integer) ? (double)integer : double.NaN;
                    case ScalarKind.Float:
                        return ScalarResolver.TryParseFloat(scalar.Value, out var number) ? number : double.NaN;
                    default:
                        return scalar.Value;
                }

            default:
                return null;
        }
    }

#if !ORKESTRA_GENERATOR

    /// <summary>
    /// <paramref name="node"/> as JSON, as kubectl converts YAML: scalars typed by YAML's rules (a quoted <c>"80"</c>
    /// stays a string), integers kept as integers; template text is left as it is.
    /// </summary>
    public static System.Text.Json.Nodes.JsonNode? ToJson(YamlNode? node)
    {
        switch (node)
        {
            case YamlMapping mapping:
                var obj = new System.Text.Json.Nodes.JsonObject();
                foreach (var entry in mapping.Entries)
                {
                    obj[entry.Name] = ToJson(entry.Value);
                }

                return obj;
            case YamlSequence sequence:
                var array = new System.Text.Json.Nodes.JsonArray();
                foreach (var item in sequence.Items)
                {
                    array.Add(ToJson(item));
                }

                return array;
            case YamlScalar scalar:
                return scalar.Kind switch
                {
                    ScalarKind.Null => null,
                    ScalarKind.Bool => System.Text.Json.Nodes.JsonValue.Create(ScalarResolver.ToBool(scalar.Value)),
                    ScalarKind.Int when ScalarResolver.TryParseInteger(scalar.Value, out var integer) => System.Text.Json.Nodes.JsonValue.Create(integer),
                    ScalarKind.Float when ScalarResolver.TryParseFloat(scalar.Value, out var number) && double.IsFinite(number) => System.Text.Json.Nodes.JsonValue.Create(number),
                    _ => System.Text.Json.Nodes.JsonValue.Create(scalar.Value),
                };
            default:
                return null;
        }
    }
#endif
}
