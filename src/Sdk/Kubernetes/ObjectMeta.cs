using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// The metadata every Kubernetes object has (<c>metav1.ObjectMeta</c>). Null properties are absent from the JSON;
/// fields this type does not model (<c>selfLink</c>, fields added by later Kubernetes versions) are kept in
/// <see cref="ExtensionData"/> and written back, so reading and writing an object's metadata loses nothing.
/// </summary>
[JsonConverter(typeof(ObjectMetaJsonConverter))]
public sealed class ObjectMeta
{
    /// <summary>The object's name, unique within its namespace (or cluster-wide for cluster-scoped kinds).</summary>
    public string? Name { get; set; }

    /// <summary>A prefix from which the API server generates a unique name when <see cref="Name"/> is not set.</summary>
    public string? GenerateName { get; set; }

    /// <summary>The object's namespace; null for cluster-scoped objects.</summary>
    public string? Namespace { get; set; }

    /// <summary>The object's UID, set by the API server.</summary>
    public string? Uid { get; set; }

    /// <summary>The opaque version of the object, for optimistic concurrency and watches.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>The generation of the desired state, incremented by the API server when the spec changes.</summary>
    public long? Generation { get; set; }

    /// <summary>When the object was created (server time, UTC).</summary>
    public DateTimeOffset? CreationTimestamp { get; set; }

    /// <summary>When the object will be deleted; set when deletion is requested and finalizers remain.</summary>
    public DateTimeOffset? DeletionTimestamp { get; set; }

    /// <summary>The grace period, in seconds, given to the object before it is removed.</summary>
    public long? DeletionGracePeriodSeconds { get; set; }

    /// <summary>The object's labels.</summary>
    public Dictionary<string, string>? Labels { get; set; }

    /// <summary>The object's annotations.</summary>
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>The objects this object depends on (its owners).</summary>
    public List<OwnerReference>? OwnerReferences { get; set; }

    /// <summary>The finalizers that must be removed before the object is deleted.</summary>
    public List<string>? Finalizers { get; set; }

    /// <summary>Server-side apply field ownership, kept as the raw JSON array.</summary>
    public JsonArray? ManagedFields { get; set; }

    /// <summary>Fields this type does not model, kept as read and written back after the known ones.</summary>
    public JsonObject? ExtensionData { get; set; }
}
