using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orkestra.Katalogs.Model;

namespace Orkestra.Resources;

/// <summary>The labels and annotations Orkestra puts on the objects it manages (ORKESTRA-REFERENCE.md section 8).</summary>
public static class SystemMetadata
{
    /// <summary>Label on every child: who manages it (<c>orkestra</c>).</summary>
    public const string ManagedByLabel = "managed-by";

    /// <summary>The value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedByValue = "orkestra";

    /// <summary>Label on every child: the name of the CR that owns it.</summary>
    public const string OwnerLabel = "orkestra-owner";

    /// <summary>Label on children without an owner reference (cluster-scoped, or in another namespace): the owner's name.</summary>
    public const string ClusterOwnerLabel = "orkestra.io/owner";

    /// <summary>Label on children without an owner reference: the owner's namespace.</summary>
    public const string OwnerNamespaceLabel = "orkestra.io/owner-namespace";

    /// <summary>Label on every child: the owner's UID, which pruning matches children by (never by name alone).</summary>
    public const string OwnerUidLabel = "orkestra.io/owner-uid";

    /// <summary>Label on a workload's pods that its selector matches: the workload's own name.</summary>
    public const string WorkloadLabel = "orkestra.orkspace.io/workload";

    /// <summary>Label on the CR: it is managed by Orkestra.</summary>
    public const string ManagedLabel = "orkestra.orkspace.io/managed";

    /// <summary>Annotation on the CR, written once: the katalog that manages it.</summary>
    public const string ManagedByAnnotation = "orkestra.orkspace.io/managed-by";

    /// <summary>Annotation on the CR, written once: when Orkestra started managing it (RFC 3339).</summary>
    public const string ManagedSinceAnnotation = "orkestra.orkspace.io/managed-since";

    /// <summary>The finalizer Orkestra adds to every CR it manages.</summary>
    public const string CleanupFinalizer = "orkestra.orkspace.io/cleanup";

    /// <summary>The field manager of every server-side apply.</summary>
    public const string FieldManager = Kubernetes.ApplyOptions.DefaultFieldManager;

    /// <summary>The uid that stands in for a CR read from a file, which has none until the API server creates it.</summary>
    public const string PlaceholderUid = "00000000-0000-0000-0000-000000000000";

    private const int MaxLabelValue = 63;

    /// <summary>
    /// <paramref name="value"/> as a valid label value: unchanged when it is one; longer than 63 characters, cut and
    /// ended with a hash of the whole value (so distinct values stay distinct), never rejected.
    /// </summary>
    public static string LabelValue(string value)
    {
        if (value.Length <= MaxLabelValue)
        {
            return value;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 5).ToLowerInvariant();
        var prefix = value.Substring(0, MaxLabelValue - hash.Length - 1).TrimEnd('-', '_', '.');
        return prefix + "-" + hash;
    }

    /// <summary>
    /// Completes a child a typed hook applied as the katalog's children are completed: the CR's namespace when the
    /// kind is namespaced and none is set, the system labels, and the owner reference when the CR can own it (else
    /// the label-tracking labels).
    /// </summary>
    internal static void Adopt(JsonObject child, JsonObject cr, CrdEntry entry, bool namespaced)
    {
        var owner = OwnerInfo.Of(cr, entry);
        if (child["metadata"] is not JsonObject metadata)
        {
            child["metadata"] = metadata = new JsonObject();
        }

        string? ns = null;
        if (namespaced)
        {
            ns = (string?)metadata["namespace"] ?? owner.Namespace ?? "default";
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (metadata["labels"] is not JsonObject labels)
        {
            metadata["labels"] = labels = new JsonObject();
        }

        labels[ManagedByLabel] = ManagedByValue;
        labels[OwnerLabel] = LabelValue(owner.Name);
        labels[OwnerUidLabel] = owner.Uid;
        if (owner.Namespace is null || ns == owner.Namespace)
        {
            metadata["ownerReferences"] = new JsonArray(owner.Reference());
        }
        else
        {
            labels[ClusterOwnerLabel] = LabelValue(owner.Name);
            labels[OwnerNamespaceLabel] = owner.Namespace;
        }
    }
}

/// <summary>The CR that owns the children being rendered.</summary>
internal sealed record OwnerInfo(string ApiVersion, string Kind, string Name, string? Namespace, string Uid)
{
    public static OwnerInfo Of(JsonObject cr, CrdEntry entry)
    {
        var metadata = cr["metadata"] as JsonObject;
        var apiVersion = (string?)cr["apiVersion"] ?? (entry.ApiTypes is { } t ? (t.Group.Length == 0 ? t.Version : t.Group + "/" + t.Version) : string.Empty);
        var kind = (string?)cr["kind"] ?? entry.ApiTypes?.Kind ?? string.Empty;
        var name = (string?)metadata?["name"] ?? string.Empty;
        var ns = entry.Namespaced ? (string?)metadata?["namespace"] ?? "default" : null;
        var uid = (string?)metadata?["uid"] ?? SystemMetadata.PlaceholderUid;
        return new OwnerInfo(apiVersion, kind, name, ns, uid);
    }

    public string Describe() => Kind + " " + (Namespace is null ? Name : Namespace + "/" + Name);

    public JsonObject Reference() => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = Kind,
        ["name"] = Name,
        ["uid"] = Uid,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
