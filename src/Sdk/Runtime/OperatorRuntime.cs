using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orkestra.Diagnostics;
using Orkestra.Hosting;
using Orkestra.Katalogs.Loading;
using Orkestra.Katalogs.Model;
using Orkestra.Kubernetes;
using Orkestra.Resources;

namespace Orkestra.Runtime;

/// <summary>
/// A katalog running as an operator: one <see cref="CrdController"/> per enabled CRD entry, shared informers for the
/// children they manage (a changed or deleted child re-enqueues its owner), dependency-ordered start-up, optional
/// leader election, and graceful shutdown. The same against the embedded API server and any real cluster.
/// </summary>
public sealed class OperatorRuntime
{
    private readonly RuntimeOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ChildWatch> _children = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CrdController Controller, string Key)> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnWrite> _ownWrites = new(StringComparer.Ordinal);
    private readonly List<Task> _informerTasks = new();
    private CancellationToken _running;
    private LeaderElector? _elector;

    private OperatorRuntime(KatalogDocument katalog, IKubeClient client, RuntimeOptions options, IServiceProvider services, ILoggerFactory loggers)
    {
        Katalog = katalog;
        Client = client;
        Services = services;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger("Orkestra.Runtime");
        Events = new EventRecorder(client, _logger);
    }

    /// <summary>The katalog run.</summary>
    public KatalogDocument Katalog { get; }

    /// <summary>The controllers, one per enabled CRD entry, in katalog order.</summary>
    public IReadOnlyList<CrdController> Controllers { get; private set; } = Array.Empty<CrdController>();

    /// <summary>Reconcile counts and durations per CRD.</summary>
    public RuntimeMetrics Metrics { get; } = new();

    /// <summary>Whether this instance reconciles: it holds the leader Lease, or runs without leader election.</summary>
    public bool IsLeader => _elector?.IsLeader ?? true;

    /// <summary>Whether every controller's cache has synced (the start-up probe).</summary>
    public bool Started => Controllers.All(c => c.Crs.HasSynced);

    /// <summary>Raised after every reconcile (on a worker's thread): what <c>ork dev</c> prints.</summary>
    public event Action<ReconcileReport>? Reconciled;

    internal IKubeClient Client { get; }

    internal IServiceProvider Services { get; }

    internal EventRecorder Events { get; }

    /// <summary>
    /// Prepares the runtime of <paramref name="katalog"/>. Every entry that declares typed hooks
    /// (<c>hooks.class</c>) must have them in <paramref name="hooks"/> (what the generated <c>AddGeneratedHooks()</c>
    /// registers); otherwise this throws, naming the CRD and how to build a runtime that has them.
    /// </summary>
    /// <param name="katalog">The loaded katalog (a Komposer's merged katalog too).</param>
    /// <param name="client">The Kubernetes client.</param>
    /// <param name="options">Run options.</param>
    /// <param name="services">The services hooks are created from; null: none beyond the hooks themselves.</param>
    /// <param name="hooks">The typed hooks of this binary.</param>
    /// <param name="loggers">Where logs go; null: nowhere.</param>
    public static OperatorRuntime Create(KatalogDocument katalog, IKubeClient client, RuntimeOptions? options = null, IServiceProvider? services = null, IReadOnlyList<HookRegistration>? hooks = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(katalog);
        ArgumentNullException.ThrowIfNull(client);
        options ??= new RuntimeOptions();
        hooks ??= Array.Empty<HookRegistration>();
        var runtime = new OperatorRuntime(katalog, client, options, services ?? new ServiceCollection().BuildServiceProvider(), loggers ?? NullLoggerFactory.Instance);
        var controllers = new List<CrdController>();
        foreach (var entry in katalog.EnabledCrds)
        {
            HookRegistration? registration = null;
            if (entry.HasHooks)
            {
                var declared = (entry.Reconcile?["hooks"] as Katalogs.Yaml.YamlMapping)?.GetString("class");
                registration = hooks.FirstOrDefault(h => h.CrdKey == entry.Name);
                if (registration is null || (declared is { Length: > 0 } && declared != registration.HooksType.FullName && declared != registration.HooksType.Name))
                {
                    var carried = hooks.Count == 0 ? "none" : string.Join(", ", hooks.Select(h => h.CrdKey + " → " + h.HooksType.FullName));
                    throw new RuntimeConfigurationException(
                        $"spec.crds.{entry.Name}: the katalog's hooks class '{declared}' is not in this runtime (typed hooks here: {carried}). " +
                        "Typed katalogs run on the runtime built from their own project: build it (dotnet run, or the image `make release` builds) " +
                        $"with a [KatalogHooks(\"{entry.Name}\")] class, rather than the stock `ork run`.");
                }
            }

            controllers.Add(new CrdController(runtime, katalog, entry, registration, options, runtime._loggers.CreateLogger("Orkestra.Runtime." + entry.Name)));
        }

        runtime.Controllers = controllers;
        return runtime;
    }

    /// <summary>
    /// Loads the Katalog or Komposer of <paramref name="path"/> (a Komposer's imports merged) with every diagnostic; the
    /// katalog is null when the file has errors or holds neither.
    /// </summary>
    public static (KatalogDocument? Katalog, IReadOnlyList<Diagnostic> Diagnostics) LoadKatalog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var result = DocumentLoader.Load(path, PhysicalDocumentHost.Instance);
        var diagnostics = result.Diagnostics.ToList();
        if (result.HasErrors)
        {
            return (null, diagnostics);
        }

        var katalog = result.Documents.Select(d => d switch
        {
            KatalogDocument k => k,
            KomposerDocument { Katalog: { } merged } => merged,
            _ => null,
        }).FirstOrDefault(k => k is not null);
        if (katalog is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.NotAnOrkestraDocument, SourceLocation.File(path), "the file holds no Katalog or Komposer; the runtime runs a Katalog or a Komposer"));
        }

        return (katalog, diagnostics);
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled: caches start at once (a CRD not installed yet is
    /// retried in the background); each controller starts reconciling once its cache is synced and its
    /// <c>dependsOn</c> CRDs are started (or healthy); with leader election, only while this instance holds the Lease.
    /// On cancellation, reconciles in flight finish (up to the shutdown timeout) and the Lease is released.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _running = cancellationToken;
        using var informers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopEvents = new CancellationTokenSource();
        using var abandonEvents = new CancellationTokenSource();
        var events = Events.RunAsync(stopEvents.Token, abandonEvents.Token);
        foreach (var controller in Controllers)
        {
            controller.Crs.Changed += controller.OnCrEvent;
            _informerTasks.Add(Task.Run(() => controller.Crs.RunAsync(informers.Token), CancellationToken.None));
            foreach (var (apiVersion, kind) in controller.Reconciler.DeclaredChildKinds())
            {
                ChildInformer(apiVersion, kind);
            }
        }

        try
        {
            if (_options.LeaderElection is { } election)
            {
                _elector = new LeaderElector(Client, election, _loggers.CreateLogger("Orkestra.Runtime.LeaderElection"));
                await _elector.RunAsync(RunControllersAsync, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunControllersAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // The events of the last reconciles are written (within the shutdown timeout), then the informers stop.
            await informers.CancelAsync().ConfigureAwait(false);
            await stopEvents.CancelAsync().ConfigureAwait(false);
            abandonEvents.CancelAfter(_options.ShutdownTimeout);
            await Task.WhenAll(_informerTasks.Concat(_children.Values.Select(c => c.Task)).Append(events)).ConfigureAwait(false);
        }
    }

    // Starts every controller in dependency order and runs them until the token is cancelled. On shutdown, workers
    // take no new keys and the reconciles in flight may finish (within the shutdown timeout); when the leader Lease is
    // lost instead, they are cancelled at once: another instance reconciles now.
    private async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        using var abort = new CancellationTokenSource();
        using var stopping = cancellationToken.Register(() =>
        {
            if (_running.IsCancellationRequested)
            {
                foreach (var controller in Controllers)
                {
                    controller.ShutDown();
                }

                abort.CancelAfter(_options.ShutdownTimeout);
            }
            else
            {
                abort.Cancel();
            }
        });

        var byName = Controllers.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var runs = Controllers.Select(controller => Task.Run(
            async () =>
            {
                try
                {
                    await controller.Crs.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
                    foreach (var child in _children.Values)
                    {
                        await child.Informer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var dependency in controller.Entry.DependsOn)
                    {
                        if (!byName.TryGetValue(dependency.Crd, out var other))
                        {
                            continue; // disabled: nothing to wait for
                        }

                        while (other.State == ControllerState.Pending || (dependency.Condition == "healthy" && !other.IsHealthy))
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                        }
                    }

                    _logger.LogInformation("controller {Crd} started: {Kind}.{ApiVersion}, {Workers} workers, resync {Resync}", controller.Name, controller.Kind, controller.ApiVersion, controller.Workers, controller.Resync);
                    await controller.RunWorkersAsync(abort.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
            },
            CancellationToken.None)).ToArray();

        await Task.WhenAll(runs).ConfigureAwait(false);
    }

    /// <summary>The informer of a child kind, started on first use (children carry the <c>managed-by: orkestra</c> label).</summary>
    internal ChildWatch ChildInformer(string apiVersion, string kind)
    {
        var key = GroupOf(apiVersion) + "/" + kind;
        if (_children.TryGetValue(key, out var existing))
        {
            return existing;
        }

        lock (_children)
        {
            // Workers ask at the same time: one informer per kind, started once.
            if (_children.TryGetValue(key, out existing))
            {
                return existing;
            }

            var informer = new Informer(Client, apiVersion, kind, new InformerOptions { LabelSelector = SystemMetadata.ManagedByLabel + "=" + SystemMetadata.ManagedByValue }, _loggers.CreateLogger("Orkestra.Runtime.Children"));
            informer.Changed += OnChildEvent;
            var task = Task.Run(() => informer.RunAsync(_running), CancellationToken.None);
            var watch = new ChildWatch(apiVersion, kind, informer, task);
            _children[key] = watch;
            return watch;
        }
    }

    /// <summary>The cached children of the CR with <paramref name="uid"/>, over every child kind watched.</summary>
    internal IEnumerable<(ChildWatch Watch, JsonObject Child)> ChildrenOf(string uid)
    {
        foreach (var watch in _children.Values)
        {
            foreach (var child in watch.Informer.ByOwner(uid))
            {
                yield return (watch, child);
            }
        }
    }

    internal void RememberOwner(string? uid, CrdController controller, string key)
    {
        if (uid is not null)
        {
            _owners[uid] = (controller, key);
        }
    }

    internal void ForgetOwner(string? uid)
    {
        if (uid is not null)
        {
            _owners.TryRemove(uid, out _);
        }
    }

    internal void Report(ReconcileReport report)
    {
        try
        {
            Reconciled?.Invoke(report);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "a Reconciled handler failed");
        }
    }

    /// <summary>
    /// Makes a reconcile's write of <paramref name="target"/> (a patch, an apply, a create): the watch event of exactly
    /// that write needs no reaction, since the reconcile that made it goes on from what the server answered. Events of
    /// the object that arrive while the write is in flight wait for its answer; those that are not the write's own are
    /// then handled as usual.
    /// </summary>
    internal async Task<JsonObject> WriteOwnAsync(JsonObject target, Func<Task<JsonObject>> write)
    {
        var identity = Identity(target);
        var pending = new OwnWrite();
        lock (_ownWrites)
        {
            _ownWrites[identity] = pending;
        }

        JsonObject? written = null;
        try
        {
            written = await write().ConfigureAwait(false);
            return written;
        }
        finally
        {
            List<(InformerEvent Event, Action<InformerEvent> Handle)>? outran;
            var version = (string?)written?["metadata"]?["resourceVersion"];
            var seen = false;
            lock (_ownWrites)
            {
                outran = pending.Outran;
                pending.Outran = null;
                pending.Version = version;
                seen = outran?.Any(o => IsWrite(o.Event, version)) == true;
                if ((version is null || seen) && _ownWrites.TryGetValue(identity, out var current) && current == pending)
                {
                    _ownWrites.Remove(identity);
                }
            }

            foreach (var (evt, handle) in outran?.Where(o => !IsWrite(o.Event, version)) ?? [])
            {
                handle(evt);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="evt"/> needs no handling now: it is the event of a write made through
    /// <see cref="WriteOwnAsync"/>, or the object's write is in flight (then <paramref name="handle"/> is called with the
    /// event once the answer shows it was not the write's own). An expectation is used once: any event of the object
    /// after the write's answer clears it.
    /// </summary>
    internal bool IsOwnWrite(InformerEvent evt, Action<InformerEvent> handle)
    {
        var identity = Identity(evt.Object);
        lock (_ownWrites)
        {
            if (!_ownWrites.TryGetValue(identity, out var pending))
            {
                return false;
            }

            if (pending.Version is null)
            {
                (pending.Outran ??= []).Add((evt, handle));
                return true;
            }

            _ownWrites.Remove(identity);
            return IsWrite(evt, pending.Version);
        }
    }

    private static bool IsWrite(InformerEvent evt, string? version) =>
        version is not null && evt.Type != InformerEventType.Deleted && version == (string?)evt.Object["metadata"]?["resourceVersion"];

    // group/kind/namespace/name: the version does not matter (one object, served at several versions).
    internal static string Identity(JsonObject obj)
    {
        return GroupOf((string?)obj["apiVersion"] ?? string.Empty) + "/" + (string?)obj["kind"] + "/" + (string?)obj["metadata"]?["namespace"] + "/" + (string?)obj["metadata"]?["name"];
    }

    // The API group of an apiVersion ("" for the core group's "v1").
    private static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    // A child changed: its owner (by the owner-uid label, else the controller owner reference) is reconciled again —
    // unless the change is the runtime's own apply, seen by the reconcile that made it.
    private void OnChildEvent(InformerEvent evt)
    {
        if (!IsOwnWrite(evt, EnqueueOwner))
        {
            EnqueueOwner(evt);
        }
    }

    private void EnqueueOwner(InformerEvent evt)
    {
        var metadata = evt.Object["metadata"] as JsonObject;
        var uid = (string?)metadata?["labels"]?[SystemMetadata.OwnerUidLabel]
            ?? (metadata?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(r => (bool?)r["controller"] == true)?["uid"]?.GetValue<string>();
        if (uid is not null && _owners.TryGetValue(uid, out var owner))
        {
            owner.Controller.Enqueue(owner.Key);
        }
    }
}

/// <summary>A write the runtime is making (<see cref="OperatorRuntime.WriteOwnAsync"/>), and the events that outran its answer.</summary>
internal sealed class OwnWrite
{
    /// <summary>The resourceVersion the write produced; null while it is in flight.</summary>
    public string? Version { get; set; }

    /// <summary>Events of the object seen while the write was in flight.</summary>
    public List<(InformerEvent Event, Action<InformerEvent> Handle)>? Outran { get; set; }
}

/// <summary>An informer of one child kind.</summary>
internal sealed record ChildWatch(string ApiVersion, string Kind, Informer Informer, Task Task);

/// <summary>The runtime cannot start with this katalog in this binary (a typed katalog on the stock runtime, say).</summary>
public sealed class RuntimeConfigurationException(string message) : Exception(message);
