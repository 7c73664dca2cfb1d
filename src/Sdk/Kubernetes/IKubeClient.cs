using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes;

/// <summary>
/// The Kubernetes API as hooks and the runtime use it: unstructured objects (<see cref="JsonObject"/>, exactly as the
/// API server returns them) and the generated CRD models. Kinds are named by <c>apiVersion</c> and <c>kind</c>; the
/// client finds their REST paths through discovery. Failures are <see cref="KubeApiException"/>s carrying the API's
/// <c>Status</c> (<see cref="KubeNotFoundException"/>, <see cref="KubeConflictException"/>, …).
/// </summary>
public interface IKubeClient
{
    /// <summary>
    /// What the server serves for a kind (its resource name and scope), or null when it does not serve it (yet: the
    /// discovery cache is refreshed on a miss, so a CRD installed later is found).
    /// </summary>
    /// <param name="apiVersion">Such as <c>v1</c> or <c>apps/v1</c>.</param>
    /// <param name="kind">Such as <c>Secret</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<ApiResource?> FindResourceAsync(string apiVersion, string kind, CancellationToken cancellationToken = default);

    /// <summary>The object, or null when it does not exist.</summary>
    /// <param name="apiVersion">Such as <c>v1</c> or <c>apps/v1</c>.</param>
    /// <param name="kind">Such as <c>Secret</c>.</param>
    /// <param name="name">The object's name.</param>
    /// <param name="namespace">Its namespace; null for a cluster-scoped kind.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<JsonObject?> GetAsync(string apiVersion, string kind, string name, string? @namespace, CancellationToken cancellationToken = default);

    /// <summary>
    /// The objects of a kind, in one namespace (or all, when null), optionally filtered by a label selector
    /// (<c>app=web,tier!=db</c>) and a field selector (<c>metadata.name=web</c>); every page is fetched. The list's
    /// <see cref="ResourceList.ResourceVersion"/> is where a watch that follows it starts.
    /// </summary>
    Task<ResourceList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// One watch of a kind from <paramref name="resourceVersion"/> (with bookmarks): the events in order, until the
    /// server ends the stream (the caller watches again from the last version it saw) or the token is cancelled.
    /// When the version is too old the enumeration throws <see cref="KubeGoneException"/>: list again, then watch.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? resourceVersion, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default);

    /// <summary>Creates <paramref name="obj"/>; returns it as stored. An existing object is a <see cref="KubeAlreadyExistsException"/>.</summary>
    Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces an object (<c>PUT</c>) or one of its subresources (<c>status</c>); the object's
    /// <c>metadata.resourceVersion</c> guards the write (a stale one is a <see cref="KubeConflictException"/>).
    /// </summary>
    Task<JsonObject> ReplaceAsync(JsonObject obj, string? subresource = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Server-side apply of <paramref name="obj"/> (apiVersion, kind, metadata.name, and metadata.namespace for a
    /// namespaced kind): the fields it sets become owned by <paramref name="options"/>' field manager. Returns the object
    /// as stored.
    /// </summary>
    Task<JsonObject> ApplyAsync(JsonObject obj, ApplyOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Patches an object or one of its subresources (JSON merge, JSON patch or strategic merge); returns it as stored.</summary>
    Task<JsonObject> PatchAsync(string apiVersion, string kind, string name, string? @namespace, PatchKind patchKind, JsonNode patch, string? subresource = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an object (background propagation unless <paramref name="options"/> say otherwise); returns false when it
    /// was already gone.
    /// </summary>
    Task<bool> DeleteAsync(string apiVersion, string kind, string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The object of a generated model type, or null when it does not exist.</summary>
    Task<T?> GetAsync<T>(string name, string? @namespace, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;

    /// <summary>The objects of a generated model type, in one namespace (or all, when null), optionally filtered by labels.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;

    /// <summary>Server-side apply of a generated model object; returns it as stored.</summary>
    Task<T> ApplyAsync<T>(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider;

    /// <summary>Deletes an object of a generated model type; returns false when it was already gone.</summary>
    Task<bool> DeleteAsync<T>(string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default)
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
/// <param name="Subresource">Apply to a subresource (<c>status</c>) instead of the object.</param>
public sealed record ApplyOptions(string FieldManager = ApplyOptions.DefaultFieldManager, bool Force = false, string? Subresource = null)
{
    /// <summary>The field manager of the Orkestra runtime's applies.</summary>
    public const string DefaultFieldManager = "orkestra-runtime";
}

/// <summary>How dependents of a deleted object are deleted.</summary>
public enum PropagationPolicy
{
    /// <summary>The object goes at once; the garbage collector deletes its dependents after.</summary>
    Background,

    /// <summary>The object stays (with the <c>foregroundDeletion</c> finalizer) until its blocking dependents are gone.</summary>
    Foreground,

    /// <summary>Dependents are kept, their owner references to the object removed.</summary>
    Orphan,
}

/// <summary>Options of a delete.</summary>
/// <param name="Propagation">How dependents go.</param>
/// <param name="Uid">Only delete the object with this UID (not a namesake created since); a mismatch is a <see cref="KubeConflictException"/>.</param>
/// <param name="ResourceVersion">Only delete the object at this version; a mismatch is a <see cref="KubeConflictException"/>.</param>
public sealed record DeleteOptions(PropagationPolicy Propagation = PropagationPolicy.Background, string? Uid = null, string? ResourceVersion = null);

/// <summary>A kind as the server serves it (from discovery).</summary>
/// <param name="ApiVersion">Such as <c>apps/v1</c>.</param>
/// <param name="Kind">Such as <c>Deployment</c>.</param>
/// <param name="Plural">The resource name in REST paths (<c>deployments</c>).</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
/// <param name="Verbs">The verbs the server allows (<c>get</c>, <c>list</c>, <c>watch</c>, …).</param>
public sealed record ApiResource(string ApiVersion, string Kind, string Plural, bool Namespaced, IReadOnlyList<string> Verbs)
{
    /// <summary>The group (empty for the core group).</summary>
    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
}

/// <summary>The objects a list returned, with the list's resourceVersion.</summary>
public sealed class ResourceList : IReadOnlyList<JsonObject>
{
    private readonly IReadOnlyList<JsonObject> _items;

    /// <summary>Creates a list.</summary>
    /// <param name="items">The objects (each with its apiVersion and kind set).</param>
    /// <param name="resourceVersion">The list's <c>metadata.resourceVersion</c>.</param>
    public ResourceList(IReadOnlyList<JsonObject> items, string resourceVersion)
    {
        _items = items ?? throw new ArgumentNullException(nameof(items));
        ResourceVersion = resourceVersion ?? throw new ArgumentNullException(nameof(resourceVersion));
    }

    /// <summary>The list's <c>metadata.resourceVersion</c>: a watch from it sees every change after the list.</summary>
    public string ResourceVersion { get; }

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public JsonObject this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<JsonObject> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>What a watch event says happened.</summary>
public enum WatchEventType
{
    /// <summary>The object was created (or existed when a watch without a version started).</summary>
    Added,

    /// <summary>The object changed.</summary>
    Modified,

    /// <summary>The object was deleted; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change: the object carries only the resourceVersion the watch has reached.</summary>
    Bookmark,
}

/// <summary>One event of a watch.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object (for a bookmark: only apiVersion, kind and metadata.resourceVersion).</param>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object)
{
    /// <summary>The object's <c>metadata.resourceVersion</c>.</summary>
    public string? ResourceVersion => (string?)Object["metadata"]?["resourceVersion"];
}
