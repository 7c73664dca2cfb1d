using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The HorizontalPodAutoscaler notes, including <c>_scaleTarget</c> and <c>_currentMetrics</c> from <c>enrich: [hpa]</c>.</summary>
public class HpaNotesTests
{
    private const string Data = """
        {
          "scaling": {
            "spec": { "minReplicas": 2, "maxReplicas": 10 },
            "status": { "currentReplicas": 3, "desiredReplicas": 5, "conditions": [
              { "type": "AbleToScale", "status": "True" }, { "type": "ScalingActive", "status": "True" }, { "type": "ScalingLimited", "status": "False" } ] },
            "_scaleTarget": { "name": "web", "kind": "Deployment" },
            "_currentMetrics": [ { "type": "Resource" }, { "type": "" }, 3, { "type": "External" } ]
          },
          "unknownMetric": {
            "spec": { "maxReplicas": 4 },
            "status": { "currentReplicas": 4, "desiredReplicas": 0, "conditions": [ { "type": "ScalingActive", "status": "False", "reason": "FailedGetResourceMetric" }, { "type": "ScalingLimited", "status": "True" } ] }
          },
          "stable": { "spec": { "minReplicas": 0, "maxReplicas": 3 }, "status": { "currentReplicas": 3, "desiredReplicas": 3, "conditions": [ { "type": "ScalingActive", "status": "True" } ] } },
          "textCounts": { "spec": { "minReplicas": "3", "maxReplicas": "6" }, "status": { "currentReplicas": "7" } },
          "noMax": { "spec": {}, "status": { "currentReplicas": 9 } },
          "odd": { "spec": "x", "status": { "conditions": "y" }, "_scaleTarget": "web", "_currentMetrics": { "type": "Resource" } }
        }
        """;

    [Theory]
    [InlineData("{{ hpaCurrentReplicas .scaling }} {{ hpaDesiredReplicas .scaling }} {{ hpaMinReplicas .scaling }} {{ hpaMaxReplicas .scaling }}", "3 5 2 10")]
    [InlineData("{{ hpaScaling .scaling }} {{ hpaScalingActive .scaling }} {{ hpaAbleToScale .scaling }} {{ hpaScalingLimited .scaling }} {{ hpaAtMax .scaling }}", "true true true false false")]
    [InlineData("{{ hpaScaling .unknownMetric }} {{ hpaScalingActive .unknownMetric }} {{ hpaAbleToScale .unknownMetric }} {{ hpaScalingLimited .unknownMetric }} {{ hpaAtMax .unknownMetric }}", "false false false true true")]
    [InlineData("{{ hpaScaling .stable }} {{ hpaMinReplicas .stable }} {{ hpaAtMax .stable }}", "false 1 true")]
    [InlineData("{{ hpaMinReplicas .textCounts }} {{ hpaMaxReplicas .textCounts }} {{ hpaCurrentReplicas .textCounts }} {{ hpaAtMax .textCounts }} {{ hpaAtMax .noMax }}", "3 6 7 true false")]
    [InlineData("{{ hpaScaleTargetName .scaling }} {{ hpaScaleTargetKind .scaling }} {{ hpaMetricTypes .scaling }}", "web Deployment Resource, External")]
    [InlineData("{{ hpaMinReplicas .odd }} {{ hpaMaxReplicas .odd }} {{ hpaScalingActive .odd }} [{{ hpaScaleTargetName .odd }}][{{ hpaMetricTypes .odd }}]", "1 0 false [][]")]
    [InlineData("{{ hpaMinReplicas \"x\" }} {{ hpaCurrentReplicas 5 }} {{ hpaScaling .scaling.status }} [{{ hpaScaleTargetKind 1 }}]", "1 0 false []")]
    [InlineData("{{ printf \"%T %T\" (hpaCurrentReplicas .scaling) (hpaMinReplicas .scaling) }}", "int int")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ hpaCurrentReplicas .missing }} {{ hpaDesiredReplicas .missing }} {{ hpaMinReplicas .missing }} {{ hpaMaxReplicas .missing }}", "0 0 1 0")]
    [InlineData("{{ hpaScaling .missing }} {{ hpaScalingActive .missing }} {{ hpaAbleToScale .missing }} {{ hpaScalingLimited .missing }} {{ hpaAtMax .missing }}", "false false false false false")]
    [InlineData("[{{ hpaScaleTargetName .missing }}][{{ hpaScaleTargetKind .missing }}][{{ hpaMetricTypes .missing }}]", "[][][]")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));
}
