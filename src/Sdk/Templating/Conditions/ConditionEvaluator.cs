using System.Text.RegularExpressions;

namespace Orkestra.Templating.Conditions;

/// <summary>
/// Evaluates conditions against an object's data (the JSON model templates see: <c>.metadata</c>, <c>.spec</c>,
/// <c>.status</c>, <c>.children</c>…). Deterministic given the clock in <see cref="TemplateServices"/>. A condition
/// that cannot be evaluated throws <see cref="ConditionException"/>, and nothing else.
/// </summary>
public static class ConditionEvaluator
{
    /// <summary>
    /// Whether a conditional block passes: every <paramref name="when"/> condition holds (AND) and, when
    /// <paramref name="or"/> has any, at least one of them does (OR). Absent or empty blocks pass. Evaluation stops at
    /// the first condition that decides the result.
    /// </summary>
    /// <param name="when">The <c>when:</c> conditions, or null.</param>
    /// <param name="or">The <c>or:</c> conditions, or null.</param>
    /// <param name="data">The data the fields are read from and the templates run against.</param>
    /// <param name="services">The clock (and randomness) templates and time conditions use; the system's when null.</param>
    /// <param name="uniqueness">Answers <c>unique</c>; without one it passes.</param>
    public static bool Evaluate(IReadOnlyList<Condition>? when, IReadOnlyList<Condition>? or, object? data, TemplateServices? services, IUniquenessChecker? uniqueness = null)
    {
        if (when is not null)
        {
            foreach (var condition in when)
            {
                if (!Evaluate(condition, data, services, uniqueness))
                {
                    return false;
                }
            }
        }

        if (or is null || or.Count == 0)
        {
            return true;
        }

        foreach (var condition in or)
        {
            if (Evaluate(condition, data, services, uniqueness))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one condition holds (after <see cref="Condition.Negate"/>).</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="data">The data the field is read from and the templates run against.</param>
    /// <param name="services">The clock (and randomness) templates and time conditions use; the system's when null.</param>
    /// <param name="uniqueness">Answers <c>unique</c>; without one it passes.</param>
    public static bool Evaluate(Condition condition, object? data, TemplateServices? services, IUniquenessChecker? uniqueness = null)
    {
        services ??= TemplateServices.Default;
        var result = condition.Kind switch
        {
            ConditionKind.Field => Field(condition, data, services, uniqueness),
            ConditionKind.Time => InTimeWindow(condition, services.Clock.GetUtcNow()),
            ConditionKind.DayOfWeek => condition.Days.Contains(services.Clock.GetUtcNow().UtcDateTime.DayOfWeek),
            _ => InCronWindow(condition, services.Clock.GetUtcNow()),
        };
        return result != condition.Negate;
    }

    private static bool Field(Condition c, object? data, TemplateServices services, IUniquenessChecker? uniqueness)
    {
        object? raw;
        string text;
        if (c.Path is { } path)
        {
            raw = Navigate(data, path);
            if (raw is "<no value>")
            {
                raw = null;
            }

            text = Text(raw);
        }
        else
        {
            text = Render(c, c.Field!, data, services);
            raw = text;
        }

        var expected = c.Value is null ? string.Empty : Render(c, c.Value, data, services);
        switch (c.Operator)
        {
            case ConditionOperator.Exists:
                return text.Length > 0;
            case ConditionOperator.NotExists:
                return text.Length == 0;
            case ConditionOperator.Equal:
                return AreEqual(c, raw, text, expected);
            case ConditionOperator.NotEqual:
                return !AreEqual(c, raw, text, expected);
            case ConditionOperator.Contains:
                return Contains(raw, text, expected);
            case ConditionOperator.NotContains:
                return !Contains(raw, text, expected);
            case ConditionOperator.Prefix:
                return text.StartsWith(expected, StringComparison.Ordinal);
            case ConditionOperator.NotPrefix:
                return !text.StartsWith(expected, StringComparison.Ordinal);
            case ConditionOperator.Suffix:
                return text.EndsWith(expected, StringComparison.Ordinal);
            case ConditionOperator.NotSuffix:
                return !text.EndsWith(expected, StringComparison.Ordinal);
            case ConditionOperator.Regex:
                return Matches(c, c.ConstantRegex ?? c.CompileRegex(expected), text);
            case ConditionOperator.GreaterThan:
                return Compare(c, raw, text, expected) > 0;
            case ConditionOperator.LessThan:
                return Compare(c, raw, text, expected) < 0;
            case ConditionOperator.GreaterThanOrEqual:
                return Compare(c, raw, text, expected) >= 0;
            case ConditionOperator.LessThanOrEqual:
                return Compare(c, raw, text, expected) <= 0;
            case ConditionOperator.Between or ConditionOperator.NotBetween:
                var (low, high) = c.Range(expected);
                var value = c.Ordered(text, raw, isField: true);
                var inside = value.CompareTo(low) >= 0 && value.CompareTo(high) <= 0;
                return inside == (c.Operator == ConditionOperator.Between);
            case ConditionOperator.In:
                return ConditionValues.SplitList(expected).Any(item => AreEqual(c, raw, text, item));
            case ConditionOperator.NotIn:
                return !ConditionValues.SplitList(expected).Any(item => AreEqual(c, raw, text, item));
            case ConditionOperator.Unique:
                return IsUnique(c, data, text, uniqueness);
            case ConditionOperator.TypeOf:
                return TypeOf(raw) == c.TypeName(expected);
            case ConditionOperator.TypeMap:
                return TypeOf(raw) == "map";
            case ConditionOperator.TypeList:
                return TypeOf(raw) == "slice";
            case ConditionOperator.TypeString:
                return TypeOf(raw) == "string";
            case ConditionOperator.TypeNumber:
                return TypeOf(raw) == "number";
            case ConditionOperator.TypeBool:
                return TypeOf(raw) == "bool";
            default:
                return TypeOf(raw) == "null";
        }
    }

    // Follows a dot path through maps; null when any step is missing or is not a map.
    private static object? Navigate(object? data, string[] path)
    {
        var current = data;
        foreach (var segment in path)
        {
            if (current is not IDictionary<string, object?> map || !map.TryGetValue(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    // The field's text as upstream compares it: strings as they are, other values as Go's %v prints them, nothing as "".
    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        _ => GoValues.Print(value),
    };

    private static string Render(Condition c, FieldTemplate template, object? data, TemplateServices services)
    {
        try
        {
            return template.Render(data, services);
        }
        catch (Exception ex) when (ex is not ConditionException)
        {
            throw c.Fail("template '" + template.Text + "' failed: " + ex.Message, ex);
        }
    }

    private static bool AreEqual(Condition c, object? raw, string text, string expected)
    {
        switch (c.ValueType)
        {
            case ConditionValueType.String:
                return text == expected;
            case ConditionValueType.Bool:
                return c.Boolean(text, isField: true) == c.Boolean(expected, isField: false);
            case ConditionValueType.Auto:
                if (IsNumber(raw, text) && ConditionValues.TryNumber(expected, out var number))
                {
                    return (double)c.Ordered(text, raw, isField: true) == number;
                }

                if (IsBoolText(text) && IsBoolText(expected))
                {
                    return string.Equals(text.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);
                }

                return text == expected;
            default:
                return c.Ordered(text, raw, isField: true).CompareTo(c.Ordered(expected, expected, isField: false)) == 0;
        }
    }

    private static bool IsNumber(object? raw, string text) =>
        GoValues.Kind(raw) is GoKind.Int or GoKind.Uint or GoKind.Float || (text.Length > 0 && ConditionValues.TryNumber(text, out _));

    private static bool IsBoolText(string text) =>
        text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || text.Trim().Equals("false", StringComparison.OrdinalIgnoreCase);

    private static int Compare(Condition c, object? raw, string text, string expected) =>
        c.Ordered(text, raw, isField: true).CompareTo(c.Ordered(expected, expected, isField: false));

    // contains: an element of a list, a key of a map, otherwise a substring of the text.
    private static bool Contains(object? raw, string text, string expected) => raw switch
    {
        IList<object?> list => list.Any(item => Text(item) == expected),
        IDictionary<string, object?> map => map.ContainsKey(expected),
        _ => text.Contains(expected, StringComparison.Ordinal),
    };

    private static bool Matches(Condition c, Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw c.Fail("the regular expression took longer than " + Re2Regex.MatchTimeout.TotalSeconds + "s to match", ex);
        }
    }

    private static bool IsUnique(Condition c, object? data, string value, IUniquenessChecker? uniqueness)
    {
        if (uniqueness is null)
        {
            return true;
        }

        var self = Navigate(data, new[] { "metadata" }) as IDictionary<string, object?>;
        var selfNamespace = Text(self is not null && self.TryGetValue("namespace", out var ns) ? ns : null);
        var selfName = Text(self is not null && self.TryGetValue("name", out var name) ? name : null);
        try
        {
            return uniqueness.IsUnique(c.Field!.Text, value, selfNamespace, selfName);
        }
        catch (Exception ex)
        {
            throw c.Fail("the uniqueness check failed: " + ex.Message, ex);
        }
    }

    // The type names of upstream's typeOf note; a template's output is a string.
    private static string TypeOf(object? value) => GoValues.Kind(value) switch
    {
        GoKind.Invalid => "null",
        GoKind.Bool => "bool",
        GoKind.Int or GoKind.Uint or GoKind.Float => "number",
        GoKind.String => "string",
        GoKind.List => "slice",
        GoKind.Map => "map",
        _ => "unknown",
    };

    private static bool InTimeWindow(Condition c, DateTimeOffset now)
    {
        var time = TimeOnly.FromTimeSpan(now.UtcDateTime.TimeOfDay);
        var afterStart = c.After is not { } after || time >= after;
        var beforeEnd = c.Before is not { } before || time <= before;
        return c.After > c.Before ? afterStart || beforeEnd : afterStart && beforeEnd;
    }

    // Open when the schedule fired in (now - duration, now]; without a duration, for one period of the schedule.
    private static bool InCronWindow(Condition c, DateTimeOffset now)
    {
        var schedule = c.Cron!;
        var duration = c.Duration;
        if (duration is null)
        {
            if (schedule.Next(now) is not { } next || schedule.Next(next) is not { } following)
            {
                return false;
            }

            duration = following - next;
        }

        return schedule.Next(now - duration.Value) is { } fire && fire <= now;
    }
}
