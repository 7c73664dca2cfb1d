using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// A CRD version's <c>openAPIV3Schema</c>, parsed once (cache it per CRD version) and then used for every request: to
/// <see cref="Validate"/> a custom resource the way the API server does (422 causes with the server's wording), to
/// <see cref="ApplyDefaults"/> and to <see cref="Prune"/> unknown fields. Sub-schemas under <c>anyOf</c>, <c>allOf</c>,
/// <c>oneOf</c> and <c>not</c> are value validations only, as in Kubernetes' structural schemas.
/// </summary>
public sealed class StructuralSchema
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);

    private StructuralSchema()
    {
    }

    internal string? Type { get; private init; }

    internal IReadOnlyDictionary<string, StructuralSchema> Properties { get; private init; } = new Dictionary<string, StructuralSchema>();

    internal StructuralSchema? Items { get; private init; }

    /// <summary>The schema of the values of a map (<c>additionalProperties</c> with a schema).</summary>
    internal StructuralSchema? AdditionalProperties { get; private init; }

    /// <summary><c>additionalProperties: true</c>: any further keys, kept as they are.</summary>
    internal bool AnyAdditionalProperties { get; private init; }

    internal IReadOnlyList<string> Required { get; private init; } = [];

    internal IReadOnlyList<JsonNode?>? Enum { get; private init; }

    internal string? Format { get; private init; }

    internal string? PatternText { get; private init; }

    internal Regex? Pattern { get; private init; }

    internal double? Minimum { get; private init; }

    internal bool ExclusiveMinimum { get; private init; }

    internal double? Maximum { get; private init; }

    internal bool ExclusiveMaximum { get; private init; }

    internal double? MultipleOf { get; private init; }

    internal long? MinLength { get; private init; }

    internal long? MaxLength { get; private init; }

    internal long? MinItems { get; private init; }

    internal long? MaxItems { get; private init; }

    internal bool UniqueItems { get; private init; }

    internal long? MinProperties { get; private init; }

    internal long? MaxProperties { get; private init; }

    internal bool Nullable { get; private init; }

    /// <summary>The <c>default</c>, or null when there is none (a <c>default: null</c> defaults nothing, as in Kubernetes).</summary>
    internal JsonNode? Default { get; private init; }

    internal bool PreserveUnknownFields { get; private init; }

    internal bool IntOrString { get; private init; }

    internal bool EmbeddedResource { get; private init; }

    /// <summary><c>x-kubernetes-list-type</c>: <c>atomic</c>, <c>set</c> or <c>map</c>; null when absent.</summary>
    internal string? ListType { get; private init; }

    internal IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    /// <summary><c>x-kubernetes-map-type</c>: <c>granular</c> or <c>atomic</c>; null when absent.</summary>
    internal string? MapType { get; private init; }

    internal IReadOnlyList<StructuralSchema> AnyOf { get; private init; } = [];

    internal IReadOnlyList<StructuralSchema> AllOf { get; private init; } = [];

    internal IReadOnlyList<StructuralSchema> OneOf { get; private init; } = [];

    internal StructuralSchema? Not { get; private init; }

    /// <summary>
    /// Parses an <c>openAPIV3Schema</c>. Unknown keywords (<c>description</c>, <c>x-kubernetes-validations</c>, …) are
    /// ignored; <c>pattern</c>s are compiled here, once.
    /// </summary>
    /// <exception cref="ArgumentException">A keyword has a value of the wrong shape, or a pattern does not compile.</exception>
    public static StructuralSchema Parse(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        return Parse(openApiV3Schema, "openAPIV3Schema");
    }

    /// <summary>
    /// Validates a whole custom resource: every field against the schema, then list uniqueness
    /// (<c>x-kubernetes-list-type</c> set and map) and embedded resources. <c>apiVersion</c>, <c>kind</c> and
    /// <c>metadata</c> are left to the server, except <c>metadata.name</c>/<c>generateName</c> constraints the schema declares.
    /// </summary>
    /// <returns>The errors in the server's order and wording; empty when the object is valid.</returns>
    public IReadOnlyList<FieldError> Validate(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return SchemaValidator.ValidateResource(obj, this);
    }

    /// <summary>
    /// Applies the schema's <c>default</c>s in place: a property that is absent (or null where the schema does not allow
    /// null) gets a copy of its default, recursively through properties, map values and array items, only where the
    /// parent exists.
    /// </summary>
    public void ApplyDefaults(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        SchemaDefaulter.Apply(obj, this);
    }

    /// <summary>
    /// Removes, in place, the fields the schema does not declare, except under <c>x-kubernetes-preserve-unknown-fields</c>
    /// and the <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> of the object and of embedded resources.
    /// </summary>
    /// <returns>
    /// The removed fields' paths in document order (<c>spec.foo</c>, <c>spec.items[0].bar</c>): for
    /// <c>fieldValidation=Strict</c> see <see cref="ValidationMessages.StrictDecodingError"/>, for <c>Warn</c>
    /// <see cref="ValidationMessages.UnknownField"/>.
    /// </returns>
    public IReadOnlyList<string> Prune(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return SchemaPruner.Prune(obj, this);
    }

    private static StructuralSchema Parse(JsonObject node, string path)
    {
        var pattern = String(node, "pattern", path);
        return new StructuralSchema
        {
            Type = String(node, "type", path),
            Properties = ParseProperties(node, path),
            Items = Child(node, "items", path),
            AdditionalProperties = Child(node, "additionalProperties", path),
            AnyAdditionalProperties = node["additionalProperties"] is JsonValue any && Bool(any, path + ".additionalProperties"),
            Required = Strings(node, "required", path),
            Enum = node["enum"] is JsonArray values ? values.Select(v => Materialized(v?.DeepClone())).ToList() : null,
            Format = String(node, "format", path),
            PatternText = pattern,
            Pattern = pattern is null ? null : Compile(pattern, path),
            Minimum = Number(node, "minimum", path),
            ExclusiveMinimum = Flag(node, "exclusiveMinimum", path),
            Maximum = Number(node, "maximum", path),
            ExclusiveMaximum = Flag(node, "exclusiveMaximum", path),
            MultipleOf = Number(node, "multipleOf", path),
            MinLength = Integer(node, "minLength", path),
            MaxLength = Integer(node, "maxLength", path),
            MinItems = Integer(node, "minItems", path),
            MaxItems = Integer(node, "maxItems", path),
            UniqueItems = Flag(node, "uniqueItems", path),
            MinProperties = Integer(node, "minProperties", path),
            MaxProperties = Integer(node, "maxProperties", path),
            Nullable = Flag(node, "nullable", path),
            Default = Materialized(node["default"]?.DeepClone()),
            PreserveUnknownFields = Flag(node, "x-kubernetes-preserve-unknown-fields", path),
            IntOrString = Flag(node, "x-kubernetes-int-or-string", path),
            EmbeddedResource = Flag(node, "x-kubernetes-embedded-resource", path),
            ListType = String(node, "x-kubernetes-list-type", path),
            ListMapKeys = Strings(node, "x-kubernetes-list-map-keys", path),
            MapType = String(node, "x-kubernetes-map-type", path),
            AnyOf = Children(node, "anyOf", path),
            AllOf = Children(node, "allOf", path),
            OneOf = Children(node, "oneOf", path),
            Not = Child(node, "not", path),
        };
    }

    private static Dictionary<string, StructuralSchema> ParseProperties(JsonObject node, string path)
    {
        var result = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        switch (node["properties"])
        {
            case null:
                break;
            case JsonObject properties:
                foreach (var (name, value) in properties)
                {
                    var childPath = $"{path}.properties[{name}]";
                    result[name] = value is JsonObject child ? Parse(child, childPath) : throw Wrong(childPath, "an object");
                }

                break;
            default:
                throw Wrong(path + ".properties", "an object");
        }

        return result;
    }

    private static StructuralSchema? Child(JsonObject node, string key, string path) => node[key] switch
    {
        null => null,
        JsonObject child => Parse(child, $"{path}.{key}"),
        JsonValue => null, // additionalProperties: true|false
        _ => throw Wrong($"{path}.{key}", "an object"),
    };

    private static List<StructuralSchema> Children(JsonObject node, string key, string path) => node[key] switch
    {
        null => [],
        JsonArray items => items.Select((item, i) => item is JsonObject child ? Parse(child, $"{path}.{key}[{i}]") : throw Wrong($"{path}.{key}[{i}]", "an object")).ToList(),
        _ => throw Wrong($"{path}.{key}", "an array"),
    };

    private static string? String(JsonObject node, string key, string path) => node[key] switch
    {
        null => null,
        var value when JsonData.TryGetString(value, out var text) => text,
        _ => throw Wrong($"{path}.{key}", "a string"),
    };

    private static List<string> Strings(JsonObject node, string key, string path) => node[key] switch
    {
        null => [],
        JsonArray items => items.Select((item, i) => JsonData.TryGetString(item, out var text) ? text : throw Wrong($"{path}.{key}[{i}]", "a string")).ToList(),
        _ => throw Wrong($"{path}.{key}", "an array of strings"),
    };

    private static bool Flag(JsonObject node, string key, string path) => node[key] switch
    {
        null => false,
        JsonValue value => Bool(value, $"{path}.{key}"),
        _ => throw Wrong($"{path}.{key}", "a boolean"),
    };

    private static bool Bool(JsonValue value, string path) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => throw Wrong(path, "a boolean"),
    };

    private static double? Number(JsonObject node, string key, string path) => node[key] switch
    {
        null => null,
        JsonValue value when JsonData.TryGetDouble(value, out var number) => number,
        _ => throw Wrong($"{path}.{key}", "a number"),
    };

    private static long? Integer(JsonObject node, string key, string path) => node[key] switch
    {
        null => null,
        JsonValue value when JsonData.TryGetInteger(value, out var integer) => integer,
        _ => throw Wrong($"{path}.{key}", "an integer"),
    };

    private static Regex Compile(string pattern, string path)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None, PatternTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{path}.pattern: {GoFormat.Quote(pattern)} is not a valid regular expression: {ex.Message}", ex);
        }
    }

    private static ArgumentException Wrong(string path, string expected) => new($"{path} must be {expected}");

    /// <summary>
    /// <paramref name="node"/> with every object and array initialised: JSON parsed lazily builds its children on first
    /// read, and these nodes are read by concurrent requests.
    /// </summary>
    private static JsonNode? Materialized(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialized(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialized(child);
                }

                break;
        }

        return node;
    }
}
