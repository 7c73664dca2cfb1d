using System.Text.Json.Nodes;

namespace Orkestra.Resources;

// The workload kinds: deployments, replicaSets, statefulSets, pods, jobs, cronJobs. Every controller's selector is
// exactly the item's SelectorLabels() (the workload's own name: stable, so the immutable selector never changes) and
// its pod template carries PodLabels() (which include app: <CR name>, what a Service selects by default).
internal static partial class ResourceKinds
{
    private static readonly string[] ConcurrencyPolicies = { "Allow", "Forbid", "Replace" };

    private static readonly string[] PodManagementPolicies = { "OrderedReady", "Parallel" };

    static partial void AddWorkloads(Dictionary<string, ResourceKind> kinds)
    {
        // Default names are upstream's: <CR>-deployment, -replicaset, -pod, -job, -cronjob; a StatefulSet is named after the CR.
        kinds["deployments"] = new ResourceKind("deployments", "apps/v1", "Deployment", true, "-deployment", BuildDeployment);
        kinds["replicaSets"] = new ResourceKind("replicaSets", "apps/v1", "ReplicaSet", true, "-replicaset", BuildReplicaSet);
        kinds["statefulSets"] = new ResourceKind("statefulSets", "apps/v1", "StatefulSet", true, string.Empty, BuildStatefulSet);
        kinds["pods"] = new ResourceKind("pods", "v1", "Pod", true, "-pod", BuildPod);
        kinds["jobs"] = new ResourceKind("jobs", "batch/v1", "Job", true, "-job", BuildJob);
        kinds["cronJobs"] = new ResourceKind("cronJobs", "batch/v1", "CronJob", true, "-cronjob", BuildCronJob);
    }

    private static JsonObject BuildDeployment(ResourceItem item)
    {
        var spec = new JsonObject
        {
            ["replicas"] = Replicas(item),
            ["selector"] = Selector(item),
            ["template"] = PodTemplates.Template(item, PodOwner.Controller),
        };

        // autoscale is not acted on (the schema says so): it stays out of the object.
        PodTemplates.Put(spec, "strategy", DeploymentStrategy(item));
        return Workload(item, spec);
    }

    private static JsonObject BuildReplicaSet(ResourceItem item) => Workload(item, new JsonObject
    {
        ["replicas"] = Replicas(item),
        ["selector"] = Selector(item),
        ["template"] = PodTemplates.Template(item, PodOwner.Controller),
    });

    private static JsonObject BuildStatefulSet(ResourceItem item)
    {
        var mounts = new JsonArray();
        var claims = PodTemplates.VolumeClaimTemplates(item, mounts);
        var spec = new JsonObject
        {
            ["replicas"] = Replicas(item),
            ["selector"] = Selector(item),
            ["template"] = PodTemplates.Template(item, PodOwner.Controller, mounts),
        };
        PodTemplates.Put(spec, "volumeClaimTemplates", claims);

        // Upstream: the governing Service is named after the StatefulSet unless serviceName says otherwise.
        spec["serviceName"] = PodTemplates.Text(item, "serviceName") ?? item.ObjectName;
        if (PodTemplates.Text(item, "podManagementPolicy") is { } policy)
        {
            spec["podManagementPolicy"] = PodManagementPolicies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase))
                ?? throw item.Fail("podManagementPolicy", $"'{policy}' is not a pod management policy; write OrderedReady or Parallel");
        }

        spec["updateStrategy"] = StatefulSetStrategy(item);
        return Workload(item, spec);
    }

    private static JsonObject BuildPod(ResourceItem item)
    {
        // A bare Pod carries the pod labels itself, so a Service's default selector finds it.
        var metadata = new JsonObject { ["labels"] = item.PodLabels() };
        if (item.StringMap("podAnnotations") is { Count: > 0 } annotations)
        {
            metadata["annotations"] = annotations;
        }

        return new JsonObject
        {
            ["apiVersion"] = item.Kind.ApiVersion,
            ["kind"] = item.Kind.Kind,
            ["metadata"] = metadata,
            ["spec"] = PodTemplates.Spec(item, PodOwner.Bare),
        };
    }

    private static JsonObject BuildJob(ResourceItem item) => Workload(item, JobSpec(item));

    private static JsonObject BuildCronJob(ResourceItem item)
    {
        var schedule = PodTemplates.Text(item, "schedule")
            ?? throw item.Fail("schedule", "a CronJob needs a schedule, a cron expression such as \"0 * * * *\" (hourly) or @daily");
        if (!schedule.StartsWith('@') && schedule.Split(' ', '\t').Count(part => part.Length > 0) != 5)
        {
            throw item.Fail("schedule", $"'{schedule}' is not a cron schedule: write five fields (minute hour day-of-month month day-of-week), such as \"30 2 * * *\", or a macro such as @hourly");
        }

        var spec = new JsonObject { ["schedule"] = schedule };
        PodTemplates.Put(spec, "timeZone", PodTemplates.Text(item, "timeZone"));
        PodTemplates.Put(spec, "startingDeadlineSeconds", Positive(item, "startingDeadlineSeconds"));
        if (PodTemplates.Text(item, "concurrencyPolicy") is { } policy)
        {
            // Upstream writes allow, forbid and replace in lower case.
            spec["concurrencyPolicy"] = ConcurrencyPolicies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase))
                ?? throw item.Fail("concurrencyPolicy", $"'{policy}' is not a concurrency policy; write Allow, Forbid or Replace");
        }

        if (item.Bool("suspend") is { } suspend)
        {
            spec["suspend"] = suspend;
        }

        spec["jobTemplate"] = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = item.Labels() },
            ["spec"] = JobSpec(item),
        };

        // Unset history limits are Kubernetes' own defaults (3 and 1), the values upstream documents.
        PodTemplates.Put(spec, "successfulJobsHistoryLimit", PodTemplates.NonNegative(item, "successfulJobsHistoryLimit"));
        PodTemplates.Put(spec, "failedJobsHistoryLimit", PodTemplates.NonNegative(item, "failedJobsHistoryLimit"));
        return Workload(item, spec);
    }

    // A Job's spec (also a CronJob's job template). No selector: Kubernetes generates a Job's own.
    private static JsonObject JobSpec(ResourceItem item)
    {
        var spec = new JsonObject();
        PodTemplates.Put(spec, "parallelism", PodTemplates.NonNegative(item, "parallelism"));
        PodTemplates.Put(spec, "completions", PodTemplates.NonNegative(item, "completions"));
        PodTemplates.Put(spec, "activeDeadlineSeconds", Positive(item, "activeDeadlineSeconds"));

        // Upstream documents a backoffLimit of 3 when unset (Kubernetes' own default is 6).
        spec["backoffLimit"] = PodTemplates.NonNegative(item, "backoffLimit") ?? 3;
        spec["template"] = PodTemplates.Template(item, PodOwner.Batch);
        PodTemplates.Put(spec, "ttlSecondsAfterFinished", PodTemplates.NonNegative(item, "ttlSecondsAfterFinished"));
        return spec;
    }

    private static JsonObject Workload(ResourceItem item, JsonObject spec) => new()
    {
        ["apiVersion"] = item.Kind.ApiVersion,
        ["kind"] = item.Kind.Kind,
        ["spec"] = spec,
    };

    private static JsonObject Selector(ResourceItem item) => new() { ["matchLabels"] = item.SelectorLabels() };

    // replicas: "1" when unset (upstream); "0" scales to zero.
    private static long Replicas(ResourceItem item) => PodTemplates.NonNegative(item, "replicas") ?? 1;

    private static long? Positive(ResourceItem item, string field)
    {
        var value = item.Integer(field);
        return value <= 0 ? throw item.Fail(field, $"{value} must be more than 0; write a number of seconds such as 600, or leave it out") : value;
    }

    // strategy (the Kubernetes field) or rollingUpdate (a profile or maxSurge/maxUnavailable), not both. Neither:
    // Kubernetes' default rolling update (25%/25%).
    private static JsonObject? DeploymentStrategy(ResourceItem item)
    {
        var rolling = PodTemplates.RollingUpdate(item);
        if (item.Json("strategy") is { } strategy)
        {
            if (rolling is not null)
            {
                throw item.Fail("strategy", "write strategy or rollingUpdate, not both; keep rollingUpdate for a rolling update, strategy for {type: Recreate}");
            }

            return strategy as JsonObject ?? throw item.Fail("strategy", "must be a Deployment strategy, such as {type: Recreate}");
        }

        return rolling is null ? null : new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = rolling };
    }

    // updateStrategy (the Kubernetes field) or rollingUpdate, not both. Neither: OnDelete, as upstream documents for
    // the StatefulSets it manages. A StatefulSet has no maxSurge, and Kubernetes rejects a maxUnavailable of 0, which
    // upstream's profiles mean as "one pod at a time": Kubernetes' default, so it is left out.
    private static JsonObject StatefulSetStrategy(ResourceItem item)
    {
        var rolling = PodTemplates.RollingUpdate(item);
        if (item.Json("updateStrategy") is { } declared)
        {
            if (rolling is not null)
            {
                throw item.Fail("updateStrategy", "write updateStrategy or rollingUpdate, not both; drop one of them");
            }

            return declared as JsonObject ?? throw item.Fail("updateStrategy", "must be a StatefulSet update strategy, such as {type: RollingUpdate}");
        }

        if (rolling is null)
        {
            return new JsonObject { ["type"] = "OnDelete" };
        }

        var strategy = new JsonObject { ["type"] = "RollingUpdate" };
        if (rolling["maxUnavailable"] is { } unavailable && !PodTemplates.IsZero(unavailable))
        {
            strategy["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = unavailable.DeepClone() };
        }

        return strategy;
    }
}
