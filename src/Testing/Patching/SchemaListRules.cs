using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Patching;

/// <summary>The merge rules a structural schema declares: list types and map keys, atomic maps, map values, embedded resources' metadata.</summary>
internal static class SchemaListRules
{
    public static FieldRules From(StructuralSchema schema)
    {
        var rules = new FieldRules
        {
            AtomicMap = schema.MapType == "atomic",
            List = schema.ListType switch
            {
                "set" => ListRule.Set,
                "map" when schema.ListMapKeys.Count > 0 => new ListRule(
                    ListKind.Map,
                    schema.ListMapKeys.Select(k => new ListMapKey(k, schema.Items?.Properties.GetValueOrDefault(k)?.Default)).ToList(),
                    schema.ListMapKeys[0]),
                _ => null,
            },
            Items = schema.Items is { } items ? From(items) : null,
            Values = schema.AdditionalProperties is { } values ? From(values) : null,
        };

        foreach (var (name, property) in schema.Properties)
        {
            rules.AddField(name, From(property));
        }

        if (schema.EmbeddedResource)
        {
            BuiltInListRules.AddMetadata(rules.At("metadata"));
        }

        return rules;
    }
}
