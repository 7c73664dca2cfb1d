using System.Text.Json.Nodes;
using Orkestra.Templating;
using Orkestra.Templating.Conditions;

namespace Orkestra.Sdk.Tests.Templating.Conditions;

/// <summary>A clock that always reads the same instant.</summary>
internal sealed class FixedClock : TimeProvider
{
    private readonly DateTimeOffset _now;

    public FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;
}

/// <summary>Data, clocks and shortcuts shared by the condition tests.</summary>
internal static class ConditionTestSupport
{
    /// <summary>Wednesday 2026-03-04 12:30:00 UTC.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 3, 4, 12, 30, 0, TimeSpan.Zero);

    public static TemplateServices At(DateTimeOffset now) => new(new FixedClock(now), new Random(1));

    public static TemplateServices Services { get; } = At(Noon);

    /// <summary>The data model of a JSON object, as templates see it.</summary>
    public static object? Data(string json) => TemplateData.FromJson(JsonNode.Parse(json));

    /// <summary>A typical custom resource.</summary>
    public static object? Cr { get; } = Data("""
        {
          "metadata": {"name": "web", "namespace": "shop", "labels": {"team": "payments", "tier": "gold"}},
          "spec": {"replicas": 3, "ratio": 0.75, "image": "nginx:1.27", "mode": "production", "enabled": true,
                   "name": "app-web-01", "tags": ["blue", "green"], "config": {"mode": "fast"}, "empty": "",
                   "nothing": null, "big": 1000000, "timeout": "90s", "since": "2026-01-02T03:04:05Z", "flag": "True"},
          "status": {"phase": "Running"}
        }
        """);

    public static bool Eval(Condition condition, object? data = null, TemplateServices? services = null, IUniquenessChecker? uniqueness = null) =>
        ConditionEvaluator.Evaluate(condition, data ?? Cr, services ?? Services, uniqueness);

    public static bool Eval(string field, ConditionOperator op, string? value = null, ConditionValueType valueType = ConditionValueType.String, bool negate = false, object? data = null) =>
        Eval(Condition.Compare(field, op, value, valueType, negate, FunctionSet.Builtins), data);
}
