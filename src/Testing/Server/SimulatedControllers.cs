using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Orkestra.Testing.Server;

/// <summary>
/// Stand-ins for the workload controllers of kube-controller-manager, so that status read by operators (and status
/// templates that read children) behaves as in a cluster: Deployments, StatefulSets, ReplicaSets and DaemonSets report
/// ready for their current generation, and Jobs complete, each after <see cref="KubeApiServerOptions.WorkloadReadyDelay"/>.
/// No Pods or ReplicaSets are created: only the status of the object itself is written. Each generation converges once;
/// status a client writes afterwards for the same generation is left alone. It also installs the Service address
/// allocator (<see cref="ServiceAddresses"/>) when <see cref="KubeApiServerOptions.AllocateClusterIPs"/> is set.
/// </summary>
/// <remarks>
/// One watch per simulated resource on the store (watched again from scratch whenever it ends, e.g. after
/// <see cref="KubeApiServer.DropWatches"/>) marks objects whose status is behind; one loop writes their status through
/// <see cref="ObjectService.Modify"/> on the status subresource (a new resourceVersion and a MODIFIED event, the
/// generation unchanged) once they are due. A failed write is dropped; the object's next change schedules it again.
/// </remarks>
internal sealed class SimulatedControllers : IAsyncDisposable
{
    /// <summary>The field manager of the simulated writes, as in a cluster.</summary>
    public const string FieldManager = "kube-controller-manager";

    private const string Deployments = "deployments.apps";
    private const string StatefulSets = "statefulsets.apps";
    private const string ReplicaSets = "replicasets.apps";
    private const string DaemonSets = "daemonsets.apps";
    private const string Jobs = "jobs.batch";
    private const string HashAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static readonly WriteOptions StatusWrite = WriteOptions.Default with { FieldManager = FieldManager };
    private readonly ObjectService _service;
    private readonly TimeSpan _delay;
    private readonly Lock _sync = new();
    private readonly Dictionary<(string StorageKey, string Namespace, string Name), Tracked> _tracked = [];
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];

    public SimulatedControllers(ObjectService service, KubeApiServerOptions options)
    {
        _service = service;
        _delay = options.WorkloadReadyDelay;
        service.ServiceAddresses = options.AllocateClusterIPs ? new ServiceAddresses() : null;
        var watched = new List<string>();
        if (options.SimulateWorkloads)
        {
            watched.AddRange([Deployments, StatefulSets, ReplicaSets, DaemonSets]);
        }
        if (options.SimulateJobs)
        {
            watched.Add(Jobs);
        }
        if (watched.Count == 0)
        {
            return;
        }
        _tasks.Add(Task.Run(ReconcileLoopAsync));
        _tasks.AddRange(watched.Select(key => Task.Run(() => WatchLoopAsync(key))));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_tasks);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting.
        }
        _service.ServiceAddresses = null;
        _stop.Dispose();
    }

    private async Task WatchLoopAsync(string storageKey)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Without a resourceVersion: every current object first, then live changes; so a watch ended by
                // DropWatches, a restart or a compaction loses nothing.
                using var subscription = _service.Store.Watch(storageKey, fromVersion: null);
                await foreach (var change in subscription.Events.ReadAllAsync(_stop.Token))
                {
                    Observe(storageKey, change);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Never let one bad event stop the simulation: watch again.
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Observe(string storageKey, WatchEvent change)
    {
        var obj = change.Object;
        var key = (storageKey, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
        lock (_sync)
        {
            if (change.Type == "DELETED" || !NeedsWork(storageKey, obj))
            {
                _tracked.Remove(key);
                return;
            }
            var uid = ObjectMeta.Uid(obj);
            var generation = ObjectMeta.Generation(obj);
            if (!_tracked.TryGetValue(key, out var tracked) || tracked.Uid != uid || tracked.Generation != generation)
            {
                tracked = new Tracked(uid, generation, DateTimeOffset.UtcNow);
                _tracked[key] = tracked;
            }
            tracked.Scheduled = true;
        }
        _wake.Writer.TryWrite(true);
    }

    private async Task ReconcileLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var due = new List<((string StorageKey, string Namespace, string Name) Key, Tracked Tracked)>();
            TimeSpan? wait = null;
            lock (_sync)
            {
                var now = DateTimeOffset.UtcNow;
                foreach (var (key, tracked) in _tracked.Where(p => p.Value.Scheduled))
                {
                    var left = tracked.Since + _delay - now;
                    if (left <= TimeSpan.Zero)
                    {
                        tracked.Scheduled = false;
                        due.Add((key, tracked));
                    }
                    else if (wait is null || left < wait)
                    {
                        wait = left;
                    }
                }
            }
            foreach (var (key, tracked) in due)
            {
                Reconcile(key.StorageKey, key.Namespace, key.Name, tracked);
            }
            if (due.Count > 0)
            {
                continue;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            if (wait is { } delay)
            {
                timeout.CancelAfter(delay + TimeSpan.FromMilliseconds(1));
            }
            try
            {
                await _wake.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
                // Something became due.
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ChannelClosedException)
            {
                return;
            }
        }
    }

    private void Reconcile(string storageKey, string ns, string name, Tracked tracked)
    {
        try
        {
            if (_service.Registry.FindByStorageKey(storageKey) is not { } type)
            {
                return;
            }
            _service.Modify(type, ns, name, Subresource.Status, StatusWrite, [], current =>
            {
                if (ObjectMeta.Uid(current) != tracked.Uid || ObjectMeta.Generation(current) != tracked.Generation || !NeedsWork(storageKey, current))
                {
                    return current; // changed meanwhile: its own event schedules it
                }
                var next = (JsonObject)current.DeepClone();
                ObjectMeta.Metadata(next).Remove("resourceVersion");
                next["status"] = DesiredStatus(storageKey, current, tracked.Since);
                return next;
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Gone, conflicting or refused: the object's next change schedules it again.
        }
    }

    private static bool NeedsWork(string storageKey, JsonObject obj)
    {
        if (ObjectMeta.IsDeleting(obj))
        {
            return false;
        }
        if (storageKey != Jobs)
        {
            return Long(obj["status"].Child("observedGeneration")) != ObjectMeta.Generation(obj);
        }
        var conditions = obj["status"].Child("conditions") as JsonArray;
        if (IsTrue(obj["spec"].Child("suspend")))
        {
            return !HasCondition(conditions, "Suspended", "True");
        }
        return !HasCondition(conditions, "Complete", "True") && !HasCondition(conditions, "Failed", "True");
    }

    private static JsonObject DesiredStatus(string storageKey, JsonObject obj, DateTimeOffset since)
    {
        var previous = obj["status"] as JsonObject;
        var generation = ObjectMeta.Generation(obj);
        var replicas = Long(obj["spec"].Child("replicas")) ?? 1;
        var now = ObjectMeta.Now();
        return storageKey switch
        {
            Deployments => Deployment(obj, previous, generation, replicas, now),
            StatefulSets => Status(
                ("observedGeneration", generation), ("replicas", replicas), ("readyReplicas", NonZero(replicas)),
                ("currentReplicas", NonZero(replicas)), ("updatedReplicas", NonZero(replicas)), ("availableReplicas", replicas),
                ("currentRevision", ObjectMeta.Name(obj) + "-" + Hash(obj["spec"].Child("template"))),
                ("updateRevision", ObjectMeta.Name(obj) + "-" + Hash(obj["spec"].Child("template"))),
                ("collisionCount", previous?["collisionCount"]?.DeepClone() ?? 0)),
            ReplicaSets => Status(
                ("replicas", replicas), ("fullyLabeledReplicas", NonZero(replicas)), ("readyReplicas", NonZero(replicas)),
                ("availableReplicas", NonZero(replicas)), ("observedGeneration", generation)),
            DaemonSets => Status(
                ("currentNumberScheduled", 1), ("numberMisscheduled", 0), ("desiredNumberScheduled", 1), ("numberReady", 1),
                ("observedGeneration", generation), ("updatedNumberScheduled", 1), ("numberAvailable", 1)),
            _ => Job(obj, previous, since, now),
        };
    }

    private static JsonObject Deployment(JsonObject obj, JsonObject? previous, long generation, long replicas, string now)
    {
        var conditions = previous?["conditions"] as JsonArray;
        var replicaSet = $"{ObjectMeta.Name(obj)}-{Hash(obj["spec"].Child("template"))}";
        var status = Status(
            ("observedGeneration", generation), ("replicas", NonZero(replicas)), ("updatedReplicas", NonZero(replicas)),
            ("readyReplicas", NonZero(replicas)), ("availableReplicas", NonZero(replicas)));
        status["conditions"] = new JsonArray(
            Condition(conditions, "Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
            Condition(conditions, "Progressing", "NewReplicaSetAvailable", $"ReplicaSet \"{replicaSet}\" has successfully progressed.", now));
        return status;
    }

    private static JsonObject Job(JsonObject obj, JsonObject? previous, DateTimeOffset since, string now)
    {
        var conditions = previous?["conditions"] as JsonArray;
        JsonObject status = previous is null ? [] : (JsonObject)previous.DeepClone();
        var kept = new JsonArray();
        foreach (var condition in conditions?.OfType<JsonObject>() ?? [])
        {
            if (ObjectMeta.StringOf(condition["type"]) is not ("Suspended" or "SuccessCriteriaMet" or "Complete"))
            {
                kept.Add(condition.DeepClone());
            }
        }
        if (IsTrue(obj["spec"].Child("suspend")))
        {
            kept.Add(JobCondition(conditions, "Suspended", "True", "JobSuspended", "Job suspended", now));
            status["conditions"] = kept;
            return status;
        }
        if (HasCondition(conditions, "Suspended", "True"))
        {
            kept.Add(JobCondition(conditions, "Suspended", "False", "JobResumed", "Job resumed", now));
        }
        const string message = "Reached expected number of succeeded pods";
        kept.Add(JobCondition(conditions, "SuccessCriteriaMet", "True", "CompletionsReached", message, now));
        kept.Add(JobCondition(conditions, "Complete", "True", "CompletionsReached", message, now));
        status["conditions"] = kept;
        status["startTime"] = ObjectMeta.Timestamp(since);
        status["completionTime"] = now;
        status.Remove("active");
        var completions = Long(obj["spec"].Child("completions")) ?? 1;
        if (completions > 0)
        {
            status["succeeded"] = completions;
        }
        status["ready"] = 0;
        status["terminating"] = 0;
        status["uncountedTerminatedPods"] = new JsonObject();
        return status;
    }

    // A condition that is True, keeping its lastTransitionTime (and lastUpdateTime when the reason and message are
    // unchanged) when it was True already, as the controllers do.
    private static JsonObject Condition(JsonArray? existing, string type, string reason, string message, string now)
    {
        var old = Find(existing, type);
        var wasTrue = ObjectMeta.StringOf(old?["status"]) == "True";
        var same = wasTrue && ObjectMeta.StringOf(old?["reason"]) == reason && ObjectMeta.StringOf(old?["message"]) == message;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastUpdateTime"] = same ? old!["lastUpdateTime"]?.DeepClone() ?? now : now,
            ["lastTransitionTime"] = wasTrue ? old!["lastTransitionTime"]?.DeepClone() ?? now : now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static JsonObject JobCondition(JsonArray? existing, string type, string status, string reason, string message, string now)
    {
        var old = Find(existing, type);
        var transition = ObjectMeta.StringOf(old?["status"]) == status ? old!["lastTransitionTime"]?.DeepClone() ?? now : now;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = now,
            ["lastTransitionTime"] = transition,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static JsonObject? Find(JsonArray? conditions, string type) =>
        conditions?.OfType<JsonObject>().FirstOrDefault(c => ObjectMeta.StringOf(c["type"]) == type);

    private static bool HasCondition(JsonArray? conditions, string type, string status) =>
        ObjectMeta.StringOf(Find(conditions, type)?["status"]) == status;

    // Zero counts are left out, as the Kubernetes types' omitempty fields are.
    private static JsonObject Status(params (string Field, JsonNode? Value)[] fields)
    {
        var status = new JsonObject();
        foreach (var (field, value) in fields.Where(f => f.Value is not null))
        {
            status[field] = value;
        }
        return status;
    }

    private static JsonNode? NonZero(long count) => count == 0 ? null : count;

    // Whatever the node was built from (parsed JSON, an int or a long), as ObjectMeta.Generation reads numbers.
    private static long? Long(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>A short, stable hash of a pod template, in the alphabet of Kubernetes' generated names.</summary>
    private static string Hash(JsonNode? template)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(template?.ToJsonString() ?? ""));
        return string.Concat(bytes.Take(10).Select(b => HashAlphabet[b % HashAlphabet.Length]));
    }

    /// <summary>An object whose status is behind: its uid and generation, and since when (the delay counts from there).</summary>
    private sealed class Tracked(string uid, long generation, DateTimeOffset since)
    {
        public string Uid { get; } = uid;

        public long Generation { get; } = generation;

        public DateTimeOffset Since { get; } = since;

        /// <summary>Whether it waits for the loop (false while the loop writes it, and after a failed write).</summary>
        public bool Scheduled { get; set; }
    }
}

/// <summary>
/// What the API server allocates for a Service when it is created (synchronously, as kube-apiserver does): a unique
/// <c>spec.clusterIP</c>/<c>clusterIPs</c> from 10.96.0.0/12 unless headless (<c>None</c>) or ExternalName, and a
/// unique nodePort (30000-32767) for each port of a NodePort or LoadBalancer Service. Values a client supplies are kept
/// (422 when another Service has them); an update that leaves them out keeps the allocated ones. Called under the store
/// lock, so allocations never collide.
/// </summary>
/// <remarks>
/// Allocations are indexed (address or port → the Service that took it), so allocating costs the same with 10 Services
/// or 10,000. The index is built from the store on first use and may hold entries of Services since deleted, changed or
/// refused: an entry counts only while its Service, read from the store, still holds the value.
/// </remarks>
internal sealed class ServiceAddresses
{
    private const uint ServiceNetwork = (10u << 24) | (96u << 16);
    private const int ServiceNetworkSize = 1 << 20;
    private const int FirstNodePort = 30000;
    private const int NodePortCount = 32767 - FirstNodePort + 1;

    private Dictionary<string, (string Namespace, string Name)>? _clusterIPs;
    private Dictionary<int, (string Namespace, string Name)>? _nodePorts;

    public void Assign(ResourceType type, JsonObject service, JsonObject? previous, ObjectStore store)
    {
        if (!type.IsBuiltIn("", "services"))
        {
            return;
        }
        if (service["spec"] is not JsonObject spec)
        {
            spec = [];
            service["spec"] = spec;
        }
        var holder = (ObjectMeta.Namespace(service), ObjectMeta.Name(service));
        var index = new Index(this, type, store, holder);
        var oldSpec = previous?["spec"] as JsonObject;
        var kind = ObjectMeta.StringOf(spec["type"]) ?? "ClusterIP";
        if (kind != "ExternalName")
        {
            AssignClusterIP(type, holder.Item2, spec, oldSpec, index);
        }
        if (kind is "NodePort" or "LoadBalancer")
        {
            AssignNodePorts(type, holder.Item2, spec, oldSpec, index);
        }
    }

    private static void AssignClusterIP(ResourceType type, string name, JsonObject spec, JsonObject? oldSpec, Index index)
    {
        var ip = ObjectMeta.StringOf(spec["clusterIP"]);
        if (string.IsNullOrEmpty(ip) && spec["clusterIPs"] is JsonArray { Count: > 0 } ips && ObjectMeta.StringOf(ips[0]) is { Length: > 0 } first)
        {
            ip = first; // clusterIP defaults to the first of clusterIPs
            spec["clusterIP"] = ip;
        }
        var oldIp = ObjectMeta.StringOf(oldSpec?["clusterIP"]);
        if (string.IsNullOrEmpty(ip) && !string.IsNullOrEmpty(oldIp))
        {
            spec["clusterIP"] = oldIp;
            spec["clusterIPs"] = oldSpec!["clusterIPs"]?.DeepClone() ?? new JsonArray(oldIp);
            return;
        }
        if (!string.IsNullOrEmpty(ip))
        {
            if (ip != "None" && ip != oldIp && index.ClusterIPTaken(ip))
            {
                throw StatusErrors.Invalid(type, name, StatusErrors.InvalidValue("spec.clusterIPs", ip, $"failed to allocate IP {ip}: provided IP is already allocated"));
            }
            spec["clusterIPs"] ??= new JsonArray(ip);
            if (ip != "None")
            {
                index.TakeClusterIP(ip);
            }
            return;
        }
        var start = RandomNumberGenerator.GetInt32(ServiceNetworkSize);
        for (var i = 0; i < ServiceNetworkSize; i++)
        {
            // Skips the network address, 10.96.0.1 (the kubernetes Service's) and the broadcast address.
            var offset = (start + i) % ServiceNetworkSize;
            var candidate = offset is 0 or 1 or ServiceNetworkSize - 1 ? null : Address(ServiceNetwork + (uint)offset);
            if (candidate is not null && !index.ClusterIPTaken(candidate))
            {
                spec["clusterIP"] = candidate;
                spec["clusterIPs"] = new JsonArray(candidate);
                index.TakeClusterIP(candidate);
                return;
            }
        }
        throw new ApiException(500, "InternalError", "failed to allocate a cluster IP: the service range 10.96.0.0/12 is full");
    }

    private static void AssignNodePorts(ResourceType type, string name, JsonObject spec, JsonObject? oldSpec, Index index)
    {
        if (spec["ports"] is not JsonArray ports)
        {
            return;
        }
        var oldPorts = (oldSpec?["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var mine = new HashSet<int>();
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] is not JsonObject port)
            {
                continue;
            }
            var nodePort = NodePort(port);
            var kept = oldPorts.FirstOrDefault(o => JsonNode.DeepEquals(o["port"], port["port"]) && Protocol(o) == Protocol(port)) is { } old ? NodePort(old) : 0;
            if (nodePort > 0)
            {
                if ((!mine.Add(nodePort) || index.NodePortTaken(nodePort)) && nodePort != kept)
                {
                    throw StatusErrors.Invalid(type, name, StatusErrors.Invalid($"spec.ports[{i}].nodePort", $"{nodePort}: provided port is already allocated"));
                }
                continue;
            }
            if (kept > 0)
            {
                port["nodePort"] = kept;
                mine.Add(kept);
                continue;
            }
            var start = RandomNumberGenerator.GetInt32(NodePortCount);
            var free = Enumerable.Range(0, NodePortCount).Select(n => FirstNodePort + ((start + n) % NodePortCount)).FirstOrDefault(p => !mine.Contains(p) && !index.NodePortTaken(p));
            if (free == 0)
            {
                throw new ApiException(500, "InternalError", "failed to allocate a node port: the range 30000-32767 is full");
            }
            port["nodePort"] = free;
            mine.Add(free);
        }
        foreach (var port in mine)
        {
            index.TakeNodePort(port);
        }
    }

    // The allocations seen by one Service's write: taken means held by another Service that still has the value.
    private readonly struct Index
    {
        private readonly ServiceAddresses _owner;
        private readonly ResourceType _type;
        private readonly ObjectStore _store;
        private readonly (string Namespace, string Name) _holder;

        public Index(ServiceAddresses owner, ResourceType type, ObjectStore store, (string Namespace, string Name) holder)
        {
            _owner = owner;
            _type = type;
            _store = store;
            _holder = holder;
            if (owner._clusterIPs is null || owner._nodePorts is null)
            {
                owner._clusterIPs = [];
                owner._nodePorts = [];
                foreach (var service in store.List(type.QualifiedResource, null).Items)
                {
                    var at = (ObjectMeta.Namespace(service), ObjectMeta.Name(service));
                    if (ObjectMeta.StringOf(service["spec"].Child("clusterIP")) is { Length: > 0 } ip and not "None")
                    {
                        owner._clusterIPs[ip] = at;
                    }
                    foreach (var port in NodePorts(service))
                    {
                        owner._nodePorts[port] = at;
                    }
                }
            }
        }

        public bool ClusterIPTaken(string ip) =>
            Taken(_owner._clusterIPs!, ip, service => ObjectMeta.StringOf(service["spec"].Child("clusterIP")) == ip);

        public bool NodePortTaken(int port) =>
            Taken(_owner._nodePorts!, port, service => NodePorts(service).Contains(port));

        public void TakeClusterIP(string ip) => _owner._clusterIPs![ip] = _holder;

        public void TakeNodePort(int port) => _owner._nodePorts![port] = _holder;

        private bool Taken<TValue>(Dictionary<TValue, (string Namespace, string Name)> allocations, TValue value, Func<JsonObject, bool> holds)
            where TValue : notnull
        {
            if (!allocations.TryGetValue(value, out var at) || at == _holder)
            {
                return false;
            }
            if (_store.Get(_type.QualifiedResource, at.Namespace, at.Name) is { } service && holds(service))
            {
                return true;
            }
            allocations.Remove(value); // deleted, changed or never stored: free
            return false;
        }
    }

    private static IEnumerable<int> NodePorts(JsonObject service) =>
        (service["spec"].Child("ports") as JsonArray)?.OfType<JsonObject>().Select(NodePort).Where(p => p > 0) ?? [];

    private static int NodePort(JsonObject port) =>
        port["nodePort"] is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && int.TryParse(value.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;

    private static string Protocol(JsonObject port) => ObjectMeta.StringOf(port["protocol"]) ?? "TCP";

    private static string Address(uint ip) => $"{ip >> 24}.{(ip >> 16) & 0xFF}.{(ip >> 8) & 0xFF}.{ip & 0xFF}";
}
