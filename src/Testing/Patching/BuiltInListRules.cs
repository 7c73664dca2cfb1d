namespace Orkestra.Testing.Patching;

/// <summary>
/// The list merge rules of the built-in kinds, from their Go types' <c>patchMergeKey</c>/<c>patchStrategy</c> and
/// <c>listType</c>/<c>listMapKey</c>/<c>structType</c> markers: the lists and atomic structs operators meet. Lists not
/// named here are replaced whole (atomic), as Kubernetes does for lists without markers.
/// </summary>
internal static class BuiltInListRules
{
    private static readonly Dictionary<string, FieldRules> ByKind = Build();

    public static FieldRules For(string kind) => ByKind.TryGetValue(kind, out var rules) ? rules : Generic();

    /// <summary>The rules every object has: <c>metadata.finalizers</c> a set, <c>metadata.ownerReferences</c> keyed by uid.</summary>
    public static void AddMetadata(FieldRules metadata)
    {
        metadata.At("finalizers").List = ListRule.Set;
        metadata.At("ownerReferences").List = ListRule.MapBy("uid");
    }

    private static FieldRules Generic()
    {
        var root = new FieldRules();
        AddMetadata(root.At("metadata"));
        root.At("status.conditions").List = ListRule.MapBy("type");
        return root;
    }

    private static Dictionary<string, FieldRules> Build()
    {
        var podSpec = PodSpec();
        var podTemplate = new FieldRules();
        AddMetadata(podTemplate.At("metadata"));
        podTemplate.AddField("spec", podSpec);

        var result = new Dictionary<string, FieldRules>(StringComparer.Ordinal);
        FieldRules Kind(string kind)
        {
            var root = Generic();
            result[kind] = root;
            return root;
        }

        Kind("Pod").AddField("spec", podSpec);
        Kind("PodTemplate").AddField("template", podTemplate);
        foreach (var kind in (string[])["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"])
        {
            var root = Kind(kind);
            root.At("spec").AddField("template", podTemplate);
            root.At("spec.selector").AtomicMap = kind != "ReplicationController";
        }

        var job = Kind("Job");
        job.At("spec").AddField("template", podTemplate);
        job.At("spec.selector").AtomicMap = true;
        var cronJob = Kind("CronJob");
        cronJob.At("spec.jobTemplate.spec").AddField("template", podTemplate);
        cronJob.At("spec.jobTemplate.spec.selector").AtomicMap = true;

        Kind("Service").At("spec.ports").List = ListRule.Ports("port");
        Kind("PodDisruptionBudget").At("spec.selector").AtomicMap = true;
        Kind("NetworkPolicy").At("spec.podSelector").AtomicMap = true;
        Kind("Node").At("status.addresses").List = ListRule.MapBy("type");
        Kind("ServiceAccount").At("secrets").List = ListRule.MapBy("name");
        foreach (var kind in (string[])["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"])
        {
            Kind(kind).At("webhooks").List = ListRule.MapBy("name");
        }

        return result;
    }

    private static FieldRules PodSpec()
    {
        var spec = new FieldRules();
        var container = Container();
        foreach (var list in (string[])["containers", "initContainers", "ephemeralContainers"])
        {
            spec.At(list).List = ListRule.MapBy("name");
            spec.At(list).Items = container;
        }

        spec.At("volumes").List = ListRule.MapBy("name");
        spec.At("imagePullSecrets").List = ListRule.MapBy("name");
        spec.At("hostAliases").List = ListRule.MapBy("ip");
        spec.At("resourceClaims").List = ListRule.MapBy("name");
        spec.At("schedulingGates").List = ListRule.MapBy("name");
        spec.At("topologySpreadConstraints").List = new ListRule(
            ListKind.Map, [new ListMapKey("topologyKey"), new ListMapKey("whenUnsatisfiable")], "topologyKey");
        spec.At("topologySpreadConstraints[].labelSelector").AtomicMap = true;
        spec.At("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution").AtomicMap = true;
        foreach (var affinity in (string[])["podAffinity", "podAntiAffinity"])
        {
            spec.At($"affinity.{affinity}.requiredDuringSchedulingIgnoredDuringExecution[].labelSelector").AtomicMap = true;
            spec.At($"affinity.{affinity}.preferredDuringSchedulingIgnoredDuringExecution[].podAffinityTerm.labelSelector").AtomicMap = true;
        }

        return spec;
    }

    private static FieldRules Container()
    {
        var container = new FieldRules();
        container.At("ports").List = ListRule.Ports("containerPort");
        container.At("env").List = ListRule.MapBy("name");
        container.At("volumeMounts").List = ListRule.MapBy("mountPath");
        container.At("volumeDevices").List = ListRule.MapBy("devicePath");
        container.At("resizePolicy").List = ListRule.MapBy("resourceName");
        foreach (var reference in (string[])["configMapKeyRef", "secretKeyRef", "fieldRef", "resourceFieldRef"])
        {
            container.At("env[].valueFrom." + reference).AtomicMap = true;
        }

        return container;
    }
}
