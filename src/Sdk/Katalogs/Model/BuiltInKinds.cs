namespace Orkestra.Katalogs.Model;

/// <summary>
/// The built-in Kubernetes kinds a katalog may operate by naming only the kind: group, version, plural and scope are
/// filled in from this table, as upstream enriches them from discovery.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
static class BuiltInKinds
{
    private static readonly Dictionary<string, (ApiTypes Types, bool Namespaced)> Table = Build();

    /// <summary>The API types and scope of built-in <paramref name="kind"/>, when it is one.</summary>
    public static bool TryGet(string kind, out ApiTypes types, out bool namespaced)
    {
        if (Table.TryGetValue(kind, out var found))
        {
            types = found.Types;
            namespaced = found.Namespaced;
            return true;
        }

        types = null!;
        namespaced = true;
        return false;
    }

    private static Dictionary<string, (ApiTypes, bool)> Build()
    {
        var table = new Dictionary<string, (ApiTypes, bool)>(StringComparer.Ordinal);
        void Add(string group, string version, string kind, string plural, bool namespaced) =>
            table[kind] = (new ApiTypes(group, version, kind, plural), namespaced);

        Add(string.Empty, "v1", "Namespace", "namespaces", false);
        Add(string.Empty, "v1", "ConfigMap", "configmaps", true);
        Add(string.Empty, "v1", "Secret", "secrets", true);
        Add(string.Empty, "v1", "Service", "services", true);
        Add(string.Empty, "v1", "ServiceAccount", "serviceaccounts", true);
        Add(string.Empty, "v1", "Pod", "pods", true);
        Add(string.Empty, "v1", "Node", "nodes", false);
        Add(string.Empty, "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true);
        Add(string.Empty, "v1", "PersistentVolume", "persistentvolumes", false);
        Add(string.Empty, "v1", "ResourceQuota", "resourcequotas", true);
        Add(string.Empty, "v1", "LimitRange", "limitranges", true);
        Add(string.Empty, "v1", "Event", "events", true);
        Add("apps", "v1", "Deployment", "deployments", true);
        Add("apps", "v1", "StatefulSet", "statefulsets", true);
        Add("apps", "v1", "ReplicaSet", "replicasets", true);
        Add("apps", "v1", "DaemonSet", "daemonsets", true);
        Add("batch", "v1", "Job", "jobs", true);
        Add("batch", "v1", "CronJob", "cronjobs", true);
        Add("networking.k8s.io", "v1", "Ingress", "ingresses", true);
        Add("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true);
        Add("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true);
        Add("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
        Add("rbac.authorization.k8s.io", "v1", "Role", "roles", true);
        Add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
        Add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
        Add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
        Add("coordination.k8s.io", "v1", "Lease", "leases", true);
        Add("storage.k8s.io", "v1", "StorageClass", "storageclasses", false);
        return table;
    }
}
