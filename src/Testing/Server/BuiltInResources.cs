namespace Orkestra.Testing.Server;

/// <summary>The built-in kinds the server serves, with their Kubernetes names, scopes and subresources.</summary>
internal static class BuiltInResources
{
    private static readonly string[] All = ["all"];

    public static IReadOnlyList<ResourceType> Create()
    {
        var replicas = new ScaleSpec(".spec.replicas", ".status.replicas", ".status.selector");
        return
        [
            Core("namespaces", "Namespace", namespaced: false, "ns") with
            {
                HasStatus = true,
                NameRule = NameRule.Label,
                FieldLabels = ["status.phase"],
            },
            Core("configmaps", "ConfigMap", namespaced: true, "cm"),
            Core("secrets", "Secret", namespaced: true) with { FieldLabels = ["type"] },
            Core("services", "Service", namespaced: true, "svc") with
            {
                HasStatus = true,
                NameRule = NameRule.Dns1035Label,
                Categories = All,
            },
            Core("serviceaccounts", "ServiceAccount", namespaced: true, "sa") with { ReturnsDeletedObject = true },
            Core("pods", "Pod", namespaced: true, "po") with
            {
                HasStatus = true,
                ReturnsDeletedObject = true,
                Categories = All,
                FieldLabels = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"],
            },
            Core("events", "Event", namespaced: true, "ev") with
            {
                FieldLabels =
                [
                    "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                    "reason", "reportingComponent", "source", "type",
                ],
            },
            Core("persistentvolumeclaims", "PersistentVolumeClaim", namespaced: true, "pvc") with { HasStatus = true },
            Core("persistentvolumes", "PersistentVolume", namespaced: false, "pv") with { HasStatus = true },
            Core("resourcequotas", "ResourceQuota", namespaced: true, "quota") with { HasStatus = true },
            Core("limitranges", "LimitRange", namespaced: true, "limits"),
            Type("events.k8s.io", "v1", "events", "Event", namespaced: true, "ev"),
            Type("apps", "v1", "deployments", "Deployment", namespaced: true, "deploy") with
            {
                HasStatus = true,
                Scale = replicas,
                Categories = All,
            },
            Type("apps", "v1", "statefulsets", "StatefulSet", namespaced: true, "sts") with
            {
                HasStatus = true,
                Scale = replicas,
                Categories = All,
            },
            Type("apps", "v1", "replicasets", "ReplicaSet", namespaced: true, "rs") with
            {
                HasStatus = true,
                Scale = replicas,
                Categories = All,
            },
            Type("apps", "v1", "daemonsets", "DaemonSet", namespaced: true, "ds") with { HasStatus = true, Categories = All },
            Type("batch", "v1", "jobs", "Job", namespaced: true) with { HasStatus = true, Categories = All, FieldLabels = ["status.successful"] },
            Type("batch", "v1", "cronjobs", "CronJob", namespaced: true, "cj") with { HasStatus = true, Categories = All },
            Type("networking.k8s.io", "v1", "ingresses", "Ingress", namespaced: true, "ing") with { HasStatus = true },
            Type("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", namespaced: true, "netpol"),
            Type("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", namespaced: true, "pdb") with { HasStatus = true },
            Type("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", namespaced: true, "hpa") with
            {
                HasStatus = true,
                Categories = All,
            },
            Type("rbac.authorization.k8s.io", "v1", "roles", "Role", namespaced: true),
            Type("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", namespaced: true),
            Type("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", namespaced: false),
            Type("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", namespaced: false),
            Type("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true),
            Type("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", namespaced: false, "crd", "crds") with
            {
                HasStatus = true,
                Categories = ["api-extensions"],
            },
            Type("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", namespaced: false) with
            {
                Categories = ["api-extensions"],
            },
            Type("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", namespaced: false) with
            {
                Categories = ["api-extensions"],
            },
        ];
    }

    private static ResourceType Core(string plural, string kind, bool namespaced, params string[] shortNames) =>
        Type("", "v1", plural, kind, namespaced, shortNames);

    private static ResourceType Type(string group, string version, string plural, string kind, bool namespaced, params string[] shortNames) =>
        new(group, version, plural, kind.ToLowerInvariant(), kind, namespaced) { ShortNames = shortNames };
}
