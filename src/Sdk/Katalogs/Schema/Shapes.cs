using Orkestra.Katalogs.Yaml;

namespace Orkestra.Katalogs.Schema;

/// <summary>
/// What a YAML node is expected to look like. The schemas of every Orkestra document are written with these
/// (<see cref="DocumentSchemas"/>), and one checker (<see cref="ShapeChecker"/>) reports unknown keys, wrong types,
/// missing fields, older spellings and blocks not acted on yet, against them.
/// </summary>
internal abstract class Shape
{
    /// <summary>How the expectation reads in a message: "a mapping", "a duration".</summary>
    public abstract string Expected { get; }
}

/// <summary>Scalar forms a field may take.</summary>
internal enum ScalarForm
{
    /// <summary>Any non-null scalar; numbers and booleans are read as their text (templates, names, "3").</summary>
    Text,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>An integer.</summary>
    Int,

    /// <summary>A number (integer or fraction).</summary>
    Number,

    /// <summary>A Go duration (<c>30s</c>, <c>1h30m</c>).</summary>
    Duration,

    /// <summary>A Go duration, or the extended forms with d, w, mo, y (<c>30d</c>, <c>2y</c>).</summary>
    ExtendedDuration,

    /// <summary>A date, <c>YYYY-MM-DD</c>.</summary>
    Date,
}

internal sealed class ScalarShape : Shape
{
    public ScalarShape(ScalarForm form) => Form = form;

    public ScalarForm Form { get; }

    public override string Expected => Form switch
    {
        ScalarForm.Bool => "true or false",
        ScalarForm.Int => "an integer",
        ScalarForm.Number => "a number",
        ScalarForm.Duration => "a duration such as 30s or 1h30m",
        ScalarForm.ExtendedDuration => "a duration such as 30s, 1h30m or 30d",
        ScalarForm.Date => "a date such as 2026-12-31",
        _ => "a value",
    };
}

internal sealed class EnumShape : Shape
{
    public EnumShape(string[] values) => Values = values;

    public string[] Values { get; }

    public override string Expected => "one of " + string.Join(", ", Values);
}

internal sealed class AnyShape : Shape
{
    public static readonly AnyShape Instance = new();

    public override string Expected => "any value";
}

internal sealed class ListShape : Shape
{
    public ListShape(Shape item) => Item = item;

    public Shape Item { get; }

    public override string Expected => "a list";
}

/// <summary>A mapping whose keys are names chosen by the user (CRD keys, labels, data).</summary>
internal sealed class MapOfShape : Shape
{
    public MapOfShape(Shape value) => Value = value;

    public Shape Value { get; }

    public override string Expected => "a mapping";
}

/// <summary>One of several shapes, chosen by the node's type (a scalar, a list or a mapping).</summary>
internal sealed class EitherShape : Shape
{
    public EitherShape(Shape? scalar, Shape? list, Shape? map)
    {
        Scalar = scalar;
        List = list;
        Map = map;
    }

    public Shape? Scalar { get; }

    public Shape? List { get; }

    public Shape? Map { get; }

    public override string Expected
    {
        get
        {
            var parts = new List<string>();
            if (Scalar is not null)
            {
                parts.Add(Scalar.Expected);
            }

            if (List is not null)
            {
                parts.Add("a list");
            }

            if (Map is not null)
            {
                parts.Add("a mapping");
            }

            return string.Join(" or ", parts);
        }
    }
}

/// <summary>A mapping with known keys.</summary>
internal sealed class ObjectShape : Shape
{
    private readonly Dictionary<string, Field> _fields = new(StringComparer.Ordinal);

    public ObjectShape(string name, Field[] fields)
    {
        Name = name;
        Fields = fields;
        foreach (var field in fields)
        {
            _fields[field.Name] = field;
        }
    }

    /// <summary>What the mapping is, for messages ("a CRD entry").</summary>
    public string Name { get; }

    public IReadOnlyList<Field> Fields { get; }

    /// <summary>Keys that are accepted without a check (extra keys of a Kubernetes passthrough object).</summary>
    public bool OpenKeys { get; init; }

    /// <summary>Rewrites a mapping in an older form before it is checked (may report warnings).</summary>
    public Func<YamlMapping, ShapeContext, YamlMapping>? Normalize { get; init; }

    public override string Expected => "a mapping";

    public Field? Find(string name) => _fields.TryGetValue(name, out var field) ? field : null;
}

/// <summary>A known key of an <see cref="ObjectShape"/>.</summary>
internal sealed class Field
{
    public Field(string name, Shape shape)
    {
        Name = name;
        Shape = shape;
    }

    public string Name { get; }

    public Shape Shape { get; }

    public bool IsRequired { get; private set; }

    /// <summary>Set when the block is kept in the model but not acted on yet.</summary>
    public bool IsNotActedOn { get; private set; }

    /// <summary>For an older spelling: the key path (relative to the mapping) the value moves to.</summary>
    public string? MovesTo { get; private set; }

    /// <summary>Set for keys that upstream documents but that have no effect in this implementation.</summary>
    public string? NoEffect { get; private set; }

    /// <summary>Set for resource keys upstream accepts as placeholders and ignores.</summary>
    public bool IsPlaceholder { get; private set; }

    public Field Required()
    {
        IsRequired = true;
        return this;
    }

    public Field NotActedOn()
    {
        IsNotActedOn = true;
        return this;
    }

    public Field MovedTo(string path)
    {
        MovesTo = path;
        return this;
    }

    public Field Placeholder()
    {
        IsPlaceholder = true;
        return this;
    }

    public Field WithoutEffect(string why)
    {
        NoEffect = why;
        return this;
    }
}
