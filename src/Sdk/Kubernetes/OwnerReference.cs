using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// A reference from an object to one that owns it (<c>metadata.ownerReferences[]</c>): the owner is deleted, the
/// object is garbage-collected.
/// </summary>
[JsonConverter(typeof(OwnerReferenceJsonConverter))]
public sealed class OwnerReference
{
    /// <summary>The owner's API version (<c>apps/v1</c>, <c>example.com/v1alpha1</c>). Always written.</summary>
    public string ApiVersion { get; set; } = string.Empty;

    /// <summary>The owner's kind (<c>Deployment</c>). Always written.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The owner's name. Always written.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The owner's UID. Always written.</summary>
    public string Uid { get; set; } = string.Empty;

    /// <summary>Whether the owner is the managing controller (at most one owner reference may say so); omitted when null.</summary>
    public bool? Controller { get; set; }

    /// <summary>Whether foreground deletion of the owner waits for this object to be deleted; omitted when null.</summary>
    public bool? BlockOwnerDeletion { get; set; }

    /// <summary>Fields this type does not know, kept as read and written back after the known ones.</summary>
    public JsonObject? ExtensionData { get; set; }
}
