using System.Text.Json.Nodes;

namespace Orkestra.Runtime;

/// <summary>What changed in an <see cref="Informer"/>'s cache.</summary>
public enum InformerEventType
{
    /// <summary>An object entered the cache.</summary>
    Added,

    /// <summary>A cached object changed (a new resourceVersion).</summary>
    Updated,

    /// <summary>An object left the cache (deleted, or gone when the informer listed again).</summary>
    Deleted,
}

/// <summary>A change of an <see cref="Informer"/>'s cache. The objects are the cache's own: do not mutate them.</summary>
/// <param name="Type">What changed.</param>
/// <param name="Object">The object as it is now (for <see cref="InformerEventType.Deleted"/>: its last known state).</param>
/// <param name="OldObject">For <see cref="InformerEventType.Updated"/>, the object before the change; otherwise null.</param>
public sealed record InformerEvent(InformerEventType Type, JsonObject Object, JsonObject? OldObject);

/// <summary>What an <see cref="Informer"/> lists and watches.</summary>
public sealed record InformerOptions
{
    /// <summary>The namespace to watch; null for all namespaces (and for cluster-scoped kinds).</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector (<c>app=web,tier!=db</c>), or null for every object.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector (<c>metadata.name=web</c>), or null for every object.</summary>
    public string? FieldSelector { get; init; }
}
