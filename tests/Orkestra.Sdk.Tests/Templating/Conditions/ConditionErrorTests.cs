using Orkestra.Templating;
using Orkestra.Templating.Conditions;
using static Orkestra.Sdk.Tests.Templating.Conditions.ConditionTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

/// <summary>Conditions that cannot be built or evaluated throw <see cref="ConditionException"/>, naming the field and the problem.</summary>
public class ConditionErrorTests
{
    private static readonly FunctionSet Failing = FunctionSet.Builtins.With(new[]
    {
        new TemplateFunction("fail", 0, 0, _ => throw new TemplateFunctionException("the service is down")),
        new TemplateFunction("crash", 0, 0, _ => throw new InvalidOperationException("unexpected")),
    });

    [Theory]
    [InlineData("spec.name", ConditionOperator.Regex, "(a", "is not a valid RE2 regular expression")]
    [InlineData("spec.name", ConditionOperator.Regex, "(a)\\1", "backreferences (\\1) are not supported by RE2")]
    [InlineData("spec.name", ConditionOperator.Regex, "a(?=b)", "lookahead")]
    [InlineData("spec.replicas", ConditionOperator.GreaterThan, "three", "value 'three' is not a number")]
    [InlineData("spec.replicas", ConditionOperator.LessThanOrEqual, "", "needs a value")]
    [InlineData("spec.replicas", ConditionOperator.Between, "1-10", "is not a range; write \"min,max\"")]
    [InlineData("spec.replicas", ConditionOperator.Between, "1,2,3", "is not a range")]
    [InlineData("spec.replicas", ConditionOperator.Between, "10,1", "has its minimum above its maximum")]
    [InlineData("spec.replicas", ConditionOperator.NotBetween, "a,b", "value 'a' is not a number")]
    [InlineData("spec.tags", ConditionOperator.TypeOf, "array", "'array' is not a type; expected one of string, number")]
    [InlineData("spec..replicas", ConditionOperator.Exists, null, "is not a dot path")]
    [InlineData("spec.mode", ConditionOperator.Contains, null, "'contains' needs a value")]
    [InlineData("{{ .spec.mode ", ConditionOperator.Exists, null, "is not a valid template")]
    public void Invalid_conditions_are_rejected_when_built(string field, ConditionOperator op, string? value, string reason)
    {
        if (value == string.Empty)
        {
            value = null;
        }

        var ex = Assert.Throws<ConditionException>(() => Condition.Compare(field, op, value));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'" + field + "'", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("condition on field '" + field + "' (" + ConditionOperators.Name(op) + "): ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConditionOperator.Equal, "x", ConditionValueType.Int, "value 'x' is not a number")]
    [InlineData(ConditionOperator.Equal, "1.5", ConditionValueType.Int, "value '1.5' is not an integer")]
    [InlineData(ConditionOperator.In, "1,x", ConditionValueType.Float, "value 'x' is not a number")]
    [InlineData(ConditionOperator.Equal, "maybe", ConditionValueType.Bool, "value 'maybe' is not a boolean")]
    [InlineData(ConditionOperator.GreaterThan, "1", ConditionValueType.Bool, "valueType bool cannot be ordered")]
    [InlineData(ConditionOperator.GreaterThan, "{{ 1 }}", ConditionValueType.Bool, "valueType bool cannot be ordered")]
    [InlineData(ConditionOperator.GreaterThan, "soon", ConditionValueType.Duration, "is not a duration")]
    [InlineData(ConditionOperator.GreaterThan, "yesterday", ConditionValueType.Time, "is not an RFC 3339 time")]
    public void Constant_values_are_checked_against_the_value_type(ConditionOperator op, string value, ConditionValueType valueType, string reason)
    {
        var ex = Assert.Throws<ConditionException>(() => Condition.Compare("spec.replicas", op, value, valueType));

        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec.mode", ConditionOperator.GreaterThan, "1", ConditionValueType.String, "field value 'production' is not a number")]
    [InlineData("spec.tags", ConditionOperator.LessThan, "1", ConditionValueType.String, "field value '[blue green]' is not a number")]
    [InlineData("spec.enabled", ConditionOperator.Between, "0,1", ConditionValueType.String, "field value 'true' is not a number")]
    [InlineData("spec.ratio", ConditionOperator.Equal, "1", ConditionValueType.Int, "field value '0.75' is not an integer")]
    [InlineData("spec.mode", ConditionOperator.Equal, "true", ConditionValueType.Bool, "field value 'production' is not a boolean (true or false)")]
    [InlineData("spec.mode", ConditionOperator.GreaterThan, "1s", ConditionValueType.Duration, "field value 'production' is not a duration such as 90s or 1h30m")]
    [InlineData("spec.missing", ConditionOperator.GreaterThan, "2026-01-01T00:00:00Z", ConditionValueType.Time, "the field has no value to compare as a time")]
    public void Field_values_that_do_not_fit_the_operator_fail(string field, ConditionOperator op, string value, ConditionValueType valueType, string reason)
    {
        var condition = Condition.Compare(field, op, value, valueType);

        var ex = Assert.Throws<ConditionException>(() => Eval(condition));

        Assert.Equal(reason, ex.Reason);
        Assert.Contains("'" + field + "'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ .spec.replicas }}", ConditionOperator.Regex, "{{ \"(\" }}", "'(' is not a valid RE2 regular expression")]
    [InlineData("spec.replicas", ConditionOperator.GreaterThan, "{{ .spec.mode }}", "value 'production' is not a number")]
    [InlineData("spec.replicas", ConditionOperator.Between, "{{ .spec.mode }}", "'production' is not a range")]
    [InlineData("spec.tags", ConditionOperator.TypeOf, "{{ .spec.mode }}", "'production' is not a type")]
    [InlineData("spec.name", ConditionOperator.Regex, "{{ \"(?<=x)\" }}", "lookbehind")]
    public void Templated_values_are_checked_when_evaluated(string field, ConditionOperator op, string value, string reason)
    {
        var condition = Condition.Compare(field, op, value);

        var ex = Assert.Throws<ConditionException>(() => Eval(condition));

        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ fail }}", null, "the service is down")]
    [InlineData("{{ crash }}", null, "unexpected")]
    [InlineData("spec.mode", "{{ fail }}", "the service is down")]
    [InlineData("{{ index .spec.tags 5 }}", null, "index")]
    public void Template_errors_become_condition_errors(string field, string? value, string inner)
    {
        var condition = Condition.Compare(field, value is null ? ConditionOperator.Exists : ConditionOperator.Equal, value, functions: Failing);

        var ex = Assert.Throws<ConditionException>(() => Eval(condition));

        Assert.Contains("failed: ", ex.Reason, StringComparison.Ordinal);
        Assert.Contains(inner, ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.InnerException);
        Assert.Contains("condition on field '" + field + "'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_uniqueness_check_is_a_condition_error()
    {
        var ex = Assert.Throws<ConditionException>(() => Eval(Condition.Compare("spec.name", ConditionOperator.Unique), uniqueness: new Broken()));

        Assert.Equal("condition on field 'spec.name' (unique): the uniqueness check failed: no API server", ex.Message);
    }

    [Fact]
    public void A_regex_that_runs_too_long_is_a_condition_error_not_a_hang()
    {
        // The engine is non-backtracking, so even a classic catastrophic pattern finishes well within the timeout.
        var condition = Condition.Compare("{{ .spec.long }}", ConditionOperator.Regex, "^(a+)+$");
        var data = Data("{\"spec\": {\"long\": \"" + new string('a', 5000) + "b\"}}");

        Assert.False(Eval(condition, data));
    }

    [Fact]
    public void Time_conditions_reject_invalid_parts()
    {
        Assert.Throws<ConditionException>(() => Condition.TimeWindow(null, null));
        Assert.Throws<ConditionException>(() => Condition.CronWindow(CronSchedule.Parse("* * * * *"), TimeSpan.FromMinutes(-1)));
        Assert.Throws<FormatException>(() => CronSchedule.Parse("* * * *"));
    }

    private sealed class Broken : IUniquenessChecker
    {
        public bool IsUnique(string field, string value, string selfNamespace, string selfName) => throw new HttpRequestException("no API server");
    }
}
