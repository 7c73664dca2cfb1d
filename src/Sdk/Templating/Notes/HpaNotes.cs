using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The HPA notes (upstream <c>pkg/note/kube_hpa.go</c>): a HorizontalPodAutoscaler's replica counts, its
/// <c>AbleToScale</c>, <c>ScalingActive</c> and <c>ScalingLimited</c> conditions, and the scale target and metrics
/// that <c>enrich: [hpa]</c> embeds (<c>_scaleTarget</c>, <c>_currentMetrics</c>).
/// </summary>
internal static class HpaNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("hpaCurrentReplicas", c => Current(c.Arguments[0]));
        notes.Add("hpaDesiredReplicas", c => Desired(c.Arguments[0]));
        notes.Add("hpaMinReplicas", c =>
        {
            // 1 (Kubernetes' default) when unset or 0.
            var min = ToInt64(Path(c.Arguments[0], "spec", "minReplicas"));
            return min == 0 ? 1L : min;
        });
        notes.Add("hpaMaxReplicas", c => Max(c.Arguments[0]));
        notes.Add("hpaScaling", c => HasTrueCondition(c.Arguments[0], "ScalingActive") && Current(c.Arguments[0]) != Desired(c.Arguments[0]));
        notes.Add("hpaScalingActive", c => HasTrueCondition(c.Arguments[0], "ScalingActive"));
        notes.Add("hpaAbleToScale", c => HasTrueCondition(c.Arguments[0], "AbleToScale"));
        notes.Add("hpaScalingLimited", c => HasTrueCondition(c.Arguments[0], "ScalingLimited"));
        notes.Add("hpaAtMax", c => Max(c.Arguments[0]) is var max && max != 0 && Current(c.Arguments[0]) >= max);
        notes.Add("hpaScaleTargetName", c => PathText(c.Arguments[0], "_scaleTarget", "name"));
        notes.Add("hpaScaleTargetKind", c => PathText(c.Arguments[0], "_scaleTarget", "kind"));
        notes.Add("hpaMetricTypes", c =>
        {
            var types = new List<string>();
            foreach (var metric in PathList(c.Arguments[0], "_currentMetrics"))
            {
                var type = PathText(metric, "type");
                if (type.Length > 0)
                {
                    types.Add(type);
                }
            }

            return JoinComma(types);
        });
    }

    private static long Current(object? hpa) => ToInt64(Path(hpa, "status", "currentReplicas"));

    private static long Desired(object? hpa) => ToInt64(Path(hpa, "status", "desiredReplicas"));

    private static long Max(object? hpa) => ToInt64(Path(hpa, "spec", "maxReplicas"));

    // Whether status.conditions has a condition of the type with status "True" (as hasCondition).
    private static bool HasTrueCondition(object? hpa, string type)
    {
        foreach (var condition in PathList(hpa, "status", "conditions"))
        {
            if (PathText(condition, "type") == type && PathText(condition, "status") == "True")
            {
                return true;
            }
        }

        return false;
    }
}
