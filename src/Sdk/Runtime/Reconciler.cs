using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orkestra.Hooks;
using Orkestra.Hosting;
using Orkestra.Katalogs;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Kubernetes;
using Orkestra.Resources;
using Orkestra.Templating;

namespace Orkestra.Runtime;

/// <summary>
/// The reconcile pipeline of one katalog entry (ARCHITECTURE.md, "The reconcile pipeline"): the delete path, the
/// cleanup finalizer and managed metadata, templates and typed hooks, server-side apply of the children, pruning,
/// status, events and requeue. One instance serves every worker of the entry.
/// </summary>
internal sealed class Reconciler
{
    /// <summary>The annotation on each child holding a hash of what the runtime last applied, so unchanged children are not applied again.</summary>
    public const string AppliedHashAnnotation = "orkestra.orkspace.io/applied-hash";

    private static readonly ResourcePhase[] Phases = { ResourcePhase.Create, ResourcePhase.Reconcile };

    private readonly CrdController _controller;
    private readonly OperatorRuntime _runtime;
    private readonly KatalogDocument _katalog;
    private readonly CrdEntry _entry;
    private readonly HookRegistration? _hooks;
    private readonly ResourceRenderer _renderer;
    private readonly ILogger _logger;
    private readonly bool _forceConflict;
    private readonly bool _runHooksFirst;
    private readonly TimeSpan _hookTimeout;

    // What each CR was when this runtime last reconciled it (by cache key), for the sentinels.
    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);

    public Reconciler(CrdController controller, OperatorRuntime runtime, KatalogDocument katalog, CrdEntry entry, HookRegistration? hooks, RuntimeOptions options, ILogger logger)
    {
        _controller = controller;
        _runtime = runtime;
        _katalog = katalog;
        _entry = entry;
        _hooks = hooks;
        _logger = logger;
        _renderer = ResourceRenderer.Create(katalog, entry);
        _forceConflict = entry.Node["forceConflict"] is not YamlScalar { Kind: ScalarKind.Bool } force || ScalarResolver.ToBool(force.Value);
        var hooksNode = entry.Reconcile?["hooks"] as YamlMapping;
        _runHooksFirst = hooksNode?["runHooksFirst"] is YamlScalar { Kind: ScalarKind.Bool } first && ScalarResolver.ToBool(first.Value);
        _hookTimeout = hooksNode?.GetString("timeout") is { } timeout && Durations.TryParse(timeout, extended: true, out var parsed) && parsed > TimeSpan.Zero
            ? parsed
            : options.HookTimeout;
    }

    /// <summary>The sentinels the entry declares (<c>preReconcile.sentinels</c>).</summary>
    public IReadOnlyList<string> Sentinels => _renderer.Sentinels;

    /// <summary>The metadata field a sentinel watches.</summary>
    public static string SentinelField(string sentinel) => sentinel switch
    {
        "generationChanged" => "generation",
        "labelsChanged" => "labels",
        "annotationsChanged" => "annotations",
        _ => throw new ArgumentOutOfRangeException(nameof(sentinel), sentinel, "not a sentinel"),
    };

    /// <summary>The kinds the entry's templates and hooks declare as children (started before the first reconcile).</summary>
    public IEnumerable<(string ApiVersion, string Kind)> DeclaredChildKinds()
    {
        foreach (var block in new[] { "onCreate", "onReconcile", "onDelete" })
        {
            if (_entry.Reconcile?[block] is not YamlMapping resources)
            {
                continue;
            }

            foreach (var resource in resources.Entries)
            {
                if (ResourceKinds.TryGet(resource.Name, out var kind) && kind.Key != "custom" && resource.Value is YamlSequence)
                {
                    yield return (kind.ApiVersion, kind.Kind);
                }
            }
        }

        if ((_entry.Reconcile?["hooks"] as YamlMapping)?["managedResources"] is YamlSequence managed)
        {
            foreach (var item in managed.Items.OfType<YamlMapping>())
            {
                if (item.GetString("kind") is { Length: > 0 } kind)
                {
                    yield return (item.GetString("apiVersion") ?? "v1", kind);
                }
            }
        }
    }

    public async Task<ReconcileOutcome> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = Informer.SplitKey(key);
        var report = new ReconcileReport(_entry.Name, ns, name, Array.Empty<ChildChange>(), false, null, TimeSpan.Zero);
        if (_controller.Crs.Get(ns, name) is not { } cr)
        {
            _seen.TryRemove(key, out _);
            return await NotFoundAsync(ns, name, report, cancellationToken).ConfigureAwait(false);
        }

        if (cr["metadata"]?["deletionTimestamp"] is not null)
        {
            return await DeleteAsync(cr, report with { Deleting = true }, cancellationToken).ConfigureAwait(false);
        }

        var sentinels = SentinelsOf(key, cr);
        if (Gate(cr, sentinels, report) is { } held)
        {
            return held;
        }

        try
        {
            cr = await EnsureManagedAsync(cr, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeConflictException)
        {
            return ReconcileOutcome.Retry(report); // the CR changed meanwhile; the next pass reads the new one
        }
        catch (KubeNotFoundException)
        {
            return ReconcileOutcome.Success(report with { NotFound = true }, null);
        }
        catch (Exception ex) when (ex is ResourceException or TemplateExecutionException or KubeInvalidException)
        {
            return ReconcileOutcome.Failure("stamping the CR's labels, finalizer and annotations failed: " + ex.Message, report); // the entry's labels do not render or are not valid labels
        }

        var uid = (string?)cr["metadata"]?["uid"] ?? string.Empty;
        var failures = new List<string>();
        var desired = new List<DesiredResource>();
        var changes = new List<ChildChange>();
        var events = new List<EmittedEvent>();
        var children = ChildrenData(uid, live: null);
        var context = new Dictionary<string, object?>(StringComparer.Ordinal) { ["children"] = children, ["sentinels"] = sentinels };
        HookRun? hookRun = null;
        var terminal = false;
        TimeSpan? hookRequeue = null;

        async Task HookStepAsync()
        {
            var (run, error) = await RunHookAsync(cr, delete: false, context, events, cancellationToken).ConfigureAwait(false);
            hookRun = run;
            if (error is not null)
            {
                failures.Add(error);
            }
            else if (run?.Result is { Outcome: HookOutcome.Terminal } result)
            {
                terminal = true;
                failures.Add(result.Message!);
            }
            else if (run?.Result is { Outcome: HookOutcome.Requeue, Delay: { } delay })
            {
                hookRequeue = delay;
            }
        }

        // Mutation, then validation: a violated deny rule stops the pipeline until the CR changes.
        var admission = _renderer.ApplyAdmission(cr, context);
        events.AddRange(admission.Warnings.Select(w => new EmittedEvent(true, "ValidationWarning", w)));
        var rejected = admission.Errors.Count > 0;
        if (rejected)
        {
            terminal = true;
            failures.AddRange(admission.Errors.Select(e => e.Message));
        }

        if (_runHooksFirst && !rejected)
        {
            await HookStepAsync().ConfigureAwait(false);
        }

        foreach (var phase in rejected ? Array.Empty<ResourcePhase>() : Phases)
        {
            var rendered = _renderer.Render(cr, phase, context);
            desired.AddRange(rendered.Resources);
            failures.AddRange(rendered.Errors.Select(e => e.Message));
        }

        if (!_runHooksFirst && !rejected)
        {
            await HookStepAsync().ConfigureAwait(false);
        }

        if (hookRun is not null)
        {
            foreach (var child in hookRun.Children)
            {
                try
                {
                    desired.Add(await AdoptAsync(child, cr, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is KubeApiException or ResourceException)
                {
                    failures.Add("hook child " + Describe(child) + ": " + ex.Message);
                }
            }
        }

        // Apply: every desired child (children applied by hooks last), reported in declared order.
        var applied = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (resource, live, change, failure) in await ApplyAllAsync(desired, cancellationToken).ConfigureAwait(false))
        {
            if (live is not null)
            {
                applied[OperatorRuntime.Identity(resource.Object)] = live;
            }

            if (change is not null)
            {
                changes.Add(change);
            }

            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        // Prune: only when the desired set is complete (nothing failed to render, the hook ran).
        if (failures.Count == 0)
        {
            var keep = desired.Select(d => OperatorRuntime.Identity(d.Object)).ToHashSet(StringComparer.Ordinal);
            foreach (var (informer, child) in _runtime.ChildrenOf(uid))
            {
                if (keep.Contains(OperatorRuntime.Identity(child)) || child["metadata"]?["deletionTimestamp"] is not null)
                {
                    continue;
                }

                try
                {
                    var meta = (JsonObject)child["metadata"]!;
                    if (await _runtime.Client.DeleteAsync(informer.ApiVersion, informer.Kind, (string)meta["name"]!, (string?)meta["namespace"], new DeleteOptions(Uid: (string?)meta["uid"]), cancellationToken).ConfigureAwait(false))
                    {
                        changes.Add(new ChildChange(ChildAction.Deleted, informer.ApiVersion, informer.Kind, (string?)meta["namespace"], (string)meta["name"]!));
                    }
                }
                catch (KubeConflictException)
                {
                    // a namesake replaced it meanwhile: not ours to delete
                }
                catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException)
                {
                    failures.Add($"pruning {informer.Kind} {Describe(child)} failed: {ex.Message}");
                }
            }
        }

        // Status: the typed hook's, then the declared fields, then Ready and observedGeneration.
        context["children"] = ChildrenData(uid, applied);
        var statusRender = _renderer.RenderStatus(cr, context, succeeded: failures.Count == 0);
        failures.AddRange(statusRender.Errors.Select(e => e.Message));
        TimeSpan? requeue = hookRequeue;
        if (failures.Count == 0)
        {
            try
            {
                if (_renderer.RenderRequeue(cr, context) is { } declared && (requeue is null || declared < requeue))
                {
                    requeue = declared;
                }
            }
            catch (ResourceException ex)
            {
                failures.Add(ex.Message);
            }
        }

        var error = failures.Count == 0 ? null : string.Join("; ", failures.Distinct(StringComparer.Ordinal));
        var statusChanged = false;
        try
        {
            statusChanged = await WriteStatusAsync(cr, hookRun?.Status, statusRender, error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException)
        {
            error ??= "writing status failed: " + ex.Message;
        }

        events.AddRange(_renderer.RenderEvents(cr, context));
        if (error is not null)
        {
            events.Add(new EmittedEvent(true, "ReconcileError", error));
        }
        else if (changes.Count > 0)
        {
            events.Add(new EmittedEvent(false, "Reconciled", string.Join(", ", changes)));
        }

        RecordAll(cr, events);
        report = report with { Changes = changes, StatusChanged = statusChanged };
        if (error is null)
        {
            _seen[key] = Seen.Of(cr); // the sentinels of the next reconcile start from here
            return ReconcileOutcome.Success(report, requeue ?? _controller.Resync);
        }

        _logger.LogWarning("{Crd} {Key}: {Error}", _entry.Name, report.Key, error);
        return terminal ? ReconcileOutcome.Terminal(error, report) : ReconcileOutcome.Failure(error, report);
    }

    // The sentinels for the CR's templates and gates: what changed since this runtime last reconciled it (everything,
    // for a CR it has not reconciled yet).
    private Dictionary<string, object?> SentinelsOf(string key, JsonObject cr)
    {
        var now = Seen.Of(cr);
        var last = _seen.TryGetValue(key, out var seen) && seen.Uid == now.Uid ? seen : null;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["generationChanged"] = last is null || last.Generation != now.Generation,
            ["labelsChanged"] = last is null || last.Labels != now.Labels,
            ["annotationsChanged"] = last is null || last.Annotations != now.Annotations,
        };
    }

    // The preReconcile gates, in order: a closed enqueueGate drops the CR without a trace (until it changes); a closed
    // reconcile gate holds it back, reported as gated; a gate that cannot be evaluated fails the reconcile unless its
    // failPolicy is open. A gated CR is not touched: no finalizer, no children, no status.
    private ReconcileOutcome? Gate(JsonObject cr, Dictionary<string, object?> sentinels, ReconcileReport report)
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal) { ["sentinels"] = sentinels };
        foreach (var kind in new[] { GateKind.Enqueue, GateKind.Reconcile })
        {
            if (!_renderer.HasGate(kind))
            {
                continue;
            }

            var decision = _renderer.CheckGate(kind, cr, context);
            if (decision.Error is { } error)
            {
                if (!decision.Open)
                {
                    var message = "the preReconcile gate could not be evaluated (failPolicy: closed): " + error;
                    RecordAll(cr, new List<EmittedEvent> { new(true, "ReconcileError", message) });
                    _logger.LogWarning("{Crd} {Key}: {Error}", _entry.Name, report.Key, message);
                    return ReconcileOutcome.Failure(message, report);
                }

                _logger.LogWarning("{Crd} {Key}: {Error}; the gate's failPolicy is open, so it lets the CR through", _entry.Name, report.Key, error);
            }

            if (!decision.Open)
            {
                return kind == GateKind.Enqueue ? ReconcileOutcome.Dropped(report) : ReconcileOutcome.Gated(decision.Gate!, report);
            }
        }

        return null;
    }

    // The CR is gone: the typed NotFound hook, if any.
    private async Task<ReconcileOutcome> NotFoundAsync(string? ns, string name, ReconcileReport report, CancellationToken cancellationToken)
    {
        report = report with { NotFound = true };
        if (_hooks?.Invoker is not { } invoker || !_hooks.Kinds.HasFlag(HookKinds.NotFound))
        {
            return ReconcileOutcome.Success(report, null);
        }

        try
        {
            await using var scope = _runtime.Services.CreateAsyncScope();
            var context = new NotFoundContext(ns, name, _runtime.Client, _logger);
            var result = await invoker.NotFoundAsync(scope.ServiceProvider, context, cancellationToken).WaitAsync(_hookTimeout, cancellationToken).ConfigureAwait(false);
            return result is { Outcome: HookOutcome.Requeue, Delay: { } delay } ? ReconcileOutcome.Success(report, delay) : ReconcileOutcome.Success(report, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ReconcileOutcome.Failure($"hook {_hooks.HooksType.Name}.NotFoundAsync failed: {Message(ex)}", report);
        }
    }

    // The delete path: the typed DeleteAsync, the onDelete templates, the label-tracked children, then the finalizer.
    private async Task<ReconcileOutcome> DeleteAsync(JsonObject cr, ReconcileReport report, CancellationToken cancellationToken)
    {
        var finalizers = cr["metadata"]?["finalizers"] as JsonArray;
        var index = finalizers?.Select((f, i) => ((string?)f, i)).FirstOrDefault(p => p.Item1 == SystemMetadata.CleanupFinalizer, (null, -1)).Item2 ?? -1;
        if (index < 0)
        {
            return ReconcileOutcome.Success(report, null); // not ours (or already done): others' finalizers are theirs
        }

        var events = new List<EmittedEvent> { new(false, "Deleting", "running the delete path") };
        var uid = (string?)cr["metadata"]?["uid"] ?? string.Empty;
        var context = new Dictionary<string, object?>(StringComparer.Ordinal) { ["children"] = ChildrenData(uid, live: null) };
        var failures = new List<string>();
        var changes = new List<ChildChange>();
        var (run, hookError) = await RunHookAsync(cr, delete: true, context, events, cancellationToken).ConfigureAwait(false);
        if (hookError is not null)
        {
            failures.Add(hookError);
        }
        else if (run?.Result is { Outcome: HookOutcome.Requeue, Delay: { } delay })
        {
            RecordAll(cr, events);
            return ReconcileOutcome.Success(report, delay);
        }
        else if (run?.Result is { Outcome: HookOutcome.Terminal } terminal)
        {
            events.Add(new EmittedEvent(true, "DeleteHookFailed", terminal.Message! + " (the finalizer is removed anyway)"));
        }

        var created = new HashSet<string>(StringComparer.Ordinal);
        if (failures.Count == 0)
        {
            var rendered = _renderer.Render(cr, ResourcePhase.Delete, context);
            created.UnionWith(rendered.Resources.Select(r => OperatorRuntime.Identity(r.Object)));
            failures.AddRange(rendered.Errors.Select(e => e.Message));
            foreach (var (_, _, change, failure) in await ApplyAllAsync(rendered.Resources, cancellationToken).ConfigureAwait(false))
            {
                if (change is not null)
                {
                    changes.Add(change);
                }

                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
        }

        if (failures.Count == 0)
        {
            // Children the garbage collector cannot find (no owner reference: cluster-scoped, other namespaces).
            foreach (var (informer, child) in _runtime.ChildrenOf(uid))
            {
                var owned = (child["metadata"]?["ownerReferences"] as JsonArray)?.Any(r => (string?)r?["uid"] == uid) == true;
                var meta = (JsonObject)child["metadata"]!;
                if (owned || created.Contains(OperatorRuntime.Identity(child)))
                {
                    continue;
                }

                try
                {
                    if (await _runtime.Client.DeleteAsync(informer.ApiVersion, informer.Kind, (string)meta["name"]!, (string?)meta["namespace"], new DeleteOptions(Uid: (string?)meta["uid"]), cancellationToken).ConfigureAwait(false))
                    {
                        changes.Add(new ChildChange(ChildAction.Deleted, informer.ApiVersion, informer.Kind, (string?)meta["namespace"], (string)meta["name"]!));
                    }
                }
                catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException)
                {
                    failures.Add($"deleting {informer.Kind} {Describe(child)} failed: {ex.Message}");
                }
            }
        }

        if (failures.Count > 0)
        {
            var error = string.Join("; ", failures);
            events.Add(new EmittedEvent(true, "DeleteError", error));
            RecordAll(cr, events);
            return ReconcileOutcome.Failure(error, report with { Changes = changes });
        }

        RecordAll(cr, events);
        try
        {
            var patch = new JsonArray(
                new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = cr["metadata"]!["resourceVersion"]?.DeepClone() },
                new JsonObject { ["op"] = "remove", ["path"] = "/metadata/finalizers/" + index.ToString(CultureInfo.InvariantCulture) });
            await _runtime.Client.PatchAsync((string)cr["apiVersion"]!, (string)cr["kind"]!, report.Name, report.Namespace, PatchKind.Json, patch, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KubeConflictException or KubeInvalidException)
        {
            return ReconcileOutcome.Retry(report with { Changes = changes }); // changed meanwhile (a failed test is 422)
        }
        catch (KubeNotFoundException)
        {
        }

        return ReconcileOutcome.Success(report with { Changes = changes }, null);
    }

    // The cleanup finalizer, the managed label, the entry's labels and the write-once annotations, added by a JSON patch
    // guarded by the resourceVersion.
    private async Task<JsonObject> EnsureManagedAsync(JsonObject cr, CancellationToken cancellationToken)
    {
        var metadata = (JsonObject)cr["metadata"]!;
        var ops = new JsonArray();
        if (metadata["finalizers"] is not JsonArray finalizers)
        {
            ops.Add((JsonNode)Op("add", "/metadata/finalizers", new JsonArray(SystemMetadata.CleanupFinalizer)));
        }
        else if (!finalizers.Any(f => (string?)f == SystemMetadata.CleanupFinalizer))
        {
            ops.Add((JsonNode)Op("add", "/metadata/finalizers/-", SystemMetadata.CleanupFinalizer));
        }

        var labels = new Dictionary<string, string>(_renderer.RenderCrLabels(cr), StringComparer.Ordinal) { [SystemMetadata.ManagedLabel] = "true" };
        AddEntries(ops, metadata, "labels", labels, overwrite: true);
        AddEntries(ops, metadata, "annotations", new()
        {
            [SystemMetadata.ManagedByAnnotation] = _katalog.Name,
            [SystemMetadata.ManagedSinceAnnotation] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }, overwrite: false);
        if (ops.Count == 0)
        {
            return cr;
        }

        ops.Insert(0, Op("test", "/metadata/resourceVersion", (string?)metadata["resourceVersion"]));
        try
        {
            return await _runtime.WriteOwnAsync(cr, () => _runtime.Client.PatchAsync((string)cr["apiVersion"]!, (string)cr["kind"]!, (string)metadata["name"]!, (string?)metadata["namespace"], PatchKind.Json, ops, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (KubeInvalidException ex) when (ex.Message.Contains("test", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("resourceVersion", StringComparison.Ordinal))
        {
            throw new KubeConflictException(ex.Status, ex.Request); // a failed test: the CR changed since it was read
        }
    }

    private static void AddEntries(JsonArray ops, JsonObject metadata, string field, Dictionary<string, string> entries, bool overwrite)
    {
        if (metadata[field] is not JsonObject existing)
        {
            var map = new JsonObject();
            foreach (var (key, value) in entries)
            {
                map[key] = value;
            }

            ops.Add((JsonNode)Op("add", "/metadata/" + field, map));
            return;
        }

        foreach (var (key, value) in entries)
        {
            var current = (string?)existing[key];
            if (current is null || (overwrite && current != value))
            {
                ops.Add((JsonNode)Op("add", "/metadata/" + field + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), value));
            }
        }
    }

    private static JsonObject Op(string op, string path, JsonNode? value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    // Runs the typed hook, if the entry has one, in its own DI scope and within its timeout. Returns the run or an error.
    private async Task<(HookRun? Run, string? Error)> RunHookAsync(JsonObject cr, bool delete, Dictionary<string, object?> context, List<EmittedEvent> events, CancellationToken cancellationToken)
    {
        if (_hooks?.Invoker is not { } invoker || !_hooks.Kinds.HasFlag(delete ? HookKinds.Delete : HookKinds.Reconcile))
        {
            return (null, null);
        }

        var method = _hooks.HooksType.Name + (delete ? ".DeleteAsync" : ".ReconcileAsync");
        HookArgs args;
        try
        {
            args = new HookArgs(_renderer.RenderHookArgs(cr, context));
        }
        catch (Exception ex) when (ex is ResourceException or TemplateExecutionException)
        {
            return (null, ex.Message);
        }

        var collector = new EventRecorder.Collector();
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_hookTimeout);
        var scope = _runtime.Services.CreateAsyncScope();
        Task<HookRun?> hook = Task.FromResult<HookRun?>(null);
        try
        {
            using (_logger.BeginScope("{Crd} {Key}", _entry.Name, Informer.KeyOf(cr)))
            {
                hook = invoker.RunAsync(scope.ServiceProvider, cr, delete, args, _runtime.Client, _logger, collector, timeout.Token);
            }

            var run = await hook.WaitAsync(_hookTimeout, cancellationToken).ConfigureAwait(false);
            return (run, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && timeout.IsCancellationRequested))
        {
            return (null, $"hook {method} did not finish within its timeout of {_hookTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s; raise operatorBox.reconcile.hooks.timeout or make the hook return sooner");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "hook {Method} failed for {Key}", method, Informer.KeyOf(cr));
            return (null, $"hook {method} failed: {Message(ex)}");
        }
        finally
        {
            events.AddRange(collector.Events);
            if (hook.IsCompleted)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
                timeout.Dispose();
            }
            else
            {
                // A hook that ignores its token keeps running: its services stay alive until it ends.
                _ = AbandonAsync(hook, scope, timeout, method, Informer.KeyOf(cr));
            }
        }
    }

    // Waits for a timed-out hook to end, then disposes its DI scope; what it returns or throws is only logged.
    private async Task AbandonAsync(Task<HookRun?> hook, AsyncServiceScope scope, CancellationTokenSource timeout, string method, string key)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await hook.ConfigureAwait(false);
            _logger.LogWarning("hook {Method} for {Key} ended {Seconds:F1}s after its timeout; what it did is discarded", method, key, started.Elapsed.TotalSeconds);
        }
        catch (Exception ex)
        {
            _logger.LogWarning("hook {Method} for {Key} failed {Seconds:F1}s after its timeout: {Error}", method, key, started.Elapsed.TotalSeconds, Message(ex));
        }
        finally
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            timeout.Dispose();
        }
    }

    // A child a hook applied, completed as the katalog's own children are: namespace, labels, owner reference.
    private async Task<DesiredResource> AdoptAsync(JsonObject child, JsonObject cr, CancellationToken cancellationToken)
    {
        var obj = (JsonObject)child.DeepClone();
        var apiVersion = (string)obj["apiVersion"]!;
        var kind = (string)obj["kind"]!;
        var resource = await _runtime.Client.FindResourceAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceException("hooks", $"the server does not serve {kind} in {apiVersion}; install its CRD or fix the child's apiVersion and kind");
        SystemMetadata.Adopt(obj, cr, _entry, resource.Namespaced);
        return new DesiredResource(obj, "hooks", _hooks!.HooksType.Name, ResourcePhase.Reconcile, Reconcile: true, Once: false, ForceConflict: null, Sleep: null, Namespaced: resource.Namespaced);
    }

    // Applies the children in batches: a cluster-scoped child (a Namespace, a CRD that later children may need) and a
    // child with a sleep each wait for everything declared before them; the namespaced children between them are
    // applied concurrently, as kubectl apply and helm send a release's objects without waiting on each other.
    private async Task<(DesiredResource Resource, JsonObject? Live, ChildChange? Change, string? Error)[]> ApplyAllAsync(IReadOnlyList<DesiredResource> desired, CancellationToken cancellationToken)
    {
        var results = new (DesiredResource, JsonObject?, ChildChange?, string?)[desired.Count];
        async Task ApplyAsync(int index)
        {
            var resource = desired[index];
            try
            {
                var (live, change) = await ApplyChildAsync(resource, cancellationToken).ConfigureAwait(false);
                results[index] = (resource, live, change, null);
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException)
            {
                results[index] = (resource, null, null, $"{resource.Source}: applying {resource.Kind} {resource.Name} failed: {ex.Message}");
            }
        }

        var batch = new List<Task>();
        for (var i = 0; i < desired.Count; i++)
        {
            if (desired[i].Namespaced && desired[i].Sleep is null)
            {
                batch.Add(ApplyAsync(i));
                continue;
            }

            await Task.WhenAll(batch).ConfigureAwait(false);
            batch.Clear();
            await ApplyAsync(i).ConfigureAwait(false);
        }

        await Task.WhenAll(batch).ConfigureAwait(false);
        return results;
    }

    // Applies one child: create-only items are created when absent; the others are applied with server-side apply
    // unless the live object already holds exactly what was applied last (same hash, no drift).
    private async Task<(JsonObject? Live, ChildChange? Change)> ApplyChildAsync(DesiredResource resource, CancellationToken cancellationToken)
    {
        var informer = _runtime.ChildInformer(resource.ApiVersion, resource.Kind);
        var live = informer.Informer.Get(resource.Namespace, resource.Name);
        if (resource.Sleep is { } sleep)
        {
            await Task.Delay(sleep, cancellationToken).ConfigureAwait(false);
        }

        if (resource.CreateOnly || (resource.Once && live is not null))
        {
            if (live is not null)
            {
                return (live, null);
            }

            try
            {
                var created = await _runtime.WriteOwnAsync(resource.Object, () => _runtime.Client.CreateAsync(resource.Object, cancellationToken)).ConfigureAwait(false);
                return (created, new ChildChange(ChildAction.Created, resource.ApiVersion, resource.Kind, resource.Namespace, resource.Name));
            }
            catch (KubeAlreadyExistsException)
            {
                return (await _runtime.Client.GetAsync(resource.ApiVersion, resource.Kind, resource.Name, resource.Namespace, cancellationToken).ConfigureAwait(false), null);
            }
        }

        var obj = resource.Object;
        var metadata = (JsonObject)obj["metadata"]!;
        var hash = JsonDiff.Hash(obj);
        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations[AppliedHashAnnotation] = hash;
        metadata["annotations"] = annotations;
        if (live is not null && (string?)live["metadata"]?["annotations"]?[AppliedHashAnnotation] == hash && JsonDiff.Contains(live, obj))
        {
            return (live, null);
        }

        var stored = await _runtime.WriteOwnAsync(obj, () => _runtime.Client.ApplyAsync(obj, new ApplyOptions(Force: resource.ForceConflict ?? _forceConflict), cancellationToken)).ConfigureAwait(false);
        var before = (string?)live?["metadata"]?["resourceVersion"];
        var after = (string?)stored["metadata"]?["resourceVersion"];
        ChildChange? change = live is null
            ? new ChildChange(ChildAction.Created, resource.ApiVersion, resource.Kind, resource.Namespace, resource.Name)
            : before != after ? new ChildChange(ChildAction.Updated, resource.ApiVersion, resource.Kind, resource.Namespace, resource.Name) : null;
        return (stored, change);
    }

    // Writes status when it changed: the hook's status, the declared fields, the Ready condition and observedGeneration.
    private async Task<bool> WriteStatusAsync(JsonObject cr, JsonObject? hookStatus, StatusRender declared, string? error, CancellationToken cancellationToken)
    {
        var current = cr["status"] as JsonObject ?? new JsonObject();
        var next = (JsonObject)current.DeepClone();
        if (hookStatus is not null)
        {
            foreach (var (key, value) in hookStatus)
            {
                if (key is not "conditions" and not "observedGeneration")
                {
                    next[key] = value?.DeepClone();
                }
            }
        }

        foreach (var assignment in declared.Assignments)
        {
            Assign(next, assignment.Path, assignment.Value);
        }

        var generation = cr["metadata"]?["generation"]?.DeepClone();
        if (_renderer.WritesConditions)
        {
            SetReady(next, error, generation);
        }

        if (error is null && generation is not null)
        {
            next["observedGeneration"] = generation.DeepClone();
        }

        if (JsonDiff.MergePatch(current, next) is not { } patch)
        {
            return false;
        }

        try
        {
            var metadata = (JsonObject)cr["metadata"]!;
            await _runtime.Client.PatchAsync((string)cr["apiVersion"]!, (string)cr["kind"]!, (string)metadata["name"]!, (string?)metadata["namespace"], PatchKind.Merge, new JsonObject { ["status"] = patch }, "status", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeNotFoundException)
        {
            return false; // no status subresource, or the CR is gone
        }
    }

    private static void SetReady(JsonObject status, string? error, JsonNode? generation)
    {
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
        var state = error is null ? "True" : "False";
        var ready = new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = state,
            ["reason"] = error is null ? "ReconcileSucceeded" : "ReconcileError",
            ["message"] = error is null ? "all children applied" : (error.Length > 32_000 ? error[..32_000] : error),
            ["lastTransitionTime"] = existing is not null && (string?)existing["status"] == state && existing["lastTransitionTime"] is { } since
                ? since.DeepClone()
                : DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (generation is not null)
        {
            ready["observedGeneration"] = generation.DeepClone();
        }

        if (existing is null)
        {
            conditions.Add((JsonNode)ready);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = ready;
        }
    }

    private static void Assign(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject inner)
            {
                if (value is null)
                {
                    return;
                }

                inner = new JsonObject();
                node[parts[i]] = inner;
            }

            node = inner;
        }

        if (value is null)
        {
            node.Remove(parts[^1]);
        }
        else
        {
            node[parts[^1]] = value.DeepClone();
        }
    }

    // .children: the CR's live children by kind (deployment, service, statefulset, job, hpa, pvc, …), first of each kind.
    private Dictionary<string, object?> ChildrenData(string uid, Dictionary<string, JsonObject>? live)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Add(JsonObject child)
        {
            var kind = ((string?)child["kind"] ?? string.Empty).ToLowerInvariant();
            var alias = kind switch
            {
                "horizontalpodautoscaler" => "hpa",
                "persistentvolumeclaim" => "pvc",
                "poddisruptionbudget" => "pdb",
                _ => null,
            };
            var value = TemplateData.FromJson(child);
            data.TryAdd(kind, value);
            if (alias is not null)
            {
                data.TryAdd(alias, value);
            }

            if (((string?)child["apiVersion"])?.Contains('.', StringComparison.Ordinal) == true && !kind.Contains("autoscaler", StringComparison.Ordinal))
            {
                data.TryAdd("custom", value);
            }
        }

        foreach (var child in live?.Values ?? Enumerable.Empty<JsonObject>())
        {
            Add(child);
        }

        foreach (var (_, child) in _runtime.ChildrenOf(uid))
        {
            Add(child);
        }

        return data;
    }

    private void RecordAll(JsonObject cr, List<EmittedEvent> events)
    {
        foreach (var evt in events)
        {
            _runtime.Events.Record(cr, evt);
            _controller.Remember((string?)cr["metadata"]?["namespace"], (string?)cr["metadata"]?["name"] ?? string.Empty, evt);
        }
    }

    private static string Describe(JsonObject obj) =>
        (string?)obj["kind"] + " " + ((string?)obj["metadata"]?["namespace"] is { } ns ? ns + "/" : string.Empty) + (string?)obj["metadata"]?["name"];

    private static string Message(Exception ex) => ex is AggregateException { InnerException: { } inner } ? inner.Message : ex.Message;

    // A CR's identity and the metadata the sentinels watch (labels and annotations as hashes of their JSON).
    private sealed record Seen(string? Uid, long Generation, int Labels, int Annotations)
    {
        public static Seen Of(JsonObject cr)
        {
            var metadata = cr["metadata"] as JsonObject;
            return new Seen(
                (string?)metadata?["uid"],
                metadata?["generation"] is JsonValue generation && generation.TryGetValue<long>(out var value) ? value : 0,
                Hash(metadata?["labels"]),
                Hash(metadata?["annotations"]));
        }

        private static int Hash(JsonNode? node) => node is null ? 0 : StringComparer.Ordinal.GetHashCode(node.ToJsonString());
    }
}
