using Orkestra.Templating;
using Orkestra.Templating.Conditions;
using static Orkestra.Sdk.Tests.Templating.Conditions.ConditionTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

public class ConditionEvaluatorTests
{
    [Theory]
    // equals / notEquals compare Go's %v of the field with the value's text.
    [InlineData("spec.mode", ConditionOperator.Equal, "production", true)]
    [InlineData("spec.mode", ConditionOperator.Equal, "staging", false)]
    [InlineData("spec.replicas", ConditionOperator.Equal, "3", true)]
    [InlineData("spec.replicas", ConditionOperator.Equal, "3.0", false)]
    [InlineData("spec.enabled", ConditionOperator.Equal, "true", true)]
    [InlineData("spec.ratio", ConditionOperator.Equal, "0.75", true)]
    [InlineData("spec.big", ConditionOperator.Equal, "1e+06", true)]
    [InlineData("metadata.labels.team", ConditionOperator.Equal, "payments", true)]
    [InlineData("spec.missing", ConditionOperator.Equal, "", true)]
    [InlineData("spec.nothing", ConditionOperator.Equal, "", true)]
    [InlineData("spec.mode", ConditionOperator.NotEqual, "staging", true)]
    [InlineData("spec.mode", ConditionOperator.NotEqual, "production", false)]
    [InlineData("spec.missing", ConditionOperator.NotEqual, "x", true)]
    // contains / notContains: substring, list element, map key.
    [InlineData("spec.image", ConditionOperator.Contains, "nginx", true)]
    [InlineData("spec.image", ConditionOperator.Contains, "redis", false)]
    [InlineData("spec.tags", ConditionOperator.Contains, "green", true)]
    [InlineData("spec.tags", ConditionOperator.Contains, "gre", false)]
    [InlineData("spec.config", ConditionOperator.Contains, "mode", true)]
    [InlineData("spec.config", ConditionOperator.Contains, "fast", false)]
    [InlineData("spec.image", ConditionOperator.NotContains, "redis", true)]
    [InlineData("spec.tags", ConditionOperator.NotContains, "blue", false)]
    // prefix / suffix and their negations.
    [InlineData("spec.name", ConditionOperator.Prefix, "app-", true)]
    [InlineData("spec.name", ConditionOperator.Prefix, "web", false)]
    [InlineData("spec.name", ConditionOperator.NotPrefix, "web", true)]
    [InlineData("spec.name", ConditionOperator.NotPrefix, "app-", false)]
    [InlineData("spec.name", ConditionOperator.Suffix, "-01", true)]
    [InlineData("spec.name", ConditionOperator.Suffix, "-02", false)]
    [InlineData("spec.name", ConditionOperator.NotSuffix, "-02", true)]
    [InlineData("spec.name", ConditionOperator.NotSuffix, "-01", false)]
    // regex: unanchored RE2.
    [InlineData("spec.name", ConditionOperator.Regex, "^app-[a-z0-9-]+$", true)]
    [InlineData("spec.name", ConditionOperator.Regex, "web", true)]
    [InlineData("spec.name", ConditionOperator.Regex, "^web", false)]
    [InlineData("spec.name", ConditionOperator.Regex, "\\d{2}$", true)]
    // exists / notExists: present, not null, not "".
    [InlineData("spec.mode", ConditionOperator.Exists, null, true)]
    [InlineData("spec.enabled", ConditionOperator.Exists, null, true)]
    [InlineData("spec.missing", ConditionOperator.Exists, null, false)]
    [InlineData("spec.empty", ConditionOperator.Exists, null, false)]
    [InlineData("spec.nothing", ConditionOperator.Exists, null, false)]
    [InlineData("spec.image.deeper", ConditionOperator.Exists, null, false)]
    [InlineData("spec.missing", ConditionOperator.NotExists, null, true)]
    [InlineData("spec.mode", ConditionOperator.NotExists, null, false)]
    // Ordering is numeric; gt and lt are strict.
    [InlineData("spec.replicas", ConditionOperator.GreaterThan, "2", true)]
    [InlineData("spec.replicas", ConditionOperator.GreaterThan, "3", false)]
    [InlineData("spec.replicas", ConditionOperator.LessThan, "4", true)]
    [InlineData("spec.replicas", ConditionOperator.LessThan, "3", false)]
    [InlineData("spec.replicas", ConditionOperator.GreaterThanOrEqual, "3", true)]
    [InlineData("spec.replicas", ConditionOperator.GreaterThanOrEqual, "3.5", false)]
    [InlineData("spec.replicas", ConditionOperator.LessThanOrEqual, "3", true)]
    [InlineData("spec.replicas", ConditionOperator.LessThanOrEqual, "2.9", false)]
    [InlineData("spec.ratio", ConditionOperator.GreaterThan, "0.5", true)]
    [InlineData("spec.big", ConditionOperator.GreaterThan, "999999", true)]
    [InlineData("spec.replicas", ConditionOperator.GreaterThan, "-1e1", true)]
    // A missing numeric field counts as 0.
    [InlineData("status.succeeded", ConditionOperator.GreaterThan, "0", false)]
    [InlineData("status.succeeded", ConditionOperator.LessThan, "1", true)]
    [InlineData("status.succeeded", ConditionOperator.GreaterThanOrEqual, "0", true)]
    [InlineData("spec.empty", ConditionOperator.LessThanOrEqual, "0", true)]
    // between / notBetween: "min,max", inclusive.
    [InlineData("spec.replicas", ConditionOperator.Between, "1,10", true)]
    [InlineData("spec.replicas", ConditionOperator.Between, "3, 3", true)]
    [InlineData("spec.replicas", ConditionOperator.Between, "4,10", false)]
    [InlineData("spec.replicas", ConditionOperator.NotBetween, "4,10", true)]
    [InlineData("spec.replicas", ConditionOperator.NotBetween, "1,3", false)]
    [InlineData("spec.missing", ConditionOperator.Between, "0,1", true)]
    [InlineData("spec.ratio", ConditionOperator.Between, "-1,0.75", true)]
    // in / notIn: comma list, entries trimmed; an empty entry matches an empty or missing field.
    [InlineData("spec.mode", ConditionOperator.In, "staging, production", true)]
    [InlineData("spec.mode", ConditionOperator.In, "staging,dev", false)]
    [InlineData("status.missing", ConditionOperator.In, "Pending,", true)]
    [InlineData("status.phase", ConditionOperator.In, "Pending,", false)]
    [InlineData("spec.replicas", ConditionOperator.In, "1,3,5", true)]
    [InlineData("spec.mode", ConditionOperator.NotIn, "staging,dev", true)]
    [InlineData("spec.mode", ConditionOperator.NotIn, "production", false)]
    // typeOf and the type tests read the field's JSON type.
    [InlineData("spec.mode", ConditionOperator.TypeOf, "string", true)]
    [InlineData("spec.replicas", ConditionOperator.TypeOf, "number", true)]
    [InlineData("spec.tags", ConditionOperator.TypeOf, "slice", true)]
    [InlineData("spec.tags", ConditionOperator.TypeOf, "list", true)]
    [InlineData("spec.config", ConditionOperator.TypeOf, "map", true)]
    [InlineData("spec.enabled", ConditionOperator.TypeOf, "bool", true)]
    [InlineData("spec.missing", ConditionOperator.TypeOf, "null", true)]
    [InlineData("spec.mode", ConditionOperator.TypeOf, "number", false)]
    [InlineData("spec.config", ConditionOperator.TypeMap, null, true)]
    [InlineData("spec.tags", ConditionOperator.TypeMap, null, false)]
    [InlineData("spec.tags", ConditionOperator.TypeList, null, true)]
    [InlineData("spec.config", ConditionOperator.TypeList, null, false)]
    [InlineData("spec.mode", ConditionOperator.TypeString, null, true)]
    [InlineData("spec.replicas", ConditionOperator.TypeString, null, false)]
    [InlineData("spec.ratio", ConditionOperator.TypeNumber, null, true)]
    [InlineData("spec.mode", ConditionOperator.TypeNumber, null, false)]
    [InlineData("spec.enabled", ConditionOperator.TypeBool, null, true)]
    [InlineData("spec.flag", ConditionOperator.TypeBool, null, false)]
    [InlineData("spec.nothing", ConditionOperator.TypeNull, null, true)]
    [InlineData("spec.missing", ConditionOperator.TypeNull, null, true)]
    [InlineData("spec.mode", ConditionOperator.TypeNull, null, false)]
    public void Every_operator_holds_and_fails(string field, ConditionOperator op, string? value, bool expected)
    {
        Assert.Equal(expected, Eval(field, op, value));
        Assert.Equal(!expected, Eval(field, op, value, negate: true));
    }

    [Theory]
    [InlineData("equals", ConditionOperator.Equal)]
    [InlineData("eq", ConditionOperator.Equal)]
    [InlineData("notEquals", ConditionOperator.NotEqual)]
    [InlineData("neq", ConditionOperator.NotEqual)]
    [InlineData("gt", ConditionOperator.GreaterThan)]
    [InlineData("greaterThan", ConditionOperator.GreaterThan)]
    [InlineData("lt", ConditionOperator.LessThan)]
    [InlineData("lessThan", ConditionOperator.LessThan)]
    [InlineData("gte", ConditionOperator.GreaterThanOrEqual)]
    [InlineData("min", ConditionOperator.GreaterThanOrEqual)]
    [InlineData("greaterThanOrEqual", ConditionOperator.GreaterThanOrEqual)]
    [InlineData("lte", ConditionOperator.LessThanOrEqual)]
    [InlineData("max", ConditionOperator.LessThanOrEqual)]
    [InlineData("lessThanOrEqual", ConditionOperator.LessThanOrEqual)]
    [InlineData("between", ConditionOperator.Between)]
    [InlineData("notIn", ConditionOperator.NotIn)]
    [InlineData("unique", ConditionOperator.Unique)]
    [InlineData("typeNull", ConditionOperator.TypeNull)]
    public void Operator_names_and_aliases_resolve(string name, ConditionOperator expected)
    {
        Assert.True(ConditionOperators.TryParse(name, out var op));
        Assert.Equal(expected, op);
    }

    [Fact]
    public void Every_spelling_of_the_schema_is_an_operator()
    {
        foreach (var name in Orkestra.Katalogs.Schema.DocumentSchemas.ConditionOperators)
        {
            Assert.True(ConditionOperators.TryParse(name, out _), name);
        }

        Assert.False(ConditionOperators.TryParse("Equals", out _));
        Assert.Equal("gte", ConditionOperators.Name(ConditionOperator.GreaterThanOrEqual));
        Assert.Equal("notContains", ConditionOperators.Name(ConditionOperator.NotContains));
        Assert.Equal("typeOf", ConditionOperators.Name(ConditionOperator.TypeOf));
    }

    [Theory]
    // int and float compare numbers: "3" equals "3.0"; a missing field is 0.
    [InlineData("spec.replicas", ConditionOperator.Equal, "3.0", ConditionValueType.Float, true)]
    [InlineData("spec.replicas", ConditionOperator.Equal, "03", ConditionValueType.Int, true)]
    [InlineData("spec.big", ConditionOperator.Equal, "1000000", ConditionValueType.Int, true)]
    [InlineData("spec.missing", ConditionOperator.Equal, "0", ConditionValueType.Int, true)]
    [InlineData("spec.replicas", ConditionOperator.NotEqual, "3", ConditionValueType.Int, false)]
    [InlineData("spec.replicas", ConditionOperator.In, "1, 3.0", ConditionValueType.Float, true)]
    [InlineData("spec.replicas", ConditionOperator.GreaterThan, "2", ConditionValueType.Int, true)]
    // bool reads both sides as strconv.ParseBool does.
    [InlineData("spec.flag", ConditionOperator.Equal, "true", ConditionValueType.Bool, true)]
    [InlineData("spec.enabled", ConditionOperator.Equal, "1", ConditionValueType.Bool, true)]
    [InlineData("spec.missing", ConditionOperator.Equal, "false", ConditionValueType.Bool, true)]
    [InlineData("spec.enabled", ConditionOperator.NotEqual, "T", ConditionValueType.Bool, false)]
    // auto: numbers when both are numbers, true/false in any case, otherwise text.
    [InlineData("spec.replicas", ConditionOperator.Equal, "3.0", ConditionValueType.Auto, true)]
    [InlineData("spec.big", ConditionOperator.Equal, "1000000", ConditionValueType.Auto, true)]
    [InlineData("spec.flag", ConditionOperator.Equal, "true", ConditionValueType.Auto, true)]
    [InlineData("spec.mode", ConditionOperator.Equal, "production", ConditionValueType.Auto, true)]
    [InlineData("spec.mode", ConditionOperator.Equal, "Production", ConditionValueType.Auto, false)]
    [InlineData("spec.missing", ConditionOperator.Equal, "0", ConditionValueType.Auto, false)]
    [InlineData("spec.replicas", ConditionOperator.In, "1,3.0", ConditionValueType.Auto, true)]
    // duration and time order their values.
    [InlineData("spec.timeout", ConditionOperator.GreaterThan, "1m", ConditionValueType.Duration, true)]
    [InlineData("spec.timeout", ConditionOperator.Equal, "1m30s", ConditionValueType.Duration, true)]
    [InlineData("spec.timeout", ConditionOperator.Between, "1m,2m", ConditionValueType.Duration, true)]
    [InlineData("spec.missing", ConditionOperator.LessThan, "1s", ConditionValueType.Duration, true)]
    [InlineData("spec.since", ConditionOperator.GreaterThan, "2026-01-01T00:00:00Z", ConditionValueType.Time, true)]
    [InlineData("spec.since", ConditionOperator.LessThan, "2026-01-02T04:04:05+01:00", ConditionValueType.Time, false)]
    [InlineData("spec.since", ConditionOperator.Equal, "2026-01-02T04:04:05+01:00", ConditionValueType.Time, true)]
    public void Value_types_decide_how_the_sides_compare(string field, ConditionOperator op, string value, ConditionValueType valueType, bool expected)
    {
        Assert.Equal(expected, Eval(field, op, value, valueType));
    }

    [Fact]
    public void Templated_fields_compare_their_output()
    {
        Assert.True(Eval("{{ .spec.replicas }}", ConditionOperator.Equal, "3"));
        Assert.True(Eval("{{ len .spec.tags }}", ConditionOperator.GreaterThan, "1"));
        Assert.True(Eval("{{ if eq .spec.mode \"production\" }}prod{{ end }}", ConditionOperator.Equal, "prod"));
        Assert.True(Eval("  {{ .spec.mode }}  ", ConditionOperator.Equal, "production"));
        Assert.True(Eval("{{ .spec.missing }}", ConditionOperator.NotExists));
        Assert.False(Eval("{{ .spec.missing }}", ConditionOperator.Exists));
        Assert.True(Eval("{{ .spec.missing }}", ConditionOperator.GreaterThanOrEqual, "0"));
        Assert.True(Eval("{{ .spec.replicas }}", ConditionOperator.TypeString));
    }

    [Fact]
    public void Templated_values_are_rendered_before_comparing()
    {
        Assert.True(Eval("spec.name", ConditionOperator.Prefix, "app-{{ .metadata.name }}"));
        Assert.True(Eval("spec.replicas", ConditionOperator.LessThan, "{{ len .spec.name }}"));
        Assert.True(Eval("spec.mode", ConditionOperator.In, "{{ .status.phase }},production"));
        Assert.True(Eval("spec.replicas", ConditionOperator.Between, "{{ 1 }},{{ 5 }}"));
        Assert.True(Eval("spec.name", ConditionOperator.Regex, "^{{ \"app\" }}-"));
        Assert.True(Eval("metadata.name", ConditionOperator.Equal, "{{ .metadata.name }}"));
        Assert.True(Eval("spec.tags", ConditionOperator.TypeOf, "{{ \"slice\" }}"));
    }

    [Fact]
    public void Templates_see_the_injected_clock()
    {
        var condition = Condition.Compare("{{ hour }}", ConditionOperator.Equal, "12", functions: FunctionSet.Builtins.With(new[]
        {
            new TemplateFunction("hour", 0, 0, call => (long)call.Services.Clock.GetUtcNow().Hour),
        }));

        Assert.True(Eval(condition));
        Assert.False(Eval(condition, services: At(Noon.AddHours(3))));
    }

    [Fact]
    public void Paths_walk_maps_only_and_accept_a_leading_dot()
    {
        Assert.True(Eval(".spec.mode", ConditionOperator.Equal, "production"));
        Assert.True(Eval("spec.tags.0", ConditionOperator.NotExists));
        Assert.True(Eval("spec.mode", ConditionOperator.NotExists, data: Data("""{"spec": "flat"}""")));
        Assert.True(Eval("spec.mode", ConditionOperator.NotExists, data: Data("[]")));
        Assert.False(Eval("spec.mode", ConditionOperator.Equal, "<no value>", data: Data("""{"spec": {"mode": "x"}}""")));
        Assert.True(Eval("spec.mode", ConditionOperator.NotExists, data: Data("""{"spec": {"mode": "<no value>"}}""")));
    }

    [Fact]
    public void Equals_without_a_value_compares_with_the_empty_string()
    {
        Assert.True(Eval("spec.empty", ConditionOperator.Equal));
        Assert.False(Eval("spec.mode", ConditionOperator.Equal));
    }

    [Fact]
    public void Unique_asks_the_checker_and_passes_without_one()
    {
        var condition = Condition.Compare("spec.name", ConditionOperator.Unique);
        var checker = new Checker(taken: "app-web-01");

        Assert.True(Eval(condition));
        Assert.False(Eval(condition, uniqueness: checker));
        Assert.Equal(("spec.name", "app-web-01", "shop", "web"), checker.Asked);
        Assert.True(Eval(Condition.Compare("spec.mode", ConditionOperator.Unique), uniqueness: checker));
        Assert.True(Eval(Condition.Compare("spec.name", ConditionOperator.Unique, negate: true), uniqueness: checker));
    }

    [Fact]
    public void When_is_and_or_is_or_and_both_must_pass()
    {
        var yes = Condition.Compare("spec.mode", ConditionOperator.Equal, "production");
        var no = Condition.Compare("spec.mode", ConditionOperator.Equal, "staging");
        bool Both(Condition[]? when, Condition[]? or) => ConditionEvaluator.Evaluate(when, or, Cr, Services);

        Assert.True(Both(null, null));
        Assert.True(Both(Array.Empty<Condition>(), Array.Empty<Condition>()));
        Assert.True(Both(new[] { yes, yes }, null));
        Assert.False(Both(new[] { yes, no }, null));
        Assert.True(Both(null, new[] { no, yes }));
        Assert.False(Both(null, new[] { no, no }));
        Assert.True(Both(new[] { yes }, new[] { no, yes }));
        Assert.False(Both(new[] { no }, new[] { yes }));
        Assert.False(Both(new[] { yes }, new[] { no }));
    }

    [Fact]
    public void Evaluation_stops_at_the_first_deciding_condition()
    {
        var broken = Condition.Compare("{{ fail }}", ConditionOperator.Exists, functions: FunctionSet.Builtins.With(new[]
        {
            new TemplateFunction("fail", 0, 0, _ => throw new TemplateFunctionException("boom")),
        }));
        var yes = Condition.Compare("spec.mode", ConditionOperator.Exists);
        var no = Condition.Compare("spec.missing", ConditionOperator.Exists);

        Assert.False(ConditionEvaluator.Evaluate(new[] { no, broken }, null, Cr, Services));
        Assert.True(ConditionEvaluator.Evaluate(null, new[] { yes, broken }, Cr, Services));
        Assert.Throws<ConditionException>(() => ConditionEvaluator.Evaluate(new[] { yes, broken }, null, Cr, Services));
    }

    [Fact]
    public void Evaluation_is_deterministic_given_the_clock()
    {
        var condition = Condition.Compare("{{ .spec.replicas }}", ConditionOperator.Equal, "3");

        Assert.Equal(Eval(condition), ConditionEvaluator.Evaluate(condition, Cr, null));
    }

    [Fact]
    public void Describing_a_condition_names_its_parts()
    {
        Assert.Equal("spec.replicas gt '3' (int)", Condition.Compare("spec.replicas", ConditionOperator.GreaterThan, "3", ConditionValueType.Int).ToString());
        Assert.Equal("not (spec.mode exists)", Condition.Compare("spec.mode", ConditionOperator.Exists, negate: true).ToString());
        Assert.Equal("time after 09:00 before 18:00", Condition.TimeWindow(new TimeOnly(9, 0), new TimeOnly(18, 0)).ToString());
    }

    private sealed class Checker : IUniquenessChecker
    {
        private readonly string _taken;

        public Checker(string taken) => _taken = taken;

        public (string Field, string Value, string Namespace, string Name) Asked { get; private set; }

        public bool IsUnique(string field, string value, string selfNamespace, string selfName)
        {
            Asked = (field, value, selfNamespace, selfName);
            return value != _taken;
        }
    }
}
