using Orkestra.Diagnostics;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Yaml;
using Orkestra.Templating;
using Orkestra.Templating.Conditions;
using static Orkestra.Sdk.Tests.Templating.Conditions.ConditionTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

public class ConditionReaderTests
{
    private static (IReadOnlyList<Condition> Conditions, List<Diagnostic> Diagnostics) Read(string yaml, string key = "when", FunctionSet? functions = null)
    {
        var file = YamlReader.Read("katalog.yaml", yaml);
        Assert.Empty(file.Diagnostics);
        var root = Assert.IsType<YamlMapping>(Assert.Single(file.Documents));
        var diagnostics = new List<Diagnostic>();
        var conditions = ConditionReader.Read(root[key], key, diagnostics, functions ?? FunctionSet.Builtins);
        return (conditions, diagnostics);
    }

    private static IReadOnlyList<Condition> ReadClean(string yaml, string key = "when", FunctionSet? functions = null)
    {
        var (conditions, diagnostics) = Read(yaml, key, functions);
        Assert.Empty(diagnostics);
        return conditions;
    }

    // Reads a block that must report exactly one diagnostic; returns it as "ORKnnn (line,col): message".
    private static string Problem(string yaml, string key = "when")
    {
        var (conditions, diagnostics) = Read(yaml, key);
        var diagnostic = Assert.Single(diagnostics);
        if (diagnostic.Severity == DiagnosticSeverity.Error)
        {
            Assert.Empty(conditions);
        }

        return diagnostic.Id + " (" + diagnostic.Location.Line + "," + diagnostic.Location.Column + "): " + diagnostic.Message;
    }

    [Fact]
    public void Shorthand_keys_become_operators_and_values()
    {
        var conditions = ReadClean("""
            when:
              - {field: spec.a, equals: x}
              - {field: spec.a, eq: x}
              - {field: spec.a, notEquals: x}
              - {field: spec.a, neq: x}
              - {field: spec.a, contains: x}
              - {field: spec.a, notContains: x}
              - {field: spec.a, prefix: x}
              - {field: spec.a, notPrefix: x}
              - {field: spec.a, suffix: x}
              - {field: spec.a, notSuffix: x}
              - {field: spec.a, regex: "^x+$"}
              - {field: spec.a, gt: 1}
              - {field: spec.a, greaterThan: "1"}
              - {field: spec.a, lt: 1}
              - {field: spec.a, lessThan: 1}
              - {field: spec.a, gte: 1}
              - {field: spec.a, min: 1}
              - {field: spec.a, greaterThanOrEqual: 1}
              - {field: spec.a, lte: 1}
              - {field: spec.a, max: 1.5}
              - {field: spec.a, lessThanOrEqual: 1}
              - {field: spec.a, between: "1,10"}
              - {field: spec.a, notBetween: "1,10"}
              - {field: spec.a, in: "a,b"}
              - {field: spec.a, notIn: "a,b"}
              - {field: spec.a, typeOf: map}
            """);

        var expected = new[]
        {
            (ConditionOperator.Equal, "x"), (ConditionOperator.Equal, "x"), (ConditionOperator.NotEqual, "x"), (ConditionOperator.NotEqual, "x"),
            (ConditionOperator.Contains, "x"), (ConditionOperator.NotContains, "x"), (ConditionOperator.Prefix, "x"), (ConditionOperator.NotPrefix, "x"),
            (ConditionOperator.Suffix, "x"), (ConditionOperator.NotSuffix, "x"), (ConditionOperator.Regex, "^x+$"),
            (ConditionOperator.GreaterThan, "1"), (ConditionOperator.GreaterThan, "1"), (ConditionOperator.LessThan, "1"), (ConditionOperator.LessThan, "1"),
            (ConditionOperator.GreaterThanOrEqual, "1"), (ConditionOperator.GreaterThanOrEqual, "1"), (ConditionOperator.GreaterThanOrEqual, "1"),
            (ConditionOperator.LessThanOrEqual, "1"), (ConditionOperator.LessThanOrEqual, "1.5"), (ConditionOperator.LessThanOrEqual, "1"),
            (ConditionOperator.Between, "1,10"), (ConditionOperator.NotBetween, "1,10"), (ConditionOperator.In, "a,b"), (ConditionOperator.NotIn, "a,b"),
            (ConditionOperator.TypeOf, "map"),
        };
        Assert.Equal(expected, conditions.Select(c => (c.Operator, c.Value!.Text)).ToArray());
        Assert.All(conditions, c => Assert.Equal(("spec.a", ConditionKind.Field, false, ConditionValueType.String), (c.Field!.Text, c.Kind, c.Negate, c.ValueType)));
    }

    [Fact]
    public void Boolean_shorthands_take_true_or_false()
    {
        var conditions = ReadClean("""
            when:
              - {field: spec.a, exists: true}
              - {field: spec.a, exists: false}
              - {field: spec.a, notExists: yes}
              - {field: spec.a, unique: true}
              - {field: spec.a, typeMap: true}
              - {field: spec.a, typeList: "true"}
              - {field: spec.a, typeString: true}
              - {field: spec.a, typeNumber: true}
              - {field: spec.a, typeBool: true}
              - {field: spec.a, typeNull: false, negate: true}
            """);

        Assert.Equal(
            new[]
            {
                (ConditionOperator.Exists, false), (ConditionOperator.Exists, true), (ConditionOperator.NotExists, false), (ConditionOperator.Unique, false),
                (ConditionOperator.TypeMap, false), (ConditionOperator.TypeList, false), (ConditionOperator.TypeString, false), (ConditionOperator.TypeNumber, false),
                (ConditionOperator.TypeBool, false), (ConditionOperator.TypeNull, false),
            },
            conditions.Select(c => (c.Operator, c.Negate)).ToArray());
        Assert.All(conditions, c => Assert.Null(c.Value));
    }

    [Fact]
    public void The_explicit_form_takes_operator_value_and_value_type()
    {
        var condition = Assert.Single(ReadClean("""
            when:
              - field: spec.replicas
                operator: gt
                value: "1"
                valueType: int
                negate: true
            """));

        Assert.Equal((ConditionOperator.GreaterThan, "1", ConditionValueType.Int, true), (condition.Operator, condition.Value!.Text, condition.ValueType, condition.Negate));
        Assert.False(ConditionEvaluator.Evaluate(condition, Data("""{"spec": {"replicas": 3}}"""), Services));
    }

    [Theory]
    [InlineData("string", ConditionValueType.String)]
    [InlineData("int", ConditionValueType.Int)]
    [InlineData("integer", ConditionValueType.Int)]
    [InlineData("float", ConditionValueType.Float)]
    [InlineData("number", ConditionValueType.Float)]
    [InlineData("bool", ConditionValueType.Bool)]
    [InlineData("boolean", ConditionValueType.Bool)]
    [InlineData("auto", ConditionValueType.Auto)]
    [InlineData("duration", ConditionValueType.Duration)]
    [InlineData("time", ConditionValueType.Time)]
    public void Every_value_type_of_the_schema_is_read(string name, ConditionValueType expected)
    {
        var condition = Assert.Single(ReadClean("when: {field: spec.a, operator: equals, valueType: " + name + "}"));

        Assert.Equal(expected, condition.ValueType);
    }

    [Fact]
    public void A_single_mapping_is_one_condition_and_absent_blocks_are_empty()
    {
        Assert.Single(ReadClean("when:\n  field: spec.a\n  equals: x\n"));
        Assert.Empty(ReadClean("other: 1\n"));
        Assert.Empty(ReadClean("when:\n"));
        Assert.Empty(ReadClean("when: []\n"));
        Assert.Empty(ConditionReader.Read(null, "when", new List<Diagnostic>(), FunctionSet.Builtins));
    }

    [Fact]
    public void A_value_without_an_operator_is_compared_with_equals()
    {
        var condition = Assert.Single(ReadClean("when:\n  - field: spec.a\n    value: x\n"));

        Assert.Equal((ConditionOperator.Equal, "x"), (condition.Operator, condition.Value!.Text));
    }

    [Fact]
    public void Templated_fields_and_values_are_parsed_once()
    {
        var condition = Assert.Single(ReadClean("""
            when:
              - field: "{{ .spec.enabled }}"
                equals: "{{ .spec.expected }}"
            """));

        Assert.True(condition.Field!.IsTemplate);
        Assert.True(condition.Value!.IsTemplate);
        Assert.True(ConditionEvaluator.Evaluate(condition, Data("""{"spec": {"enabled": true, "expected": "true"}}"""), Services));
    }

    [Fact]
    public void Time_day_and_cron_forms_are_read()
    {
        var conditions = ReadClean("""
            when:
              - time: {after: "09:00", before: "18:00"}
              - time: {after: "22:00"}
                negate: true
              - dayOfWeek: {weekday: true}
              - dayOfWeek: {weekday: false}
              - dayOfWeek: {weekend: true}
              - dayOfWeek: {in: [Monday, wednesday, FRIDAY]}
              - dayOfWeek: {notIn: [Saturday, Sunday]}
              - dayOfWeek: {in: "Tuesday, Thursday"}
              - cron: "0 2 * * 0"
                duration: 2h
              - cron: "*/5 * * * *"
            """);

        Assert.Equal(
            new[] { ConditionKind.Time, ConditionKind.Time, ConditionKind.DayOfWeek, ConditionKind.DayOfWeek, ConditionKind.DayOfWeek, ConditionKind.DayOfWeek, ConditionKind.DayOfWeek, ConditionKind.DayOfWeek, ConditionKind.Cron, ConditionKind.Cron },
            conditions.Select(c => c.Kind).ToArray());
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(18, 0)), (conditions[0].After, conditions[0].Before));
        Assert.Equal((new TimeOnly(22, 0), (TimeOnly?)null, true), (conditions[1].After, conditions[1].Before, conditions[1].Negate));
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var weekend = new[] { DayOfWeek.Sunday, DayOfWeek.Saturday };
        Assert.Equal(weekdays, conditions[2].Days);
        Assert.Equal(weekend, conditions[3].Days);
        Assert.Equal(weekend, conditions[4].Days);
        Assert.Equal(new[] { DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday }, conditions[5].Days);
        Assert.Equal(weekdays, conditions[6].Days);
        Assert.Equal(new[] { DayOfWeek.Tuesday, DayOfWeek.Thursday }, conditions[7].Days);
        Assert.Equal(("0 2 * * 0", (TimeSpan?)TimeSpan.FromHours(2)), (conditions[8].Cron!.Expression, conditions[8].Duration));
        Assert.Null(conditions[9].Duration);
    }

    [Fact]
    public void Business_hours_from_the_reference_pass_only_on_weekdays_between_nine_and_six()
    {
        var conditions = ReadClean("""
            when:
              - time:
                  after: "09:00"
                  before: "18:00"
              - dayOfWeek:
                  weekday: true
            """);

        Assert.True(ConditionEvaluator.Evaluate(conditions, null, Cr, At(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero))));
        Assert.False(ConditionEvaluator.Evaluate(conditions, null, Cr, At(new DateTimeOffset(2026, 3, 4, 19, 0, 0, TimeSpan.Zero))));
        Assert.False(ConditionEvaluator.Evaluate(conditions, null, Cr, At(new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.Zero))));
    }

    [Theory]
    [InlineData("when:\n  - field: spec.tier\n", "ORK024 (2,5): when[0] is missing required field 'operator'; write operator: with value:, a shorthand such as equals: x or exists: true, or a time:, dayOfWeek: or cron: test")]
    [InlineData("when:\n  - field: spec.tier\n    equals: a\n    contains: b\n", "ORK025 (4,5): when[0] has invalid value 'equals, contains'; a condition has exactly one operator; split it into separate conditions (when: ANDs them, or: ORs them)")]
    [InlineData("when:\n  - field: spec.tier\n    operator: in\n    value: a\n    notEquals: b\n", "ORK025 (5,5): when[0] has invalid value 'operator, notEquals'; a condition has exactly one operator; split it into separate conditions (when: ANDs them, or: ORs them)")]
    [InlineData("when:\n  - time: {after: \"09:00\"}\n    cron: \"* * * * *\"\n", "ORK025 (3,5): when[0] has invalid value 'time, cron'; a condition tests one thing (a field, time:, dayOfWeek: or cron:); split it into separate conditions")]
    [InlineData("when:\n  - field: spec.a\n    equals: x\n    dayOfWeek: {weekday: true}\n", "ORK025 (4,5): when[0] has invalid value 'equals, dayOfWeek'; a condition tests one thing (a field, time:, dayOfWeek: or cron:); split it into separate conditions")]
    [InlineData("when:\n  - field: spec.a\n    operator: greaterThen\n    value: 1\n", "ORK025 (3,15): when[0].operator has invalid value 'greaterThen'; expected an operator such as equals, notEquals, in, gt or exists; did you mean 'greaterThan'?")]
    [InlineData("when:\n  - field: spec.a\n    equals: x\n    valueType: integr\n", "ORK025 (4,16): when[0].valueType has invalid value 'integr'; expected one of string, int, integer, float, number, bool, boolean, auto, duration, time; did you mean 'integer'?")]
    [InlineData("when:\n  - field: spec.a\n    gt: 1\n    valueType: bool\n", "ORK025 (4,16): when[0].valueType has invalid value 'bool'; booleans cannot be ordered with 'gt'; use int, float, duration or time")]
    [InlineData("when:\n  - field: spec.replicas\n    between: \"1-10\"\n", "ORK025 (3,14): when[0].between has invalid value '1-10'; '1-10' is not a range; write \"min,max\" such as \"1,10\"")]
    [InlineData("when:\n  - field: spec.replicas\n    operator: notBetween\n    value: \"9,2\"\n", "ORK025 (4,12): when[0].value has invalid value '9,2'; range '9,2' has its minimum above its maximum")]
    [InlineData("when:\n  - field: spec.replicas\n    gt: many\n", "ORK025 (3,9): when[0].gt has invalid value 'many'; value 'many' is not a number")]
    [InlineData("when:\n  - field: spec.name\n    regex: \"(a\"\n", "ORK025 (3,12): when[0].regex has invalid value '(a'; '(a' is not a valid RE2 regular expression: Invalid pattern '(a' at offset 2. Not enough )'s.")]
    [InlineData("when:\n  - field: spec.name\n    regex: '(\\w)\\1'\n", "ORK025 (3,12): when[0].regex has invalid value '(\\w)\\1'; '(\\w)\\1' is not a valid RE2 regular expression: backreferences (\\1) are not supported by RE2")]
    [InlineData("when:\n  - field: spec.tags\n    typeOf: array\n", "ORK025 (3,13): when[0].typeOf has invalid value 'array'; 'array' is not a type; expected one of string, number, bool, map, slice, null, unknown")]
    [InlineData("when:\n  - field: spec..a\n    exists: true\n", "ORK025 (2,12): when[0].field has invalid value 'spec..a'; write a dot path such as spec.replicas, or a {{ template }}")]
    [InlineData("when:\n  - cron: \"0 2 * *\"\n", "ORK025 (2,11): when[0].cron has invalid value '0 2 * *'; expected 5 fields (minute hour day-of-month month day-of-week), found 4; write minute hour day-of-month month day-of-week, such as \"0 2 * * 0\"")]
    [InlineData("when:\n  - cron: \"0 25 * * *\"\n", "ORK025 (2,11): when[0].cron has invalid value '0 25 * * *'; hour field '25': values must be between 0 and 23; write minute hour day-of-month month day-of-week, such as \"0 2 * * 0\"")]
    [InlineData("when:\n  - cron: \"0 2 * * 0\"\n    duration: 2hours\n", "ORK026 (3,15): when[0].duration has invalid duration '2hours'; write a duration such as 60s, 2h or 1d")]
    [InlineData("when:\n  - time: {after: \"9am\"}\n", "ORK025 (2,19): when[0].time.after has invalid value '9am'; write a 24-hour time HH:MM such as 09:00 (UTC)")]
    [InlineData("when:\n  - time: {}\n", "ORK024 (2,11): when[0].time is missing required field 'after' or 'before'; a time window needs at least one bound (HH:MM, UTC)")]
    [InlineData("when:\n  - time: \"09:00\"\n", "ORK023 (2,11): when[0].time must be a mapping with after and/or before (HH:MM, UTC), but is a string '09:00'")]
    [InlineData("when:\n  - dayOfWeek: {}\n", "ORK024 (2,16): when[0].dayOfWeek is missing required field 'weekday'; set one of weekday, weekend, in or notIn")]
    [InlineData("when:\n  - dayOfWeek: {weekday: true, in: [Monday]}\n", "ORK025 (2,32): when[0].dayOfWeek has invalid value 'weekday, in'; set exactly one of weekday, weekend, in or notIn")]
    [InlineData("when:\n  - dayOfWeek: {in: [Monday, Funday]}\n", "ORK025 (2,30): when[0].dayOfWeek.in has invalid value 'Funday'; expected a full English day name such as Monday; did you mean 'Sunday'?")]
    [InlineData("when:\n  - dayOfWeek: {weekend: sometimes}\n", "ORK023 (2,26): when[0].dayOfWeek.weekend must be true or false, but is a string 'sometimes'")]
    [InlineData("when:\n  - field: spec.a\n    exists: definitely\n", "ORK023 (3,13): when[0].exists must be true or false, but is a string 'definitely'")]
    [InlineData("when:\n  - field: spec.a\n    equals: [a, b]\n", "ORK023 (3,13): when[0].equals must be a string, but is a sequence")]
    [InlineData("when:\n  - field: spec.a\n    equals:\n", "ORK023 (3,12): when[0].equals must be a string, but is null")]
    [InlineData("when:\n  - field: spec.a\n    equals: x\n    negate: maybe\n", "ORK023 (4,13): when[0].negate must be true or false, but is a string 'maybe'")]
    [InlineData("when:\n  - equals: x\n", "ORK024 (2,5): when[0] is missing required field 'field'; name a dot path such as spec.replicas, or a {{ template }}")]
    [InlineData("when:\n  - field: spec.a\n    operator: gt\n", "ORK024 (2,5): when[0] is missing required field 'value'; 'gt' compares with a value")]
    [InlineData("when: spec.a == x\n", "ORK023 (1,7): when must be a list of conditions or a condition, but is a string 'spec.a == x'")]
    [InlineData("when:\n  - spec.a\n", "ORK023 (2,5): when[0] must be a condition (a mapping such as {field: spec.tier, equals: pro}), but is a string 'spec.a'")]
    [InlineData("or:\n  - field: \"{{ .spec.a \"\n    exists: true\n", "ORK060 (2,24): or[0].field is not a valid template: unclosed action (template line 1, column 12)")]
    public void Problems_are_reported_where_they_are(string yaml, string expected)
    {
        var key = yaml.StartsWith("or:", StringComparison.Ordinal) ? "or" : "when";

        Assert.Equal(expected, Problem(yaml, key));
    }

    [Theory]
    [InlineData("when:\n  - field: spec.a\n    equals: x\n    value: y\n", "ORK029 (4,5): 'when[0].value' has no effect here: the shorthand 'equals' carries the value")]
    [InlineData("when:\n  - field: spec.a\n    operator: exists\n    value: y\n", "ORK029 (4,5): 'when[0].value' has no effect here: 'exists' does not compare with a value")]
    [InlineData("when:\n  - field: spec.a\n    contains: x\n    valueType: int\n", "ORK029 (4,5): 'when[0].valueType' has no effect here: 'contains' does not compare typed values")]
    [InlineData("when:\n  - field: spec.a\n    time: {after: \"09:00\"}\n", "ORK029 (2,5): 'when[0].field' has no effect here: time: conditions read the clock, not a field")]
    [InlineData("when:\n  - field: spec.a\n    exists: true\n    duration: 1h\n", "ORK029 (4,5): 'when[0].duration' has no effect here: it sets how long a cron: window stays open")]
    public void Keys_without_effect_are_warnings_and_the_condition_is_kept(string yaml, string expected)
    {
        var (conditions, diagnostics) = Read(yaml);

        Assert.Single(conditions);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(expected, diagnostic.Id + " (" + diagnostic.Location.Line + "," + diagnostic.Location.Column + "): " + diagnostic.Message);
    }

    [Fact]
    public void Bad_conditions_are_left_out_and_good_ones_kept()
    {
        var (conditions, diagnostics) = Read("""
            when:
              - field: spec.a
                equals: x
              - field: spec.b
              - field: spec.c
                regex: "a(?!b)"
              - field: spec.d
                exists: true
            """);

        Assert.Equal(new[] { "spec.a", "spec.d" }, conditions.Select(c => c.Field!.Text));
        Assert.Equal(new[] { "ORK024", "ORK025" }, diagnostics.Select(d => d.Id));
        Assert.Equal("katalog.yaml(4,5): error ORK024: when[1] is missing required field 'operator'; write operator: with value:, a shorthand such as equals: x or exists: true, or a time:, dayOfWeek: or cron: test", diagnostics[0].ToString());
        Assert.Contains("lookahead (?= and (?! is not supported by RE2", diagnostics[1].Message, StringComparison.Ordinal);
    }

    // ── Conditions copied from upstream's examples ─────────────────────────────────────────────────────────────

    [Fact]
    public void Upstream_when_conditions_pick_resources_by_tier()
    {
        // examples/intermediate/05-when-conditions/katalog.yaml
        var loadBalancer = ReadClean("""
            when:
              - field: spec.tier
                notEquals: free
            """);
        var monitoring = ReadClean("""
            when:
              - field: spec.monitoring
                equals: "true"
            """);
        var enterprise = ReadClean("""
            when:
              - field: spec.tier
                equals: enterprise
            """);
        var free = Data("""{"metadata": {"name": "my-platform"}, "spec": {"image": "nginx:1.25", "tier": "free", "replicas": 1, "port": 8080, "monitoring": false}}""");
        var big = Data("""{"metadata": {"name": "big"}, "spec": {"image": "nginx:1.25", "tier": "enterprise", "monitoring": true}}""");

        Assert.Equal((false, false, false), (Pass(loadBalancer, free), Pass(monitoring, free), Pass(enterprise, free)));
        Assert.Equal((true, true, true), (Pass(loadBalancer, big), Pass(monitoring, big), Pass(enterprise, big)));
    }

    [Fact]
    public void Upstream_reconcile_gate_on_a_templated_field()
    {
        // examples/intermediate/05-when-conditions/conditional-reconciliation/katalog.yaml (preReconcile.when)
        var gate = ReadClean("""
            when:
              - field: "{{ .spec.enabled }}"
                equals: "true"
            """);

        Assert.True(Pass(gate, Data("""{"spec": {"enabled": true}}""")));
        Assert.False(Pass(gate, Data("""{"spec": {"enabled": false}}""")));
        Assert.False(Pass(gate, Data("""{"spec": {}}""")));
    }

    [Fact]
    public void Upstream_or_conditions_fire_jobs_on_any_phase()
    {
        // examples/use-cases/full-stack-app/05-or/katalog.yaml
        var (cleanupWhen, cleanupOr) = Block("""
            or:
              - field: status.phase
                equals: "Failed"
              - field: status.phase
                equals: "Succeeded"
            """);
        var (notifyWhen, notifyOr) = Block("""
            when:
              - field: spec.notify
                equals: "true"
            or:
              - field: status.phase
                equals: "Running"
              - field: status.phase
                equals: "Failed"
              - field: status.phase
                equals: "Succeeded"
            """);
        var running = Data("""{"spec": {"notify": "true"}, "status": {"phase": "Running"}}""");
        var failedQuiet = Data("""{"spec": {"notify": "false"}, "status": {"phase": "Failed"}}""");
        var fresh = Data("""{"spec": {"notify": "true"}}""");

        Assert.False(ConditionEvaluator.Evaluate(cleanupWhen, cleanupOr, running, Services));
        Assert.True(ConditionEvaluator.Evaluate(cleanupWhen, cleanupOr, failedQuiet, Services));
        Assert.True(ConditionEvaluator.Evaluate(notifyWhen, notifyOr, running, Services));
        Assert.False(ConditionEvaluator.Evaluate(notifyWhen, notifyOr, failedQuiet, Services));
        Assert.False(ConditionEvaluator.Evaluate(notifyWhen, notifyOr, fresh, Services));
    }

    [Fact]
    public void Upstream_status_fields_use_templated_note_functions()
    {
        // examples/use-cases/full-stack-app/05-or (status) and 06-full-stack (status), with stand-ins for the notes.
        var notes = FunctionSet.Builtins.With(new[]
        {
            new TemplateFunction("jobSucceeded", 1, 1, call => Succeeded(call.Arguments[0])),
            new TemplateFunction("readyReplicas", 1, 1, call => (call.Arguments[0] as IDictionary<string, object?>)?["status"] is IDictionary<string, object?> s && s.TryGetValue("readyReplicas", out var r) ? r : 0L),
        });
        var succeeded = ReadClean("""
            when:
              - field: "{{ jobSucceeded .children.job }}"
                equals: "true"
            """, functions: notes);
        var ready = ReadClean("""
            when:
              - field: external.healthCheck.status
                equals: "200"
              - field: "{{ readyReplicas .children.deployment }}"
                operator: gt
                value: "0"
            """, functions: notes);
        var done = Data("""{"children": {"job": {"status": {"succeeded": 1}}, "deployment": {"status": {"readyReplicas": 2}}}, "external": {"healthCheck": {"status": 200}}}""");
        var starting = Data("""{"children": {"job": {"status": {}}, "deployment": {"status": {}}}, "external": {"healthCheck": {"status": 200}}}""");

        Assert.True(Pass(succeeded, done));
        Assert.False(Pass(succeeded, starting));
        Assert.True(Pass(ready, done));
        Assert.False(Pass(ready, starting));

        static bool Succeeded(object? job) =>
            job is IDictionary<string, object?> j && j.TryGetValue("status", out var s) && s is IDictionary<string, object?> status
            && status.TryGetValue("succeeded", out var n) && n is double d && d > 0;
    }

    [Fact]
    public void Upstream_state_machine_walks_its_phases()
    {
        // examples/intermediate/08-state-machine/katalog.yaml: the status fields, in order; the last passing one wins.
        var fields = new (string Phase, string When)[]
        {
            ("Pending", "when:\n  - field: status.phase\n    operator: notExists\n"),
            ("Running/build", "when:\n  - field: status.phase\n    operator: in\n    value: \"Pending,\"       # Pending or empty\n"),
            ("Running/test", "when:\n  - field: status.phase\n    equals: \"Running/build\"\n  - field: children.job.status.succeeded\n    greaterThan: \"0\"\n"),
            ("Running/notify", "when:\n  - field: status.phase\n    equals: \"Running/test\"\n  - field: children.job.status.succeeded\n    greaterThan: \"0\"\n"),
            ("Succeeded", "when:\n  - field: status.phase\n    equals: \"Running/notify\"\n  - field: children.job.status.succeeded\n    greaterThan: \"0\"\n"),
            ("Failed", "when:\n  - field: children.job.status.failed\n    greaterThan: \"0\"\n"),
        };
        var blocks = fields.Select(f => (f.Phase, Conditions: ReadClean(f.When))).ToArray();

        string? Next(string json)
        {
            string? phase = null;
            foreach (var (candidate, conditions) in blocks)
            {
                if (Pass(conditions, Data(json)))
                {
                    phase = candidate;
                }
            }

            return phase;
        }

        Assert.Equal("Running/build", Next("""{"status": {}}"""));
        Assert.Equal("Running/build", Next("""{"status": {"phase": "Pending"}}"""));
        Assert.Null(Next("""{"status": {"phase": "Running/build"}, "children": {"job": {"status": {}}}}"""));
        Assert.Equal("Running/test", Next("""{"status": {"phase": "Running/build"}, "children": {"job": {"status": {"succeeded": 1}}}}"""));
        Assert.Equal("Succeeded", Next("""{"status": {"phase": "Running/notify"}, "children": {"job": {"status": {"succeeded": 1}}}}"""));
        Assert.Equal("Failed", Next("""{"status": {"phase": "Running/test"}, "children": {"job": {"status": {"failed": 1}}}}"""));
    }

    [Fact]
    public void Upstream_motif_gates_on_an_input_with_exists_true()
    {
        // registry-guide/01-motifs/web-service/motif.yaml
        var conditions = ReadClean("""
            when:
              - field: "{{ .inputs.host }}"
                exists: true
            """);

        Assert.True(Pass(conditions, Data("""{"inputs": {"host": "shop.example.com"}}""")));
        Assert.False(Pass(conditions, Data("""{"inputs": {}}""")));
    }

    private static bool Pass(IReadOnlyList<Condition> when, object? data) => ConditionEvaluator.Evaluate(when, null, data, Services);

    private static (IReadOnlyList<Condition> When, IReadOnlyList<Condition> Or) Block(string yaml)
    {
        var file = YamlReader.Read("katalog.yaml", yaml);
        var root = Assert.IsType<YamlMapping>(Assert.Single(file.Documents));
        var diagnostics = new List<Diagnostic>();
        var when = ConditionReader.Read(root["when"], "when", diagnostics, FunctionSet.Builtins);
        var or = ConditionReader.Read(root["or"], "or", diagnostics, FunctionSet.Builtins);
        Assert.Empty(diagnostics);
        return (when, or);
    }
}
