using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Kubernetes;

namespace Orkestra.Hooks;

/// <summary>
/// What a hook gets for one reconcile of one CR: the typed resource, the katalog's templated <c>args</c>, the
/// Kubernetes client, a logger, an event recorder, and <see cref="Apply(JsonObject)"/> for children. The hook may
/// set <c>Resource.Status</c>: it is written with the reconcile's status patch (the katalog's declared status fields
/// win where both write one field).
/// </summary>
/// <typeparam name="TResource">The CRD's generated model.</typeparam>
public sealed class ReconcileContext<TResource>
    where TResource : class, ICustomResource
{
    private readonly List<JsonObject> _children = new();

    /// <summary>Creates a context (the runtime does; tests of hooks may too).</summary>
    /// <param name="resource">The CR, as read for this reconcile.</param>
    /// <param name="args">The katalog's <c>hooks.args</c>, rendered for this CR.</param>
    /// <param name="client">The client to read and write other objects.</param>
    /// <param name="logger">The logger, scoped to the CR.</param>
    /// <param name="events">Records Kubernetes events on the CR.</param>
    public ReconcileContext(TResource resource, HookArgs args, IKubeClient client, ILogger logger, IEventRecorder events)
    {
        Resource = resource ?? throw new ArgumentNullException(nameof(resource));
        Args = args ?? throw new ArgumentNullException(nameof(args));
        Client = client ?? throw new ArgumentNullException(nameof(client));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The CR being reconciled; set its <c>Status</c> to have it written.</summary>
    public TResource Resource { get; }

    /// <summary>The katalog's <c>operatorBox.reconcile.hooks.args</c>, templates rendered against this CR.</summary>
    public HookArgs Args { get; }

    /// <summary>The Kubernetes client.</summary>
    public IKubeClient Client { get; }

    /// <summary>A logger whose scope names the CR.</summary>
    public ILogger Logger { get; }

    /// <summary>Records events on the CR (<c>kubectl describe</c> shows them).</summary>
    public IEventRecorder Events { get; }

    /// <summary>The children applied through <see cref="Apply(JsonObject)"/> in this reconcile, in order.</summary>
    public IReadOnlyList<JsonObject> AppliedChildren => _children;

    /// <summary>
    /// Adds <paramref name="child"/> (a complete object: apiVersion, kind, metadata.name) to the CR's desired children:
    /// the runtime applies it with server-side apply after the hook returns, with the owner reference and labels it
    /// gives the katalog's own children, so pruning keeps it as long as a reconcile applies it.
    /// </summary>
    public void Apply(JsonObject child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child["apiVersion"] is null || child["kind"] is null || child["metadata"]?["name"] is null)
        {
            throw new ArgumentException("a child needs apiVersion, kind and metadata.name", nameof(child));
        }

        _children.Add(child);
    }
}
