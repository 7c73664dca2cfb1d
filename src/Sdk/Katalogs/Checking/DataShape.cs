using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Checking;

/// <summary>What a path can reach in a CRD's structural schema: an object's fields, a map's values, a list's items.</summary>
internal enum DataShapeKind
{
    /// <summary>Anything: <c>x-kubernetes-preserve-unknown-fields</c>, an object without declared fields, no schema.</summary>
    Open,

    /// <summary>An object with declared fields (<see cref="DataShape.OpenRest"/>: others allowed too).</summary>
    Object,

    /// <summary>A map (<c>additionalProperties</c>): every key is allowed.</summary>
    Map,

    /// <summary>A list (<c>type: array</c>).</summary>
    Array,

    /// <summary>A string, number, integer or boolean.</summary>
    Scalar,
}

/// <summary>
/// One node of a CRD schema reduced to what template path checking needs. Built from the <c>openAPIV3Schema</c>
/// YAML; anything the checker cannot be sure about is <see cref="DataShapeKind.Open"/>, so it is never flagged.
/// </summary>
internal sealed class DataShape
{
    /// <summary>Anything goes.</summary>
    public static readonly DataShape Open = new(DataShapeKind.Open, "any value");

    private static readonly DataShape Text = new(DataShapeKind.Scalar, "string");

    private DataShape(DataShapeKind kind, string type, Dictionary<string, DataShape>? fields = null, DataShape? element = null, bool openRest = false)
    {
        Kind = kind;
        Type = type;
        Fields = fields;
        Element = element;
        OpenRest = openRest;
    }

    public DataShapeKind Kind { get; }

    /// <summary>The schema type, for messages (<c>string</c>, <c>object</c>, <c>array</c>, <c>map</c>).</summary>
    public string Type { get; }

    /// <summary>An object's declared fields.</summary>
    public Dictionary<string, DataShape>? Fields { get; }

    /// <summary>A map's values or a list's items.</summary>
    public DataShape? Element { get; }

    /// <summary>An object that also keeps fields it does not declare.</summary>
    public bool OpenRest { get; }

    /// <summary>The shape a field of this one has; null when the schema has no such field.</summary>
    public DataShape? Field(string name)
    {
        switch (Kind)
        {
            case DataShapeKind.Open:
                return Open;
            case DataShapeKind.Map:
                return Element ?? Open;
            case DataShapeKind.Object:
                return Fields!.TryGetValue(name, out var field) ? field : OpenRest ? Open : null;
            default:
                return null;
        }
    }

    /// <summary>What <c>range</c> or <c>forEach</c> yields for each element: a list's items or a map's values.</summary>
    public DataShape Elements => Kind is DataShapeKind.Array or DataShapeKind.Map ? Element ?? Open : Open;

    /// <summary>A description for messages: "object (fields image, port, replicas)", "string", "array".</summary>
    public string Describe()
    {
        if (Kind != DataShapeKind.Object)
        {
            return Type;
        }

        var names = Fields!.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var shown = string.Join(", ", names.Take(8));
        return names.Count == 0 ? "object" : "object (fields " + shown + (names.Count > 8 ? ", …" : string.Empty) + ")";
    }

    /// <summary>
    /// An object with the fields of <paramref name="basis"/> (when it is an object) and <paramref name="fields"/>, others
    /// allowed: the template data's root (the CR plus <c>.children</c>, <c>.item</c>, …).
    /// </summary>
    public static DataShape OpenObject(DataShape basis, IEnumerable<(string Name, DataShape Shape)> fields)
    {
        var all = basis.Kind == DataShapeKind.Object ? new Dictionary<string, DataShape>(basis.Fields!, StringComparer.Ordinal) : new Dictionary<string, DataShape>(StringComparer.Ordinal);
        foreach (var (name, shape) in fields)
        {
            all[name] = shape;
        }

        return new(DataShapeKind.Object, "object", all, openRest: true);
    }

    /// <summary>An object with exactly these fields.</summary>
    public static DataShape ObjectOf(Dictionary<string, DataShape> fields) => new(DataShapeKind.Object, "object", fields);

    /// <summary>A scalar of this type.</summary>
    public static DataShape ScalarOf(string type) => type == "string" ? Text : new(DataShapeKind.Scalar, type);

    /// <summary>The shape of an <c>openAPIV3Schema</c> node.</summary>
    public static DataShape From(YamlNode? node, int depth = 0)
    {
        if (node is not YamlMapping schema || depth > 64)
        {
            return Open;
        }

        if (IsTrue(schema, "x-kubernetes-int-or-string"))
        {
            return ScalarOf("int-or-string");
        }

        // anyOf/oneOf/allOf may declare alternatives this model does not follow: never flag under them.
        if (schema.Contains("anyOf") || schema.Contains("oneOf") || schema.Contains("allOf") || schema.Contains("not"))
        {
            return Open;
        }

        var type = schema.GetString("type");
        var preserve = IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
        if (type == "array" || (type is null && schema.Contains("items")))
        {
            return new DataShape(DataShapeKind.Array, "array", element: From(schema["items"], depth + 1));
        }

        if (type is null or "object")
        {
            if (schema["properties"] is YamlMapping properties && properties.Count > 0)
            {
                var fields = new Dictionary<string, DataShape>(StringComparer.Ordinal);
                foreach (var entry in properties.Entries)
                {
                    fields[entry.Name] = From(entry.Value, depth + 1);
                }

                return new DataShape(DataShapeKind.Object, "object", fields, openRest: preserve || schema.Contains("additionalProperties"));
            }

            if (!preserve && schema["additionalProperties"] is YamlMapping values)
            {
                return new DataShape(DataShapeKind.Map, "map", element: From(values, depth + 1));
            }

            return Open; // preserve-unknown-fields, additionalProperties: true, an embedded resource or a bare object
        }

        return preserve ? Open : ScalarOf(type);
    }

    /// <summary>Kubernetes' ObjectMeta, which CRD schemas do not spell out.</summary>
    public static DataShape ObjectMeta { get; } = BuildObjectMeta();

    private static DataShape BuildObjectMeta()
    {
        var strings = new DataShape(DataShapeKind.Map, "map", element: Text);
        var owner = new DataShape(DataShapeKind.Object, "object", new Dictionary<string, DataShape>(StringComparer.Ordinal)
        {
            ["apiVersion"] = Text,
            ["kind"] = Text,
            ["name"] = Text,
            ["uid"] = Text,
            ["controller"] = ScalarOf("boolean"),
            ["blockOwnerDeletion"] = ScalarOf("boolean"),
        });
        var fields = new Dictionary<string, DataShape>(StringComparer.Ordinal)
        {
            ["name"] = Text,
            ["generateName"] = Text,
            ["namespace"] = Text,
            ["uid"] = Text,
            ["resourceVersion"] = Text,
            ["generation"] = ScalarOf("integer"),
            ["creationTimestamp"] = Text,
            ["deletionTimestamp"] = Text,
            ["deletionGracePeriodSeconds"] = ScalarOf("integer"),
            ["labels"] = strings,
            ["annotations"] = strings,
            ["ownerReferences"] = new DataShape(DataShapeKind.Array, "array", element: owner),
            ["finalizers"] = new DataShape(DataShapeKind.Array, "array", element: Text),
            ["managedFields"] = Open,
            ["selfLink"] = Text,
        };
        return new DataShape(DataShapeKind.Object, "object", fields);
    }

    private static bool IsTrue(YamlMapping schema, string key) =>
        schema[key] is YamlScalar { Kind: ScalarKind.Bool } flag && ScalarResolver.ToBool(flag.Value);
}
