using System.Globalization;
using System.Text.RegularExpressions;
using Orkestra.Templating.Syntax;

namespace Orkestra.Templating.Conditions;

/// <summary>The four kinds of condition (reference 1.6).</summary>
public enum ConditionKind
{
    /// <summary>A field (a dot path or a template) compared with an operator.</summary>
    Field,

    /// <summary><c>time: {after, before}</c>: the UTC clock is within a daily window.</summary>
    Time,

    /// <summary><c>dayOfWeek:</c>: today (UTC) is one of a set of days.</summary>
    DayOfWeek,

    /// <summary><c>cron:</c> with <c>duration:</c>: a window that opens at each fire of a schedule.</summary>
    Cron,
}

/// <summary>
/// One condition of a <c>when:</c> or <c>or:</c> block, immutable and built once: its templated parts are parsed
/// <see cref="FieldTemplate"/>s and every constant part (a regular expression, a <c>between</c> range, a number for
/// <c>gt</c>) is checked when the condition is built. Evaluate with <see cref="ConditionEvaluator"/>.
/// </summary>
public sealed class Condition
{
    private static readonly IReadOnlyList<DayOfWeek> NoDays = Array.Empty<DayOfWeek>();

    private readonly string[]? _path;
    private readonly Regex? _regex;

    private Condition(ConditionKind kind, bool negate)
    {
        Kind = kind;
        Negate = negate;
        Days = NoDays;
    }

    private Condition(FieldTemplate field, ConditionOperator op, FieldTemplate? value, ConditionValueType valueType, bool negate)
        : this(ConditionKind.Field, negate)
    {
        Field = field;
        Operator = op;
        Value = value;
        ValueType = valueType;
        if (!field.IsTemplate)
        {
            var path = field.Text.Trim();
            path = path.StartsWith(".", StringComparison.Ordinal) ? path.Substring(1) : path;
            _path = path.Split('.');
            if (path.Length == 0 || _path.Any(segment => segment.Length == 0))
            {
                throw Fail("'" + field.Text + "' is not a dot path such as spec.replicas (or a {{ template }})");
            }
        }

        if (value is null || value.IsTemplate || !ConditionOperators.TakesValue(op))
        {
            if (value is null && ConditionOperators.TakesValue(op) && op is not (ConditionOperator.Equal or ConditionOperator.NotEqual))
            {
                throw Fail("'" + ConditionOperators.Name(op) + "' needs a value");
            }

            if (valueType == ConditionValueType.Bool && ConditionOperators.IsOrdering(op))
            {
                throw Fail("valueType bool cannot be ordered with '" + ConditionOperators.Name(op) + "'");
            }

            return;
        }

        // A constant value is checked now, so that a katalog reports it when it loads.
        _regex = CheckValue(value.Text);
    }

    /// <summary>What kind of condition this is.</summary>
    public ConditionKind Kind { get; }

    /// <summary>Whether the result is inverted (<c>negate: true</c>); applies to every kind.</summary>
    public bool Negate { get; }

    /// <summary>The field: a dot path into the data (<c>spec.replicas</c>), or a template whose output is compared. Null unless <see cref="Kind"/> is <see cref="ConditionKind.Field"/>.</summary>
    public FieldTemplate? Field { get; }

    /// <summary>The operator (for <see cref="ConditionKind.Field"/> conditions).</summary>
    public ConditionOperator Operator { get; }

    /// <summary>The value compared with, possibly a template; null for operators that take none.</summary>
    public FieldTemplate? Value { get; }

    /// <summary>How the two sides are compared.</summary>
    public ConditionValueType ValueType { get; }

    /// <summary>The start of a <see cref="ConditionKind.Time"/> window (inclusive), in UTC; null for none.</summary>
    public TimeOnly? After { get; private init; }

    /// <summary>The end of a <see cref="ConditionKind.Time"/> window (inclusive), in UTC; null for none.</summary>
    public TimeOnly? Before { get; private init; }

    /// <summary>The days a <see cref="ConditionKind.DayOfWeek"/> condition is active on (Sunday first); empty for other kinds.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; private init; }

    /// <summary>The schedule of a <see cref="ConditionKind.Cron"/> condition.</summary>
    public CronSchedule? Cron { get; private init; }

    /// <summary>How long a cron window stays open after each fire; null for upstream's default (one period of the schedule).</summary>
    public TimeSpan? Duration { get; private init; }

    /// <summary>Builds a field condition; throws <see cref="ConditionException"/> when a constant part is invalid.</summary>
    /// <param name="field">The dot path or template.</param>
    /// <param name="op">The operator.</param>
    /// <param name="value">The value (a constant or a template); null for operators that take none.</param>
    /// <param name="valueType">How the sides compare.</param>
    /// <param name="negate">Whether to invert the result.</param>
    public static Condition Compare(FieldTemplate field, ConditionOperator op, FieldTemplate? value = null, ConditionValueType valueType = ConditionValueType.String, bool negate = false) =>
        new(field, op, ConditionOperators.TakesValue(op) ? value : null, valueType, negate);

    /// <summary>Builds a field condition from text, parsing its templates with <paramref name="functions"/>.</summary>
    /// <param name="field">The dot path or template.</param>
    /// <param name="op">The operator.</param>
    /// <param name="value">The value (a constant or a template); null for operators that take none.</param>
    /// <param name="valueType">How the sides compare.</param>
    /// <param name="negate">Whether to invert the result.</param>
    /// <param name="functions">The functions templates may call (Go's built-ins when null).</param>
    public static Condition Compare(string field, ConditionOperator op, string? value = null, ConditionValueType valueType = ConditionValueType.String, bool negate = false, FunctionSet? functions = null)
    {
        var fieldTemplate = ParseTemplate(field, field, op, functions);
        var valueTemplate = value is null ? null : ParseTemplate(value, field, op, functions);
        return Compare(fieldTemplate, op, valueTemplate, valueType, negate);
    }

    /// <summary>A <c>time:</c> condition: active when the UTC time of day is at or after <paramref name="after"/> and at or before <paramref name="before"/>.</summary>
    /// <remarks>When <paramref name="after"/> is later than <paramref name="before"/> the window runs over midnight.</remarks>
    /// <param name="after">The start, or null for none.</param>
    /// <param name="before">The end, or null for none.</param>
    /// <param name="negate">Whether to invert the result.</param>
    public static Condition TimeWindow(TimeOnly? after, TimeOnly? before, bool negate = false) =>
        after is null && before is null
            ? throw new ConditionException("time condition", "needs 'after' or 'before' (HH:MM, UTC)")
            : new Condition(ConditionKind.Time, negate) { After = after, Before = before };

    /// <summary>A <c>dayOfWeek:</c> condition: active on <paramref name="activeDays"/> (UTC).</summary>
    /// <param name="activeDays">The days the condition holds on.</param>
    /// <param name="negate">Whether to invert the result.</param>
    public static Condition OnDays(IEnumerable<DayOfWeek> activeDays, bool negate = false) =>
        new(ConditionKind.DayOfWeek, negate) { Days = activeDays.Distinct().OrderBy(day => day).ToArray() };

    /// <summary>A <c>cron:</c> condition: open from each fire of <paramref name="schedule"/> for <paramref name="duration"/>.</summary>
    /// <param name="schedule">The schedule (UTC).</param>
    /// <param name="duration">How long the window stays open; null or zero for one period of the schedule (upstream's default).</param>
    /// <param name="negate">Whether to invert the result.</param>
    public static Condition CronWindow(CronSchedule schedule, TimeSpan? duration = null, bool negate = false) =>
        duration < TimeSpan.Zero
            ? throw new ConditionException("cron condition '" + schedule.Expression + "'", "duration must not be negative")
            : new Condition(ConditionKind.Cron, negate) { Cron = schedule, Duration = duration == TimeSpan.Zero ? null : duration };

    /// <summary>Reads a time of day as <c>time:</c> writes it: <c>HH:MM</c>, 24-hour.</summary>
    public static bool TryParseTimeOfDay(string text, out TimeOnly time) => ConditionValues.TryTimeOfDay(text, out time);

    /// <summary>Reads a full English day name, in any case.</summary>
    public static bool TryParseDay(string text, out DayOfWeek day) => ConditionValues.TryDay(text, out day);

    /// <summary>How the condition reads in a message: <c>spec.replicas gt 3</c>, <c>time after 09:00</c>.</summary>
    public override string ToString()
    {
        var text = Kind switch
        {
            ConditionKind.Field => Field!.Text + " " + ConditionOperators.Name(Operator) + (Value is null ? string.Empty : " '" + Value.Text + "'")
                + (ValueType == ConditionValueType.String ? string.Empty : " (" + ConditionOperators.Name(ValueType) + ")"),
            ConditionKind.Time => "time" + (After is { } a ? " after " + Clock(a) : string.Empty) + (Before is { } b ? " before " + Clock(b) : string.Empty),
            ConditionKind.DayOfWeek => "dayOfWeek in [" + string.Join(", ", Days) + "]",
            _ => "cron '" + Cron!.Expression + "'" + (Duration is { } d ? " for " + d.ToString("c", CultureInfo.InvariantCulture) : string.Empty),
        };
        return Negate ? "not (" + text + ")" : text;
    }

    // What messages call the condition.
    internal string Subject => Kind switch
    {
        ConditionKind.Field => "condition on field '" + Field!.Text + "' (" + ConditionOperators.Name(Operator) + ")",
        ConditionKind.Time => "time condition (" + ToString() + ")",
        ConditionKind.DayOfWeek => "dayOfWeek condition",
        _ => "cron condition '" + Cron!.Expression + "'",
    };

    internal string[]? Path => _path;

    internal Regex? ConstantRegex => _regex;

    internal ConditionException Fail(string reason, Exception? inner = null) => new(Subject, reason, inner);

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static FieldTemplate ParseTemplate(string text, string field, ConditionOperator op, FunctionSet? functions)
    {
        try
        {
            return FieldTemplate.Parse(text, functions);
        }
        catch (TemplateSyntaxException ex)
        {
            throw new ConditionException("condition on field '" + field + "' (" + ConditionOperators.Name(op) + ")", "'" + text + "' is not a valid template: " + ex.Message, ex);
        }
    }

    // Checks a constant value against the operator and value type; returns the compiled regular expression for regex.
    private Regex? CheckValue(string value)
    {
        switch (Operator)
        {
            case ConditionOperator.Regex:
                return CompileRegex(value);
            case ConditionOperator.TypeOf:
                _ = TypeName(value);
                return null;
            case ConditionOperator.Between or ConditionOperator.NotBetween:
                _ = Range(value);
                return null;
            case ConditionOperator.In or ConditionOperator.NotIn when ValueType is not (ConditionValueType.String or ConditionValueType.Auto):
                foreach (var item in ConditionValues.SplitList(value))
                {
                    CheckOperand(item);
                }

                return null;
            case ConditionOperator.Equal or ConditionOperator.NotEqual when ValueType is not (ConditionValueType.String or ConditionValueType.Auto):
                CheckOperand(value);
                return null;
            case ConditionOperator.GreaterThan or ConditionOperator.LessThan or ConditionOperator.GreaterThanOrEqual or ConditionOperator.LessThanOrEqual:
                _ = Ordered(value, value, isField: false);
                return null;
            default:
                return null;
        }
    }

    private void CheckOperand(string value)
    {
        if (ValueType == ConditionValueType.Bool)
        {
            _ = Boolean(value, isField: false);
        }
        else
        {
            _ = Ordered(value, value, isField: false);
        }
    }

    internal Regex CompileRegex(string pattern)
    {
        try
        {
            return Re2Regex.CompileCached(pattern);
        }
        catch (ArgumentException ex)
        {
            throw Fail("'" + pattern + "' is not a valid RE2 regular expression: " + ex.Message, ex);
        }
    }

    internal string TypeName(string value)
    {
        var name = value.Trim() == "list" ? "slice" : value.Trim();
        return ConditionOperators.TypeNames.Contains(name)
            ? name
            : throw Fail("'" + value + "' is not a type; expected one of " + string.Join(", ", ConditionOperators.TypeNames));
    }

    // "min,max" of a between value, read as the value type orders them.
    internal (IComparable Low, IComparable High) Range(string value)
    {
        var parts = value.Split(',');
        if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
        {
            throw Fail("'" + value + "' is not a range; write \"min,max\" such as \"1,10\"");
        }

        var low = Ordered(parts[0].Trim(' ', '\t'), parts[0], isField: false);
        var high = Ordered(parts[1].Trim(' ', '\t'), parts[1], isField: false);
        return low.CompareTo(high) > 0
            ? throw Fail("range '" + value + "' has its minimum above its maximum")
            : (low, high);
    }

    // One side as the operator orders it: a number, or a duration or time when the value type says so. An empty text
    // (a missing field) is 0, as Kubernetes omits zero counts.
    internal IComparable Ordered(string text, object? raw, bool isField)
    {
        var side = isField ? "field value '" : "value '";
        switch (ValueType)
        {
            case ConditionValueType.Duration:
                return text.Length == 0 ? TimeSpan.Zero
                    : ConditionValues.TryDuration(text, out var duration) ? duration
                    : throw Fail(side + text + "' is not a duration such as 90s or 1h30m");
            case ConditionValueType.Time:
                return ConditionValues.TryTime(text, out var time) ? time
                    : throw Fail(text.Length == 0 && isField ? "the field has no value to compare as a time" : side + text + "' is not an RFC 3339 time such as 2026-01-02T15:04:05Z");
            case ConditionValueType.Bool:
                throw Fail("valueType bool cannot be ordered with '" + ConditionOperators.Name(Operator) + "'");
        }

        double number;
        if (raw is double or float or long or int or short or byte or ulong or uint or ushort or sbyte)
        {
            number = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
        }
        else if (text.Length == 0)
        {
            number = 0;
        }
        else if (!ConditionValues.TryNumber(text, out number))
        {
            throw Fail(side + text + "' is not a number");
        }

        if (ValueType == ConditionValueType.Int && (Math.Floor(number) != number || double.IsInfinity(number)))
        {
            throw Fail(side + text + "' is not an integer");
        }

        return number;
    }

    // One side as a boolean; an empty text (a missing field) is false.
    internal bool Boolean(string text, bool isField)
    {
        if (text.Length == 0)
        {
            return false;
        }

        return ConditionValues.TryBool(text, out var value)
            ? value
            : throw Fail((isField ? "field value '" : "value '") + text + "' is not a boolean (true or false)");
    }
}
