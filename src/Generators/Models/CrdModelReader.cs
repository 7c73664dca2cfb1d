using System.Globalization;
using System.Text;
using Orkestra.Katalogs.Yaml;

namespace Orkestra.Generators.Models;

/// <summary>
/// Reads a CustomResourceDefinition's <c>openAPIV3Schema</c>s into <see cref="VersionModel"/>s: names every nested
/// type and property, maps schema types to C# types and reports renames as diagnostics. Pure: no I/O, no Roslyn.
/// </summary>
internal sealed class CrdModelReader
{
    private static readonly string[] _reservedMembers =
    [
        "ExtensionData", "Converter", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    ];

    private static readonly string[] _reservedEnumMembers =
    [
        "Converter", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals", "FromJson",
    ];

    private readonly string _path;
    private readonly List<ModelDiagnostic> _diagnostics;
    private readonly HashSet<string> _typeNames = new(StringComparer.Ordinal);
    private readonly List<ObjectModel> _objects = new();
    private readonly List<EnumModel> _enums = new();

    private CrdModelReader(string path, List<ModelDiagnostic> diagnostics)
    {
        _path = path;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Reads one CRD document; a document that is not a CRD yields nothing. <paramref name="kindNames"/> renames the
    /// kinds the project also has in another group (see <see cref="KindNaming"/>).
    /// </summary>
    public static IReadOnlyList<VersionModel> Read(string path, YamlMapping document, string modelsNamespace, IEnumerable<KindName> kindNames, List<ModelDiagnostic> diagnostics)
    {
        var result = new List<VersionModel>();
        if (document.GetString("kind") != "CustomResourceDefinition")
        {
            return result;
        }

        var spec = document["spec"] as YamlMapping;
        var names = spec?["names"] as YamlMapping;
        var group = spec?.GetString("group");
        var kind = names?.GetString("kind");
        var plural = names?.GetString("plural");
        if (spec is null || names is null || group is null || kind is null || plural is null || spec["versions"] is not YamlSequence versions)
        {
            diagnostics.Add(Create(
                ModelDiagnosticIds.NotACrd,
                ModelDiagnosticSeverity.Warning,
                "The CustomResourceDefinition has no spec.group, spec.names.kind, spec.names.plural or spec.versions; no models are generated for it",
                (YamlNode?)spec ?? document,
                path));
            return result;
        }

        var kindName = Naming.Identifier(kind, "Resource");
        if (kindNames.FirstOrDefault(n => n.Group == group && n.Kind == kind) is { } renamed)
        {
            kindName = renamed.ClassName;
            diagnostics.Add(Create(
                ModelDiagnosticIds.TypeRenamed,
                ModelDiagnosticSeverity.Info,
                $"The kind {kind} of {group} is generated as {renamed.ClassName}: {renamed.KeptBy} serves a {kind} too, which keeps the name {Naming.Identifier(kind, "Resource")}",
                names["kind"] ?? names,
                path));
        }

        var singular = names.GetString("singular");
        var namespaced = !string.Equals(spec.GetString("scope"), "Cluster", StringComparison.Ordinal);
        var storage = versions.Items.OfType<YamlMapping>().FirstOrDefault(v => IsTrue(v["storage"]))
            ?? versions.Items.OfType<YamlMapping>().FirstOrDefault();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in versions.Items.OfType<YamlMapping>())
        {
            var versionName = version.GetString("name");
            if (versionName is null || !taken.Add(versionName))
            {
                continue;
            }

            var ns = ReferenceEquals(version, storage) ? modelsNamespace : modelsNamespace + "." + Naming.VersionSegment(versionName);
            var schema = (version["schema"] as YamlMapping)?["openAPIV3Schema"] as YamlMapping
                ?? (spec["validation"] as YamlMapping)?["openAPIV3Schema"] as YamlMapping;
            var subresources = version["subresources"] as YamlMapping ?? spec["subresources"] as YamlMapping;
            var reader = new CrdModelReader(path, diagnostics);
            result.Add(reader.ReadVersion(group, versionName, ns, kind, kindName, plural, singular, namespaced, subresources, schema));
        }

        return result;
    }

    private VersionModel ReadVersion(
        string group, string version, string ns, string apiKind, string kind, string plural, string? singular, bool namespaced, YamlMapping? subresources, YamlMapping? schema)
    {
        foreach (var reserved in new[] { kind, kind + "Spec", kind + "Status", kind + "List" })
        {
            _typeNames.Add(reserved);
        }

        var properties = schema?["properties"] as YamlMapping;
        ReadObject(kind + "Spec", properties?["spec"] as YamlMapping);
        ReadObject(kind + "Status", properties?["status"] as YamlMapping);

        // Spec and status come first, then nested types in schema order.
        var ordered = _objects.Where(o => o.Name == kind + "Spec")
            .Concat(_objects.Where(o => o.Name == kind + "Status"))
            .Concat(_objects.Where(o => o.Name != kind + "Spec" && o.Name != kind + "Status"));
        return new VersionModel(
            group,
            version,
            ns,
            apiKind,
            kind,
            plural,
            singular,
            namespaced,
            subresources?.Contains("status") == true,
            subresources?.Contains("scale") == true,
            Description(schema),
            ordered.ToEquatableArray(),
            _enums.ToEquatableArray());
    }

    private void ReadObject(string name, YamlMapping? schema)
    {
        // Reserve the slot first so nested types follow their parent in the output.
        var index = _objects.Count;
        _objects.Add(new ObjectModel(name, null, EquatableArray<PropertyModel>.Empty));
        var props = new List<PropertyModel>();
        var required = new HashSet<string>(
            (schema?["required"] as YamlSequence)?.Items.OfType<YamlScalar>().Select(s => s.Value) ?? Enumerable.Empty<string>(),
            StringComparer.Ordinal);
        var memberNames = new HashSet<string>(_reservedMembers, StringComparer.Ordinal) { name };
        if (schema?["properties"] is YamlMapping properties)
        {
            foreach (var entry in properties.Entries)
            {
                var propertySchema = entry.Value as YamlMapping;
                var wanted = Naming.Identifier(entry.Name, "Property");
                var propertyName = Naming.Unique(wanted, memberNames);
                if (propertyName != wanted)
                {
                    _diagnostics.Add(Create(
                        ModelDiagnosticIds.PropertyRenamed,
                        ModelDiagnosticSeverity.Info,
                        string.Format(
                            CultureInfo.InvariantCulture,
                            "The property '{0}' of {1} is named {2} because {3} is already a member of the class",
                            entry.Name,
                            name,
                            propertyName,
                            wanted),
                        entry.Key,
                        _path));
                }

                var type = propertySchema is null ? new TypeRef(TypeRefKind.JsonNode) : MapType(propertySchema, name + Naming.Pascal(entry.Name), entry.Key);
                props.Add(new PropertyModel(
                    entry.Name,
                    propertyName,
                    type,
                    required.Contains(entry.Name) && type.Kind != TypeRefKind.JsonNode,
                    Description(propertySchema),
                    propertySchema?["default"] is { } def ? Render(def) : null));
            }
        }

        _objects[index] = new ObjectModel(name, Description(schema), props.ToEquatableArray());
    }

    private TypeRef MapType(YamlMapping schema, string typeName, YamlNode at)
    {
        if (IsTrue(schema["x-kubernetes-int-or-string"]) || IsIntOrStringAnyOf(schema))
        {
            return new TypeRef(TypeRefKind.IntOrString);
        }

        if (IsTrue(schema["x-kubernetes-embedded-resource"]))
        {
            return new TypeRef(TypeRefKind.JsonObject);
        }

        var type = schema.GetString("type");
        switch (type)
        {
            case "string":
                var format = schema.GetString("format");
                if (format == "date-time")
                {
                    return new TypeRef(TypeRefKind.DateTime);
                }

                if (format == "byte")
                {
                    return new TypeRef(TypeRefKind.Bytes);
                }

                if (schema["enum"] is YamlSequence values && values.Items.Count > 0
                    && values.Items.All(v => v is YamlScalar s && (s.Kind == ScalarKind.String || s.IsNull)))
                {
                    return new TypeRef(TypeRefKind.Enum, ReadEnum(typeName, schema, values, at));
                }

                return new TypeRef(TypeRefKind.String);
            case "integer":
                return new TypeRef(schema.GetString("format") == "int32" ? TypeRefKind.Int32 : TypeRefKind.Int64);
            case "number":
                return new TypeRef(TypeRefKind.Double);
            case "boolean":
                return new TypeRef(TypeRefKind.Boolean);
            case "array":
                if (schema["items"] is not YamlMapping items)
                {
                    return new TypeRef(TypeRefKind.List, Element: new TypeRef(TypeRefKind.JsonNode));
                }

                var itemName = items.GetString("type") == "array" ? typeName + "Item" : typeName;
                return new TypeRef(TypeRefKind.List, Element: MapType(items, itemName, at));
            case "object":
            case null when schema["properties"] is YamlMapping:
                if (schema["properties"] is YamlMapping { Count: > 0 })
                {
                    var name = UniqueTypeName(typeName, at);
                    ReadObject(name, schema);
                    return new TypeRef(TypeRefKind.Object, name);
                }

                if (schema["additionalProperties"] is YamlMapping additional)
                {
                    return new TypeRef(TypeRefKind.Map, Element: MapType(additional, typeName + "Value", at));
                }

                return new TypeRef(TypeRefKind.JsonObject);
            case null:
                return new TypeRef(TypeRefKind.JsonNode);
            default:
                _diagnostics.Add(Create(
                    ModelDiagnosticIds.UnknownSchemaType,
                    ModelDiagnosticSeverity.Info,
                    string.Format(CultureInfo.InvariantCulture, "The schema type '{0}' is not an OpenAPI type; the property is a JsonNode", type),
                    schema["type"] ?? at,
                    _path));
                return new TypeRef(TypeRefKind.JsonNode);
        }
    }

    private string ReadEnum(string typeName, YamlMapping schema, YamlSequence values, YamlNode at)
    {
        var name = UniqueTypeName(typeName, at);
        var memberNames = new HashSet<string>(_reservedEnumMembers, StringComparer.Ordinal) { name };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberModel>();
        foreach (var value in values.Items.OfType<YamlScalar>().Where(s => !s.IsNull))
        {
            if (seen.Add(value.Value))
            {
                members.Add(new EnumMemberModel(Naming.Unique(Naming.Identifier(value.Value, "Empty"), memberNames), value.Value));
            }
        }

        _enums.Add(new EnumModel(name, Description(schema), members.ToEquatableArray()));
        return name;
    }

    private string UniqueTypeName(string wanted, YamlNode at)
    {
        var name = Naming.Unique(wanted, _typeNames);
        if (name != wanted)
        {
            _diagnostics.Add(Create(
                ModelDiagnosticIds.TypeRenamed,
                ModelDiagnosticSeverity.Info,
                string.Format(CultureInfo.InvariantCulture, "The type for this schema is named {0} because {1} is already generated for another schema", name, wanted),
                at,
                _path));
        }

        return name;
    }

    private static bool IsIntOrStringAnyOf(YamlMapping schema)
    {
        var options = (schema["anyOf"] ?? schema["oneOf"]) as YamlSequence;
        if (options is null || options.Items.Count != 2)
        {
            return false;
        }

        var types = options.Items.OfType<YamlMapping>().Select(o => o.GetString("type")).Where(t => t is not null).OrderBy(t => t, StringComparer.Ordinal).ToArray();
        return types.Length == 2 && types[0] == "integer" && types[1] == "string";
    }

    private static bool IsTrue(YamlNode? node) => node is YamlScalar { Kind: ScalarKind.Bool } s && string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? Description(YamlMapping? schema) => schema?.GetString("description") is { Length: > 0 } d ? d : null;

    private static string Render(YamlNode node)
    {
        var builder = new StringBuilder();
        Render(node, builder);
        return builder.ToString();
    }

    private static void Render(YamlNode node, StringBuilder builder)
    {
        switch (node)
        {
            case YamlScalar { IsNull: true }:
                builder.Append("null");
                break;
            case YamlScalar { Kind: ScalarKind.String } s:
                builder.Append('"').Append(s.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                break;
            case YamlScalar s:
                builder.Append(s.Value);
                break;
            case YamlSequence sequence:
                builder.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ");
                    Render(sequence.Items[i], builder);
                }

                builder.Append(']');
                break;
            case YamlMapping mapping:
                builder.Append('{');
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ").Append('"').Append(mapping.Entries[i].Name).Append("\": ");
                    Render(mapping.Entries[i].Value, builder);
                }

                builder.Append('}');
                break;
        }
    }

    internal static ModelDiagnostic Create(string id, ModelDiagnosticSeverity severity, string message, YamlNode at, string path) =>
        new(id, severity, message, path, at.Location.Line, at.Location.Column);
}
