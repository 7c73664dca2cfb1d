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
}
