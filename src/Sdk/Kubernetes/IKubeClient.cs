using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes;

/// <summary>
/// The Kubernetes API as hooks and the runtime use it: read, list, server-side apply, patch and delete, on
/// unstructured objects (<see cref="JsonObject"/>, addressed by apiVersion and kind) and on generated models (whose
/// group, version and plural come from <see cref="IResourceTypeProvider"/>). Errors are thrown as exceptions that
/// carry the API's <c>Status</c>; a missing object is null from the get methods, never an exception.
/// </summary>
public interface IKubeClient
{
    /// <summary>The object, or null when it does not exist.</summary>
    /// <param name="apiVersion">Such as <c>v1</c> or <c>apps/v1</c>.</param>
    /// <param name="kind">Such as <c>Secret</c>.</param>
    /// <param name="name">The object's name.</param>
    /// <param name="namespace">Its namespace; null for a cluster-scoped kind.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<JsonObject?> GetAsync(string apiVersion, string kind, string name, string? @namespace, CancellationToken cancellationToken = default);

    /// <summary>The objects of a kind, in one namespace (or all, when null), optionally filtered by a label selector (<c>app=web,tier!=db</c>).</summary>
    Task<IReadOnlyList<JsonObject>> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Server-side apply of <paramref name="obj"/> (apiVersion, kind, metadata.name, and metadata.namespace for a
    /// namespaced kind): the fields it sets become owned by <paramref name="options"/>' field manager. Returns the object
    /// as stored.
    /// </summary>
    Task<JsonObject> ApplyAsync(JsonObject obj, ApplyOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Patches an object (JSON merge, JSON patch or strategic merge); returns it as stored.</summary>
    Task<JsonObject> PatchAsync(string apiVersion, string kind, string name, string? @namespace, PatchKind patchKind, JsonNode patch, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object (background propagation); an object already gone is not an error.</summary>
    Task DeleteAsync(string apiVersion, string kind, string name, string? @namespace, CancellationToken cancellationToken = default);

    /// <summary>The object of a generated model type, or null when it does not exist.</summary>
    Task<T?> GetAsync<T>(string name, string? @namespace, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;

    /// <summary>The objects of a generated model type, in one namespace (or all, when null), optionally filtered by labels.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;

    /// <summary>Server-side apply of a generated model object; returns it as stored.</summary>
    Task<T> ApplyAsync<T>(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;

    /// <summary>Deletes an object of a generated model type; an object already gone is not an error.</summary>
    Task DeleteAsync<T>(string name, string? @namespace, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;
}

/// <summary>How a patch is written.</summary>
public enum PatchKind
{
    /// <summary>RFC 7386 JSON merge patch (<c>application/merge-patch+json</c>).</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (<c>application/json-patch+json</c>), e.g. with a <c>test</c> of <c>metadata.resourceVersion</c>.</summary>
    Json,

    /// <summary>Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>), for built-in kinds.</summary>
    StrategicMerge,
}

/// <summary>Options of a server-side apply.</summary>
/// <param name="FieldManager">Who owns the fields applied (the runtime uses <c>orkestra-runtime</c>).</param>
/// <param name="Force">Whether to take over fields another manager owns, instead of failing with a conflict.</param>
public sealed record ApplyOptions(string FieldManager = ApplyOptions.DefaultFieldManager, bool Force = false)
{
    /// <summary>The field manager of the Orkestra runtime's applies.</summary>
    public const string DefaultFieldManager = "orkestra-runtime";
}
