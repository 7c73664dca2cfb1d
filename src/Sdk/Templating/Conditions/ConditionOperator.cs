namespace Orkestra.Templating.Conditions;

/// <summary>What a field condition tests (reference 1.6). Shorthand keys and aliases map onto these.</summary>
public enum ConditionOperator
{
    /// <summary><c>equals</c> / <c>eq</c>: the field equals the value (compared as <see cref="Condition.ValueType"/> says).</summary>
    Equal,

    /// <summary><c>notEquals</c> / <c>neq</c>: the field does not equal the value.</summary>
    NotEqual,

    /// <summary><c>contains</c>: the field's text contains the value; a list field has it as an element, a map as a key.</summary>
    Contains,

    /// <summary><c>notContains</c>: the negation of <see cref="Contains"/>.</summary>
    NotContains,

    /// <summary><c>prefix</c>: the field's text starts with the value.</summary>
    Prefix,

    /// <summary><c>notPrefix</c>: the field's text does not start with the value.</summary>
    NotPrefix,

    /// <summary><c>suffix</c>: the field's text ends with the value.</summary>
    Suffix,

    /// <summary><c>notSuffix</c>: the field's text does not end with the value.</summary>
    NotSuffix,

    /// <summary><c>regex</c>: the field's text matches the value, an RE2 regular expression (unanchored).</summary>
    Regex,

    /// <summary><c>exists</c>: the field is present, not null and not the empty string.</summary>
    Exists,

    /// <summary><c>notExists</c>: the field is absent, null or the empty string.</summary>
    NotExists,

    /// <summary><c>gt</c> / <c>greaterThan</c>: numerically greater (strict); a missing field counts as 0.</summary>
    GreaterThan,

    /// <summary><c>lt</c> / <c>lessThan</c>: numerically less (strict); a missing field counts as 0.</summary>
    LessThan,

    /// <summary><c>gte</c> / <c>min</c> / <c>greaterThanOrEqual</c>: numerically greater or equal.</summary>
    GreaterThanOrEqual,

    /// <summary><c>lte</c> / <c>max</c> / <c>lessThanOrEqual</c>: numerically less or equal.</summary>
    LessThanOrEqual,

    /// <summary><c>between</c>: numerically within <c>"min,max"</c>, both bounds inclusive.</summary>
    Between,

    /// <summary><c>notBetween</c>: numerically outside <c>"min,max"</c>.</summary>
    NotBetween,

    /// <summary><c>in</c>: the field equals one of a comma-separated list (an empty entry matches an empty field).</summary>
    In,

    /// <summary><c>notIn</c>: the field equals none of a comma-separated list.</summary>
    NotIn,

    /// <summary><c>unique</c>: no other instance of the CRD has the same value (asks an <see cref="IUniquenessChecker"/>; passes without one).</summary>
    Unique,

    /// <summary><c>typeOf</c>: the field's JSON type is the value (<c>string number bool map slice null</c>).</summary>
    TypeOf,

    /// <summary><c>typeMap</c>: the field is an object.</summary>
    TypeMap,

    /// <summary><c>typeList</c>: the field is an array.</summary>
    TypeList,

    /// <summary><c>typeString</c>: the field is a string.</summary>
    TypeString,

    /// <summary><c>typeNumber</c>: the field is a number.</summary>
    TypeNumber,

    /// <summary><c>typeBool</c>: the field is a boolean.</summary>
    TypeBool,

    /// <summary><c>typeNull</c>: the field is null or missing.</summary>
    TypeNull,
}

/// <summary>How the two sides of a comparison are read (<c>valueType:</c>).</summary>
public enum ConditionValueType
{
    /// <summary><c>string</c> (the default): equality compares text; ordering operators still compare numbers.</summary>
    String,

    /// <summary><c>int</c> / <c>integer</c>: both sides are whole numbers; a missing field is 0.</summary>
    Int,

    /// <summary><c>float</c> / <c>number</c>: both sides are numbers; a missing field is 0.</summary>
    Float,

    /// <summary><c>bool</c> / <c>boolean</c>: both sides are booleans as Go's <c>strconv.ParseBool</c> reads them; a missing field is false.</summary>
    Bool,

    /// <summary><c>auto</c>: numbers when both sides are numbers, booleans when both are true/false, otherwise text.</summary>
    Auto,

    /// <summary><c>duration</c>: both sides are durations (<c>90s</c>, <c>1h30m</c>, <c>2d</c>); a missing field is 0.</summary>
    Duration,

    /// <summary><c>time</c>: both sides are RFC 3339 timestamps; later is greater.</summary>
    Time,
}

/// <summary>The spellings of operators and value types, as katalogs write them.</summary>
public static class ConditionOperators
{
    private static readonly Dictionary<string, ConditionOperator> ByName = new(StringComparer.Ordinal)
    {
        ["equals"] = ConditionOperator.Equal,
        ["eq"] = ConditionOperator.Equal,
        ["notEquals"] = ConditionOperator.NotEqual,
        ["neq"] = ConditionOperator.NotEqual,
        ["contains"] = ConditionOperator.Contains,
        ["notContains"] = ConditionOperator.NotContains,
        ["prefix"] = ConditionOperator.Prefix,
        ["notPrefix"] = ConditionOperator.NotPrefix,
        ["suffix"] = ConditionOperator.Suffix,
        ["notSuffix"] = ConditionOperator.NotSuffix,
        ["regex"] = ConditionOperator.Regex,
        ["exists"] = ConditionOperator.Exists,
        ["notExists"] = ConditionOperator.NotExists,
        ["gt"] = ConditionOperator.GreaterThan,
        ["greaterThan"] = ConditionOperator.GreaterThan,
        ["lt"] = ConditionOperator.LessThan,
        ["lessThan"] = ConditionOperator.LessThan,
        ["gte"] = ConditionOperator.GreaterThanOrEqual,
        ["min"] = ConditionOperator.GreaterThanOrEqual,
        ["greaterThanOrEqual"] = ConditionOperator.GreaterThanOrEqual,
        ["lte"] = ConditionOperator.LessThanOrEqual,
        ["max"] = ConditionOperator.LessThanOrEqual,
        ["lessThanOrEqual"] = ConditionOperator.LessThanOrEqual,
        ["between"] = ConditionOperator.Between,
        ["notBetween"] = ConditionOperator.NotBetween,
        ["in"] = ConditionOperator.In,
        ["notIn"] = ConditionOperator.NotIn,
        ["unique"] = ConditionOperator.Unique,
        ["typeOf"] = ConditionOperator.TypeOf,
        ["typeMap"] = ConditionOperator.TypeMap,
        ["typeList"] = ConditionOperator.TypeList,
        ["typeString"] = ConditionOperator.TypeString,
        ["typeNumber"] = ConditionOperator.TypeNumber,
        ["typeBool"] = ConditionOperator.TypeBool,
        ["typeNull"] = ConditionOperator.TypeNull,
    };

    private static readonly Dictionary<string, ConditionValueType> ValueTypesByName = new(StringComparer.Ordinal)
    {
        ["string"] = ConditionValueType.String,
        ["int"] = ConditionValueType.Int,
        ["integer"] = ConditionValueType.Int,
        ["float"] = ConditionValueType.Float,
        ["number"] = ConditionValueType.Float,
        ["bool"] = ConditionValueType.Bool,
        ["boolean"] = ConditionValueType.Bool,
        ["auto"] = ConditionValueType.Auto,
        ["duration"] = ConditionValueType.Duration,
        ["time"] = ConditionValueType.Time,
    };

    /// <summary>The type names <see cref="ConditionOperator.TypeOf"/> compares against, as upstream's <c>typeOf</c> returns them.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = new[] { "string", "number", "bool", "map", "slice", "null", "unknown" };

    /// <summary>Every spelling of an operator: the <c>operator:</c> values and the shorthand keys.</summary>
    public static IReadOnlyList<string> Names { get; } = ByName.Keys.ToArray();

    /// <summary>Every spelling of a value type.</summary>
    public static IReadOnlyList<string> ValueTypeNames { get; } = ValueTypesByName.Keys.ToArray();

    /// <summary>Reads an operator name or alias (case-sensitive, as upstream).</summary>
    public static bool TryParse(string name, out ConditionOperator op) => ByName.TryGetValue(name, out op);

    /// <summary>Reads a value type name.</summary>
    public static bool TryParseValueType(string name, out ConditionValueType valueType) => ValueTypesByName.TryGetValue(name, out valueType);

    /// <summary>Upstream's canonical name of <paramref name="op"/> (<c>equals</c>, <c>gt</c>, <c>typeOf</c>).</summary>
    public static string Name(ConditionOperator op) => op switch
    {
        ConditionOperator.Equal => "equals",
        ConditionOperator.NotEqual => "notEquals",
        ConditionOperator.GreaterThan => "gt",
        ConditionOperator.LessThan => "lt",
        ConditionOperator.GreaterThanOrEqual => "gte",
        ConditionOperator.LessThanOrEqual => "lte",
        _ => char.ToLowerInvariant(op.ToString()[0]) + op.ToString().Substring(1),
    };

    /// <summary>The name of a value type.</summary>
    public static string Name(ConditionValueType valueType) => valueType.ToString().ToLowerInvariant();

    /// <summary>Whether <paramref name="op"/> compares against a value (false for exists, unique and the type tests but typeOf).</summary>
    public static bool TakesValue(ConditionOperator op) => op switch
    {
        ConditionOperator.Exists or ConditionOperator.NotExists or ConditionOperator.Unique or ConditionOperator.TypeMap
            or ConditionOperator.TypeList or ConditionOperator.TypeString or ConditionOperator.TypeNumber
            or ConditionOperator.TypeBool or ConditionOperator.TypeNull => false,
        _ => true,
    };

    /// <summary>Whether <paramref name="op"/> orders values (gt, lt, gte, lte, between, notBetween).</summary>
    public static bool IsOrdering(ConditionOperator op) => op is ConditionOperator.GreaterThan or ConditionOperator.LessThan
        or ConditionOperator.GreaterThanOrEqual or ConditionOperator.LessThanOrEqual or ConditionOperator.Between or ConditionOperator.NotBetween;
}
