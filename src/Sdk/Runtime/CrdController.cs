using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Hosting;
using Orkestra.Katalogs;
using Orkestra.Katalogs.Model;
using Orkestra.Resources;

namespace Orkestra.Runtime;

/// <summary>The state of one CRD's controller, as <c>/katalog/{crd}/health</c> reports it.</summary>
public enum ControllerState
{
    /// <summary>Not started yet: waiting for its CRD, its cache, its dependencies or the leader Lease.</summary>
    Pending,

    /// <summary>Reconciling, with fewer consecutive failures than the threshold.</summary>
    Healthy,

    /// <summary>Reconciling, but the last reconciles failed (at least the failure threshold in a row).</summary>
    Degraded,

    /// <summary>Reconciling, with at least one CR held back by its <c>preReconcile</c> gate.</summary>
    Gated,
}

/// <summary>
/// The controller of one katalog CRD entry: an informer cache of its CRs, a deduplicating rate-limited work queue,
/// <c>workers</c> workers, and the reconcile pipeline (<see cref="Reconciler"/>).
/// </summary>
public sealed class CrdController
{
    private readonly OperatorRuntime _runtime;
    private readonly ILogger _logger;
    private readonly WorkQueue<string> _queue = new();
    private readonly ConcurrentDictionary<string, string> _gated = new(StringComparer.Ordinal);
    private readonly LinkedList<RecordedEvent> _events = new();
    private int _consecutiveFailures;
    private long _succeeded;
    private long _failed;
    private volatile bool _started;
    private volatile bool _leading;

    internal CrdController(OperatorRuntime runtime, KatalogDocument katalog, CrdEntry entry, HookRegistration? hooks, RuntimeOptions options, ILogger logger)
    {
        _runtime = runtime;
        _logger = logger;
        Entry = entry;
        var types = entry.ApiTypes ?? throw new InvalidOperationException($"spec.crds.{entry.Name}: the entry names no kind (apiTypes or crdFile)");
        ApiVersion = types.Group.Length == 0 ? types.Version : types.Group + "/" + types.Version;
        Kind = types.Kind;
        Workers = options.Workers ?? (int.TryParse(entry.Workers, out var workers) && workers > 0 ? workers : 3);
        Resync = options.Resync ?? (entry.Resync is { } resync && Durations.TryParse(resync, extended: true, out var period) && period > TimeSpan.Zero ? period : TimeSpan.FromSeconds(30));
        Crs = new Informer(runtime.Client, ApiVersion, Kind, new InformerOptions { Namespace = entry.Namespaced ? options.Namespace : null }, logger);
        Reconciler = new Reconciler(this, runtime, katalog, entry, hooks, options, logger);
        FailureThreshold = options.FailureThreshold;
    }

    /// <summary>The katalog entry.</summary>
    public CrdEntry Entry { get; }

    /// <summary>The CRD's key in the katalog.</summary>
    public string Name => Entry.Name;

    /// <summary>The CRs' apiVersion.</summary>
    public string ApiVersion { get; }

    /// <summary>The CRs' kind.</summary>
    public string Kind { get; }

    /// <summary>The number of workers.</summary>
    public int Workers { get; }

    /// <summary>How often a converged CR is reconciled again.</summary>
    public TimeSpan Resync { get; }

    /// <summary>The CRs' cache.</summary>
    public Informer Crs { get; }

    /// <summary>Keys waiting in the work queue.</summary>
    public int QueueDepth => _queue.Count;

    /// <summary>Successful reconciles so far.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Failed reconciles so far.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Failures in a row (0 after a success).</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    /// <summary>The last failure's message, or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>CRs their <c>preReconcile</c> gate holds back now.</summary>
    public int GatedCount => _gated.Count;

    /// <summary>The newest events the runtime recorded on this CRD's CRs (at most 100, newest first; a repeat raises its count).</summary>
    public IReadOnlyList<RecordedEvent> RecentEvents
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>The controller's state.</summary>
    public ControllerState State => !_started || !_leading ? ControllerState.Pending
        : ConsecutiveFailures >= FailureThreshold ? ControllerState.Degraded
        : !_gated.IsEmpty ? ControllerState.Gated
        : ControllerState.Healthy;

    /// <summary>Whether the controller is reconciling without repeated failures (a gated CR is intended, not a fault).</summary>
    public bool IsHealthy => State is ControllerState.Healthy or ControllerState.Gated;

    internal Reconciler Reconciler { get; }

    private int FailureThreshold { get; }

    /// <summary>The gate holding back the CR of <paramref name="key"/> (its katalog path), or null.</summary>
    /// <param name="key">The CR's cache key: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</param>
    public string? GatedBy(string key) => _gated.TryGetValue(key, out var gate) ? gate : null;

    /// <summary>Queues a CR for reconciling.</summary>
    public void Enqueue(string key) => _queue.Add(key);

    internal void OnCrEvent(InformerEvent evt)
    {
        var key = Informer.KeyOf(evt.Object);
        var uid = (string?)evt.Object["metadata"]?["uid"];
        if (evt.Type == InformerEventType.Deleted)
        {
            _runtime.ForgetOwner(uid);
        }
        else
        {
            _runtime.RememberOwner(uid, this, key);
        }

        // The runtime's own metadata patch (finalizer, labels, annotations) is seen by the reconcile that wrote it.
        if (!_runtime.IsOwnWrite(evt, EnqueueIfRelevant))
        {
            EnqueueIfRelevant(evt);
        }
    }

    // Writes that change only status (the runtime's own status patches) need no reconcile: reconciling is level-based.
    // With preReconcile.sentinels declared, an update is queued only when one of them fires (or the CR is being deleted).
    private void EnqueueIfRelevant(InformerEvent evt)
    {
        if (evt.Type != InformerEventType.Updated || evt.OldObject is not { } old || Relevant(old, evt.Object, Reconciler.Sentinels))
        {
            _queue.Add(Informer.KeyOf(evt.Object));
        }
    }

    // Runs the workers until the token is cancelled (shutdown, or the leader Lease lost), then lets reconciles in flight finish.
    internal async Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        _leading = true;
        _started = true;
        try
        {
            foreach (var key in Crs.Keys())
            {
                _queue.Add(key);
            }

            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)).ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _leading = false;
        }
    }

    internal void ShutDown() => _queue.ShutDown();

    // Keeps an event for /katalog/{crd}/events: the newest first, a repeat moved to the front with its count raised.
    internal void Remember(string? ns, string name, EmittedEvent evt)
    {
        const int Kept = 100;
        var now = DateTimeOffset.UtcNow;
        var type = evt.Warning ? "Warning" : "Normal";
        lock (_events)
        {
            for (var node = _events.First; node is not null; node = node.Next)
            {
                var seen = node.Value;
                if (seen.Name == name && seen.Namespace == ns && seen.Reason == evt.Reason && seen.Type == type && seen.Message == evt.Message)
                {
                    _events.Remove(node);
                    _events.AddFirst(seen with { Count = seen.Count + 1, LastTimestamp = now });
                    return;
                }
            }

            _events.AddFirst(new RecordedEvent(ns, name, type, evt.Reason, evt.Message, 1, now, now));
            if (_events.Count > Kept)
            {
                _events.RemoveLast();
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string key;
            try
            {
                var (taken, shutDown) = await _queue.TakeAsync(cancellationToken).ConfigureAwait(false);
                if (shutDown)
                {
                    return;
                }

                key = taken;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(string key, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        ReconcileOutcome outcome;
        try
        {
            outcome = await Reconciler.ReconcileAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _queue.Add(key); // leadership lost or shutting down: whoever reconciles next starts from this key
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug or an unexpected failure: contained, reported, retried with backoff.
            _logger.LogError(ex, "reconcile of {Crd} {Key} failed unexpectedly", Name, key);
            var (ns, name) = Informer.SplitKey(key);
            var failed = new ReconcileReport(Name, ns, name, Array.Empty<ChildChange>(), false, ex.Message, TimeSpan.Zero);
            outcome = ReconcileOutcome.Failure(ex.Message, failed);
        }

        if (outcome.Kind == OutcomeKind.Dropped)
        {
            _queue.Forget(key); // the enqueue gate: a silent drop, until the CR's next change
            _gated.TryRemove(key, out _);
            return;
        }

        var report = outcome.Report with { Duration = watch.Elapsed };
        var gated = outcome.Kind == OutcomeKind.Gated;
        _runtime.Metrics.Observe(Name, gated ? ReconcileResult.Gated : report.Error is null ? ReconcileResult.Success : ReconcileResult.Error, watch.Elapsed);
        if (gated)
        {
            if (_gated.TryAdd(key, report.GatedBy!))
            {
                _logger.LogInformation("{Crd} {Key} is held back by {Gate}: not reconciled until it opens", Name, key, report.GatedBy);
            }
            else
            {
                report = report with { GatedBy = null }; // reported when the CR becomes gated, not at each check
            }
        }
        else if (_gated.TryRemove(key, out var gate) && !report.NotFound)
        {
            _logger.LogInformation("{Crd} {Key}: {Gate} is open again", Name, key, gate);
        }

        switch (outcome.Kind)
        {
            case OutcomeKind.Gated:
                _queue.Forget(key);
                _queue.AddAfter(key, Resync); // time-based conditions open the gate without an event
                break;
            case OutcomeKind.Success:
                Interlocked.Increment(ref _succeeded);
                Volatile.Write(ref _consecutiveFailures, 0);
                _queue.Forget(key);
                if (outcome.RequeueAfter is { } delay)
                {
                    _queue.AddAfter(key, delay);
                }

                break;
            case OutcomeKind.Retry:
                _queue.AddRateLimited(key);
                break;
            case OutcomeKind.Failure:
                Interlocked.Increment(ref _failed);
                Interlocked.Increment(ref _consecutiveFailures);
                LastError = report.Error;
                _queue.AddRateLimited(key);
                break;
            case OutcomeKind.Terminal:
                Interlocked.Increment(ref _failed);
                Interlocked.Increment(ref _consecutiveFailures);
                LastError = report.Error;
                _queue.Forget(key);
                break;
        }

        _runtime.Report(report);
    }

    // Whether an update is more than a status write: spec (generation), labels, annotations, finalizers or deletion.
    // With sentinels declared: deletion, finalizers, or a declared sentinel firing.
    private static bool Relevant(JsonObject old, JsonObject now, IReadOnlyList<string> sentinels)
    {
        var a = old["metadata"] as JsonObject;
        var b = now["metadata"] as JsonObject;
        bool Changed(string field) => !JsonNode.DeepEquals(a?[field], b?[field]);
        if (Changed("finalizers") || Changed("deletionTimestamp"))
        {
            return true;
        }

        if (sentinels.Count > 0)
        {
            return sentinels.Any(sentinel => Changed(Reconciler.SentinelField(sentinel)));
        }

        // A CRD without a status subresource does not count generations for status; compare the spec itself.
        return Changed("generation") || Changed("labels") || Changed("annotations") || !JsonNode.DeepEquals(old["spec"], now["spec"]);
    }
}

/// <summary>An event the runtime recorded on a CR, as <c>/katalog/{crd}/events</c> lists it.</summary>
/// <param name="Namespace">The CR's namespace (null when cluster-scoped).</param>
/// <param name="Name">The CR's name.</param>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">Why (<c>Reconciled</c>, <c>ReconcileError</c>, a katalog event's reason, …).</param>
/// <param name="Message">What happened.</param>
/// <param name="Count">How many times it was recorded.</param>
/// <param name="FirstTimestamp">When it was first recorded.</param>
/// <param name="LastTimestamp">When it was last recorded.</param>
public sealed record RecordedEvent(string? Namespace, string Name, string Type, string Reason, string Message, int Count, DateTimeOffset FirstTimestamp, DateTimeOffset LastTimestamp);

internal enum OutcomeKind
{
    Success,
    Retry,
    Failure,
    Terminal,
    Gated,
    Dropped,
}

internal sealed record ReconcileOutcome(OutcomeKind Kind, ReconcileReport Report, TimeSpan? RequeueAfter)
{
    public static ReconcileOutcome Success(ReconcileReport report, TimeSpan? requeueAfter) => new(OutcomeKind.Success, report, requeueAfter);

    public static ReconcileOutcome Retry(ReconcileReport report) => new(OutcomeKind.Retry, report, null);

    public static ReconcileOutcome Failure(string message, ReconcileReport report) => new(OutcomeKind.Failure, report with { Error = message }, null);

    public static ReconcileOutcome Terminal(string message, ReconcileReport report) => new(OutcomeKind.Terminal, report with { Error = message }, null);

    public static ReconcileOutcome Gated(string gate, ReconcileReport report) => new(OutcomeKind.Gated, report with { GatedBy = gate }, null);

    public static ReconcileOutcome Dropped(ReconcileReport report) => new(OutcomeKind.Dropped, report, null);
}
