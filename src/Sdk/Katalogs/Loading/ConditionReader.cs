#if !ORKESTRA_GENERATOR
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Schema;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;
using Orkestra.Templating.Conditions;
using Orkestra.Templating.Syntax;

namespace Orkestra.Katalogs.Loading;

/// <summary>
/// Reads a <c>when:</c> or <c>or:</c> block (a list of conditions, or a single condition mapping) into
/// <see cref="Condition"/>s, reporting what is wrong as located diagnostics: a condition without an operator, with two
/// operators or two kinds of test, an unknown operator or <c>valueType</c>, a <c>between</c> that is not
/// <c>"min,max"</c>, an invalid regular expression, a cron expression that is not five fields, a time that is not
/// <c>HH:MM</c>, a template that does not parse. A condition with an error is left out of the result.
/// </summary>
public static class ConditionReader
{
    private static readonly string[] DayKeys = { "weekday", "weekend", "in", "notIn" };

    /// <summary>Reads the block at <paramref name="node"/> (null or absent: no conditions).</summary>
    /// <param name="node">The <c>when:</c>/<c>or:</c> value.</param>
    /// <param name="path">The block's path for messages (<c>spec.crds.app.operatorBox.reconcile.onCreate.deployments[0].when</c>).</param>
    /// <param name="diagnostics">Where problems are added.</param>
    /// <param name="functions">The functions templated fields and values may call.</param>
    public static IReadOnlyList<Condition> Read(YamlNode? node, string path, List<Diagnostic> diagnostics, FunctionSet functions)
    {
        var conditions = new List<Condition>();
        switch (node)
        {
            case null:
            case YamlScalar { IsNull: true }:
                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var itemPath = path + "[" + i + "]";
                    if (sequence.Items[i] is YamlMapping item)
                    {
                        Add(conditions, new Reader(item, itemPath, diagnostics, functions).Read());
                    }
                    else
                    {
                        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, sequence.Items[i].Location, itemPath, "a condition (a mapping such as {field: spec.tier, equals: pro})", sequence.Items[i].Describe()));
                    }
                }

                break;
            case YamlMapping mapping:
                Add(conditions, new Reader(mapping, path, diagnostics, functions).Read());
                break;
            default:
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.WrongType, node.Location, path, "a list of conditions or a condition", node.Describe()));
                break;
        }

        return conditions;
    }

    private static void Add(List<Condition> conditions, Condition? condition)
    {
        if (condition is not null)
        {
            conditions.Add(condition);
        }
    }

    // One condition mapping.
    private sealed class Reader
    {
        private readonly YamlMapping _node;
        private readonly string _path;
        private readonly List<Diagnostic> _diagnostics;
        private readonly FunctionSet _functions;
        private bool _failed;

        public Reader(YamlMapping node, string path, List<Diagnostic> diagnostics, FunctionSet functions)
        {
            _node = node;
            _path = path;
            _diagnostics = diagnostics;
            _functions = functions;
        }

        public Condition? Read()
        {
            var negate = Bool(_node.Entry("negate")) ?? false;
            var operators = _node.Entries.Where(e => e.Name == "operator" || ConditionOperators.TryParse(e.Name, out _)).ToList();
            var tests = new List<YamlEntry>();
            foreach (var key in new[] { "time", "dayOfWeek", "cron" })
            {
                if (_node.Entry(key) is { } entry)
                {
                    tests.Add(entry);
                }
            }

            if (operators.Count > 0)
            {
                tests.Add(operators[0]);
            }

            if (operators.Count > 1)
            {
                Report(DiagnosticCatalog.InvalidValue, operators[1].Key.Location, _path, string.Join(", ", operators.Select(e => e.Name)),
                    "a condition has exactly one operator; split it into separate conditions (when: ANDs them, or: ORs them)");
                return null;
            }

            if (tests.Count > 1)
            {
                var ordered = tests.OrderBy(e => e.Key.Location.Line).ThenBy(e => e.Key.Location.Column).ToList();
                Report(DiagnosticCatalog.InvalidValue, ordered[1].Key.Location, _path, string.Join(", ", ordered.Select(e => e.Name)),
                    "a condition tests one thing (a field, time:, dayOfWeek: or cron:); split it into separate conditions");
                return null;
            }

            if (_node.Entry("duration") is { } duration && _node.Entry("cron") is null)
            {
                Report(DiagnosticCatalog.KeyWithoutEffect, duration.Key.Location, Join("duration"), "it sets how long a cron: window stays open");
            }

            if (tests.Count == 0)
            {
                if (_node.Entry("value") is { } value)
                {
                    // Upstream's default: a value without an operator is compared with equals.
                    return Field(ConditionOperator.Equal, null, value, negate);
                }

                Report(DiagnosticCatalog.MissingField, _node.Location, _path, "operator",
                    "; write operator: with value:, a shorthand such as equals: x or exists: true, or a time:, dayOfWeek: or cron: test");
                return null;
            }

            var test = tests[0];
            if (test.Name is "time" or "dayOfWeek" or "cron")
            {
                foreach (var key in new[] { "field", "value", "valueType" })
                {
                    if (_node.Entry(key) is { } ignored)
                    {
                        Report(DiagnosticCatalog.KeyWithoutEffect, ignored.Key.Location, Join(key), test.Name + ": conditions read the clock, not a field");
                    }
                }
            }

            return test.Name switch
            {
                "time" => Time(test, negate),
                "dayOfWeek" => Days(test, negate),
                "cron" => Cron(test, negate),
                "operator" => Operator(test, negate),
                _ => Shorthand(test, negate),
            };
        }

        private Condition? Operator(YamlEntry entry, bool negate)
        {
            var name = Text(entry);
            if (name is null)
            {
                return null;
            }

            if (!ConditionOperators.TryParse(name, out var op))
            {
                Report(DiagnosticCatalog.InvalidValue, entry.Value.Location, Join("operator"), name,
                    "expected an operator such as equals, notEquals, in, gt or exists" + Suggestions.DidYouMean(name, ConditionOperators.Names));
                return null;
            }

            var value = _node.Entry("value");
            if (!ConditionOperators.TakesValue(op) && value is not null)
            {
                Report(DiagnosticCatalog.KeyWithoutEffect, value.Key.Location, Join("value"), "'" + name + "' does not compare with a value");
                value = null;
            }

            return Field(op, null, value, negate);
        }

        private Condition? Shorthand(YamlEntry entry, bool negate)
        {
            ConditionOperators.TryParse(entry.Name, out var op);
            if (_node.Entry("value") is { } value)
            {
                Report(DiagnosticCatalog.KeyWithoutEffect, value.Key.Location, Join("value"),
                    ConditionOperators.TakesValue(op) ? "the shorthand '" + entry.Name + "' carries the value" : "'" + entry.Name + "' does not compare with a value");
            }

            if (ConditionOperators.TakesValue(op))
            {
                return Field(op, entry, entry, negate);
            }

            // exists: true, unique: true, typeMap: true…; false inverts the test.
            var on = Bool(entry);
            return on is null ? null : Field(op, entry, null, on.Value ? negate : !negate);
        }

        // A field condition; valueEntry holds the value (the shorthand's entry, or value:).
        private Condition? Field(ConditionOperator op, YamlEntry? shorthand, YamlEntry? valueEntry, bool negate)
        {
            var fieldEntry = _node.Entry("field");
            if (fieldEntry is null)
            {
                Report(DiagnosticCatalog.MissingField, _node.Location, _path, "field", "; name a dot path such as spec.replicas, or a {{ template }}");
                return null;
            }

            var fieldText = Text(fieldEntry);
            var valueType = ValueType(op);
            string? valueText = null;
            if (valueEntry is not null)
            {
                valueText = valueEntry.Value is YamlScalar { IsNull: true } && shorthand is null ? string.Empty : Text(valueEntry);
            }
            else if (ConditionOperators.TakesValue(op) && op is not (ConditionOperator.Equal or ConditionOperator.NotEqual))
            {
                Report(DiagnosticCatalog.MissingField, _node.Location, _path, "value", "; '" + ConditionOperators.Name(op) + "' compares with a value");
                return null;
            }

            if (fieldText is null || _failed)
            {
                return null;
            }

            if (!FieldTemplate.IsTemplateText(fieldText) && !IsDotPath(fieldText))
            {
                Report(DiagnosticCatalog.InvalidValue, fieldEntry.Value.Location, Join("field"), fieldText, "write a dot path such as spec.replicas, or a {{ template }}");
                return null;
            }

            var field = Template(fieldEntry, fieldText);
            var value = valueText is null ? null : Template(valueEntry!, valueText);
            if (field is null || (valueText is not null && value is null))
            {
                return null;
            }

            try
            {
                return Condition.Compare(field, op, value, valueType ?? ConditionValueType.String, negate);
            }
            catch (ConditionException ex)
            {
                var at = valueEntry ?? fieldEntry;
                Report(DiagnosticCatalog.InvalidValue, at.Value.Location, Join(at.Name), valueText ?? fieldText, ex.Reason);
                return null;
            }
        }

        private static bool IsDotPath(string text)
        {
            var path = text.Trim();
            path = path.StartsWith(".", StringComparison.Ordinal) ? path.Substring(1) : path;
            return path.Length > 0 && path.Split('.').All(segment => segment.Length > 0);
        }

        private ConditionValueType? ValueType(ConditionOperator op)
        {
            if (_node.Entry("valueType") is not { } entry || Text(entry) is not { } name)
            {
                return null;
            }

            if (!ConditionOperators.TryParseValueType(name, out var valueType))
            {
                Report(DiagnosticCatalog.InvalidValue, entry.Value.Location, Join("valueType"), name,
                    "expected one of " + string.Join(", ", ConditionOperators.ValueTypeNames) + Suggestions.DidYouMean(name, ConditionOperators.ValueTypeNames));
                return null;
            }

            if (valueType == ConditionValueType.Bool && ConditionOperators.IsOrdering(op))
            {
                Report(DiagnosticCatalog.InvalidValue, entry.Value.Location, Join("valueType"), name,
                    "booleans cannot be ordered with '" + ConditionOperators.Name(op) + "'; use int, float, duration or time");
                return null;
            }

            if (op is not (ConditionOperator.Equal or ConditionOperator.NotEqual or ConditionOperator.In or ConditionOperator.NotIn) && !ConditionOperators.IsOrdering(op))
            {
                Report(DiagnosticCatalog.KeyWithoutEffect, entry.Key.Location, Join("valueType"), "'" + ConditionOperators.Name(op) + "' does not compare typed values");
            }

            return valueType;
        }

        private FieldTemplate? Template(YamlEntry entry, string text)
        {
            try
            {
                return FieldTemplate.Parse(text, _functions);
            }
            catch (TemplateSyntaxException ex)
            {
                var location = entry.Value is YamlScalar scalar ? scalar.PositionOf(ex.Offset) ?? scalar.Location : entry.Value.Location;
                Report(DiagnosticCatalog.TemplateSyntax, location, Join(entry.Name), ex.Message, ex.Line, ex.Column);
                return null;
            }
        }

        private Condition? Time(YamlEntry entry, bool negate)
        {
            var path = Join("time");
            if (entry.Value is not YamlMapping window)
            {
                Report(DiagnosticCatalog.WrongType, entry.Value.Location, path, "a mapping with after and/or before (HH:MM, UTC)", entry.Value.Describe());
                return null;
            }

            var after = Clock(window.Entry("after"), path);
            var before = Clock(window.Entry("before"), path);
            if (window.Entry("after") is null && window.Entry("before") is null)
            {
                Report(DiagnosticCatalog.MissingField, window.Location, path, "after", " or 'before'; a time window needs at least one bound (HH:MM, UTC)");
                return null;
            }

            return _failed ? null : Condition.TimeWindow(after, before, negate);
        }

        private TimeOnly? Clock(YamlEntry? entry, string path)
        {
            if (entry is null || Text(entry, ShapeContext.Join(path, entry.Name)) is not { } text)
            {
                return null;
            }

            if (Condition.TryParseTimeOfDay(text, out var time))
            {
                return time;
            }

            Report(DiagnosticCatalog.InvalidValue, entry.Value.Location, ShapeContext.Join(path, entry.Name), text, "write a 24-hour time HH:MM such as 09:00 (UTC)");
            return null;
        }

        private Condition? Days(YamlEntry entry, bool negate)
        {
            var path = Join("dayOfWeek");
            if (entry.Value is not YamlMapping days)
            {
                Report(DiagnosticCatalog.WrongType, entry.Value.Location, path, "a mapping with one of weekday, weekend, in or notIn", entry.Value.Describe());
                return null;
            }

            var set = days.Entries.Where(e => DayKeys.Contains(e.Name)).ToList();
            if (set.Count == 0)
            {
                Report(DiagnosticCatalog.MissingField, days.Location, path, "weekday", "; set one of weekday, weekend, in or notIn");
                return null;
            }

            if (set.Count > 1)
            {
                Report(DiagnosticCatalog.InvalidValue, set[1].Key.Location, path, string.Join(", ", set.Select(e => e.Name)), "set exactly one of weekday, weekend, in or notIn");
                return null;
            }

            var chosen = set[0];
            var itemPath = ShapeContext.Join(path, chosen.Name);
            var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
            var weekend = new[] { DayOfWeek.Saturday, DayOfWeek.Sunday };
            IEnumerable<DayOfWeek>? active;
            switch (chosen.Name)
            {
                case "weekday" or "weekend":
                    var on = Bool(chosen, itemPath);
                    active = on is null ? null : (chosen.Name == "weekday") == on.Value ? weekdays : weekend;
                    break;
                default:
                    var named = DayNames(chosen, itemPath);
                    active = named is null ? null : chosen.Name == "in" ? named : Enum.GetValues<DayOfWeek>().Except(named);
                    break;
            }

            return active is null || _failed ? null : Condition.OnDays(active, negate);
        }

        private List<DayOfWeek>? DayNames(YamlEntry entry, string path)
        {
            var names = new List<(string Text, YamlNode Node)>();
            switch (entry.Value)
            {
                case YamlScalar { IsNull: false } scalar:
                    names.AddRange(scalar.Value.Split(',').Select(name => (name.Trim(), (YamlNode)scalar)));
                    break;
                case YamlSequence sequence when sequence.Items.All(item => item is YamlScalar { IsNull: false }):
                    names.AddRange(sequence.Items.Select(item => (((YamlScalar)item).Value.Trim(), item)));
                    break;
                default:
                    Report(DiagnosticCatalog.WrongType, entry.Value.Location, path, "a list of day names such as [Monday, Friday]", entry.Value.Describe());
                    return null;
            }

            var days = new List<DayOfWeek>();
            var fullNames = Enum.GetNames<DayOfWeek>();
            foreach (var (text, node) in names)
            {
                if (Condition.TryParseDay(text, out var day))
                {
                    days.Add(day);
                }
                else
                {
                    Report(DiagnosticCatalog.InvalidValue, node.Location, path, text, "expected a full English day name such as Monday" + Suggestions.DidYouMean(text, fullNames));
                }
            }

            return days.Count == names.Count && days.Count > 0 ? days : null;
        }

        private Condition? Cron(YamlEntry entry, bool negate)
        {
            var expression = Text(entry);
            if (expression is null)
            {
                return null;
            }

            if (!CronSchedule.TryParse(expression, out var schedule, out var error))
            {
                Report(DiagnosticCatalog.InvalidValue, entry.Value.Location, Join("cron"), expression, error + "; write minute hour day-of-month month day-of-week, such as \"0 2 * * 0\"");
                return null;
            }

            TimeSpan? window = null;
            if (_node.Entry("duration") is { } durationEntry && Text(durationEntry) is { } text)
            {
                if (!Durations.TryParse(text, extended: true, out var duration) || duration < TimeSpan.Zero)
                {
                    Report(DiagnosticCatalog.InvalidDuration, durationEntry.Value.Location, Join("duration"), text, "60s, 2h or 1d");
                    return null;
                }

                window = duration;
            }

            return _failed ? null : Condition.CronWindow(schedule!, window, negate);
        }

        // The text of a scalar entry; reports and returns null for a mapping, a sequence or null.
        private string? Text(YamlEntry entry, string? path = null)
        {
            if (entry.Value is YamlScalar { IsNull: false } scalar)
            {
                return scalar.Value;
            }

            Report(DiagnosticCatalog.WrongType, entry.Value.Location, path ?? Join(entry.Name), "a string", entry.Value.Describe());
            return null;
        }

        private bool? Bool(YamlEntry? entry, string? path = null)
        {
            if (entry is null)
            {
                return null;
            }

            if (entry.Value is YamlScalar { Kind: ScalarKind.Bool } scalar)
            {
                return ScalarResolver.ToBool(scalar.Value);
            }

            if (entry.Value is YamlScalar { Kind: ScalarKind.String, Value: "true" or "false" } text)
            {
                return text.Value == "true";
            }

            Report(DiagnosticCatalog.WrongType, entry.Value.Location, path ?? Join(entry.Name), "true or false", entry.Value.Describe());
            return null;
        }

        private string Join(string key) => ShapeContext.Join(_path, key);

        private void Report(DiagnosticRule rule, SourceLocation location, params object?[] args)
        {
            _diagnostics.Add(Diagnostic.Create(rule, location, args));
            if (rule.Severity == DiagnosticSeverity.Error)
            {
                _failed = true;
            }
        }
    }
}
#endif
