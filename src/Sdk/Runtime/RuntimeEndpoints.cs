using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Orkestra.Runtime;

/// <summary>
/// The runtime's HTTP surface (upstream Orkestra's <c>:8080</c>): the probes <c>/startup</c>, <c>/health</c>
/// (<c>/healthz</c>) and <c>/ready</c> (<c>/readyz</c>), Prometheus <c>/metrics</c>, and the live katalog
/// <c>/katalog</c>, <c>/katalog/{crd}</c>, <c>/katalog/{crd}/health</c>, the CRs <c>/katalog/{crd}/cr[?field=path]</c>
/// and <c>/katalog/{crd}/cr/{namespace}/{name}</c> (with its children), and the events
/// <c>/katalog/{crd}/events</c> and <c>/katalog/{crd}/cr/{namespace}/{name}/events</c>, served by <see cref="HttpListener"/>.
/// </summary>
/// <remarks>
/// Every response is computed from what the runtime already holds (counters, caches, states): nothing waits on the
/// API server or on a reconcile. JSON keys are camelCase. A failing handler answers 500 and is logged; the listener
/// keeps serving. Only <c>GET</c> is served (anything else is 405 with <c>Allow: GET</c>).
/// </remarks>
public sealed class RuntimeEndpoints : IAsyncDisposable
{
    private const string JsonType = "application/json; charset=utf-8";
    private const string PrometheusType = "text/plain; version=0.0.4; charset=utf-8";
    private const int PortAttempts = 5;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Paths =
    {
        "/startup", "/health", "/healthz", "/ready", "/readyz", "/metrics", "/katalog", "/katalog/{crd}", "/katalog/{crd}/health",
        "/katalog/{crd}/cr[?field=path]", "/katalog/{crd}/cr/{namespace}/{name}", "/katalog/{crd}/cr/{namespace}/{name}/events", "/katalog/{crd}/events",
    };

    private readonly OperatorRuntime _runtime;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private HttpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _requests;
    private volatile bool _stopping;
    private int _disposed;

    /// <summary>Creates the endpoints of <paramref name="runtime"/>; nothing listens until <see cref="StartAsync"/>.</summary>
    /// <param name="runtime">The runtime reported on.</param>
    /// <param name="logger">Where failing requests and the listening address are logged.</param>
    public RuntimeEndpoints(OperatorRuntime runtime, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(logger);
        _runtime = runtime;
        _logger = logger;
    }

    /// <summary>The port listened on (the one chosen when <see cref="StartAsync"/> was given 0); 0 before starting.</summary>
    public int Port { get; private set; }

    /// <summary>
    /// Starts listening on every interface at <paramref name="port"/> (<c>http://+:{port}/</c>), or on 127.0.0.1 only
    /// when <paramref name="loopbackOnly"/>. Port 0 picks a free port (retried a few times if another process takes it
    /// first); <see cref="Port"/> tells which.
    /// </summary>
    /// <param name="port">The port, 0 for any free one.</param>
    /// <param name="loopbackOnly">Listen on 127.0.0.1 only.</param>
    /// <param name="ct">Cancels starting.</param>
    /// <exception cref="HttpListenerException">The port cannot be listened on.</exception>
    public Task StartAsync(int port, bool loopbackOnly = false, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_listener is not null)
        {
            throw new InvalidOperationException("the endpoints are already started");
        }

        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            var chosen = port == 0 ? FreePort(loopbackOnly) : port;
            var listener = new HttpListener { IgnoreWriteExceptions = true };
            listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://{(loopbackOnly ? "127.0.0.1" : "+")}:{chosen}/"));
            try
            {
                listener.Start();
            }
            catch (HttpListenerException ex) when (port == 0 && attempt < PortAttempts)
            {
                // Another process took the free port between probing and listening: try another.
                _logger.LogDebug(ex, "port {Port} was taken; trying another", chosen);
                listener.Close();
                continue;
            }
            catch
            {
                listener.Close();
                throw;
            }

            _listener = listener;
            Port = chosen;
            break;
        }

        _logger.LogInformation("serving /startup, /health, /ready, /metrics and /katalog on {Address}:{Port}", loopbackOnly ? "127.0.0.1" : "*", Port);
        _accepting = Task.Run(() => AcceptAsync(_listener), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting requests, lets the requests in flight complete (a few seconds at most), and closes the listener.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping = true;
        var listener = _listener;
        if (listener is null)
        {
            return;
        }

        await DrainAsync().ConfigureAwait(false);
        listener.Close(); // ends the pending GetContextAsync
        await _accepting.ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false); // a request accepted while closing
    }

    // A port free right now: bound, read and released (the listener binds it next).
    private static int FreePort(bool loopbackOnly)
    {
        var probe = new TcpListener(loopbackOnly ? IPAddress.Loopback : IPAddress.Any, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    private async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("{Count} HTTP requests still running after {Timeout}; closing anyway", _inFlight.Count, DrainTimeout);
        }
    }

    private async Task AcceptAsync(HttpListener listener)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (_stopping || !listener.IsListening || ex is ObjectDisposedException)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A broken connection, say: the loop keeps serving (after a pause, should the failure repeat).
                _logger.LogWarning(ex, "accepting an HTTP request failed");
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            var id = Interlocked.Increment(ref _requests);
            var handling = Task.Run(() => HandleAsync(context), CancellationToken.None);
            _inFlight[id] = handling;
            _ = handling.ContinueWith(_ => _inFlight.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            Reply reply;
            try
            {
                reply = Route(request.HttpMethod, request.Url?.AbsolutePath ?? "/", request.QueryString["field"]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogError(ex, "{Method} {Path} failed", request.HttpMethod, request.Url?.AbsolutePath);
                reply = Error(HttpStatusCode.InternalServerError, "internal error: " + ex.Message);
            }

            response.StatusCode = reply.Status;
            response.ContentType = reply.ContentType;
            response.Headers["Cache-Control"] = "no-store";
            if (reply.Status == (int)HttpStatusCode.MethodNotAllowed)
            {
                response.Headers["Allow"] = "GET";
            }

            response.ContentLength64 = reply.Body.Length;
            await response.OutputStream.WriteAsync(reply.Body).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The client went away, or the response could not be written: nothing more to do for this request.
            _logger.LogDebug(ex, "writing the response to {Method} {Path} failed", request.HttpMethod, request.Url?.AbsolutePath);
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogDebug(ex, "closing a response failed");
            }
        }
    }

    private Reply Route(string method, string path, string? field)
    {
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path.TrimEnd('/');
        }

        Func<Reply>? handler = path switch
        {
            "/startup" => Startup,
            "/health" or "/healthz" => Health,
            "/ready" or "/readyz" => Ready,
            "/metrics" => Metrics,
            "/katalog" => Katalog,
            _ => null,
        };

        if (handler is null && path.StartsWith("/katalog/", StringComparison.Ordinal))
        {
            var rest = path["/katalog/".Length..].Split('/');
            var name = Uri.UnescapeDataString(rest[0]);
            if (rest.Length == 1)
            {
                handler = () => Find(name) is { } c ? CrdDetail(c) : UnknownCrd(name);
            }
            else if (rest.Length == 2 && rest[1] == "health")
            {
                handler = () => Find(name) is { } c ? CrdHealth(c) : UnknownCrd(name);
            }
            else if (rest.Length == 2 && rest[1] == "events")
            {
                handler = () => Find(name) is { } c ? Events(c, null) : UnknownCrd(name);
            }
            else if (rest.Length == 2 && rest[1] == "cr")
            {
                handler = () => Find(name) is { } c ? Crs(c, field) : UnknownCrd(name);
            }
            else if (rest.Length >= 3 && rest[1] == "cr")
            {
                // cr/{namespace}/{name} or, cluster-scoped, cr/{name}; either followed by /events.
                var events = rest[^1] == "events" && rest.Length > 3;
                var parts = rest[2..(events ? ^1 : ^0)].Select(Uri.UnescapeDataString).ToArray();
                if (parts.Length is 1 or 2)
                {
                    var key = string.Join('/', parts);
                    handler = () => Find(name) is not { } c ? UnknownCrd(name)
                        : c.Crs.Get(parts.Length == 2 ? parts[0] : null, parts[^1]) is not { } cr ? UnknownCr(c, key)
                        : events ? Events(c, key)
                        : CrDetail(c, key, cr);
                }
            }
        }

        if (handler is null)
        {
            return Json(HttpStatusCode.NotFound, w =>
            {
                w.WriteString("error", "not found: " + path);
                w.WriteStartArray("paths");
                foreach (var known in Paths)
                {
                    w.WriteStringValue(known);
                }

                w.WriteEndArray();
            });
        }

        return method == "GET" ? handler() : Error(HttpStatusCode.MethodNotAllowed, $"method {method} not allowed; only GET");
    }

    private Reply Startup()
    {
        var started = _runtime.Started;
        return Json(started ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, w => w.WriteString("status", started ? "started" : "starting"));
    }

    private static Reply Health() => Json(HttpStatusCode.OK, w => w.WriteString("status", "ok"));

    private Reply Ready()
    {
        var reasons = new List<string>();
        if (!_runtime.Started)
        {
            reasons.Add("not started: caches not synced (" + string.Join(", ", _runtime.Controllers.Where(c => !c.Crs.HasSynced).Select(c => c.Name)) + ")");
        }

        foreach (var controller in _runtime.Controllers)
        {
            if (controller.State == ControllerState.Degraded)
            {
                reasons.Add(DegradedReason(controller));
            }
        }

        var ready = reasons.Count == 0;
        var leader = _runtime.IsLeader;
        return Json(ready ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, w =>
        {
            w.WriteString("status", ready ? "ready" : "not ready");
            w.WriteBoolean("isKonductor", leader);
            w.WriteStartArray("reasons");
            foreach (var reason in reasons)
            {
                w.WriteStringValue(reason);
            }

            w.WriteEndArray();
        });
    }

    private Reply Metrics() =>
        new((int)HttpStatusCode.OK, PrometheusType, Encoding.UTF8.GetBytes(_runtime.Metrics.ToPrometheusText(_runtime.Controllers)));

    private Reply Katalog()
    {
        var controllers = _runtime.Controllers;
        var states = controllers.Select(c => (Controller: c, State: c.State)).ToList();
        var healthy = states.Count(s => s.State == ControllerState.Healthy);
        var gated = states.Count(s => s.State == ControllerState.Gated);
        var degraded = states.Count(s => s.State == ControllerState.Degraded);
        var pending = states.Count(s => s.State == ControllerState.Pending);
        var allHealthy = healthy + gated == states.Count;
        var status = allHealthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;
        var reason = allHealthy ? null : string.Join("; ", states.Where(s => !s.Controller.IsHealthy).Select(s => s.State == ControllerState.Degraded ? DegradedReason(s.Controller) : PendingReason(s.Controller)));
        var namespaces = controllers.Where(c => c.Entry.Namespaced)
            .SelectMany(c => c.Crs.Keys())
            .Select(key => Informer.SplitKey(key).Namespace)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var katalog = _runtime.Katalog;
        return Json(status, w =>
        {
            w.WriteString("name", katalog.Name);
            w.WriteString("version", katalog.Version);
            w.WriteBoolean("healthy", allHealthy);
            w.WriteNumber("status", (int)status);
            w.WriteString("degradedReason", reason);
            w.WriteBoolean("isKonductor", _runtime.IsLeader);
            w.WriteNumber("total", katalog.Crds.Count);
            w.WriteNumber("enabled", controllers.Count);
            w.WriteNumber("degraded", degraded);
            w.WriteStartObject("statusCounts");
            w.WriteNumber("healthy", healthy);
            w.WriteNumber("gated", gated);
            w.WriteNumber("degraded", degraded);
            w.WriteNumber("pending", pending);
            w.WriteEndObject();
            w.WriteStartArray("namespaces");
            foreach (var ns in namespaces)
            {
                w.WriteStringValue(ns);
            }

            w.WriteEndArray();
            w.WriteStartArray("crds");
            foreach (var (controller, state) in states)
            {
                w.WriteStartObject();
                w.WriteString("name", controller.Name);
                w.WriteString("kind", controller.Kind);
                w.WriteString("apiVersion", controller.ApiVersion);
                w.WriteString("state", StateName(state));
                w.WriteNumber("workers", controller.Workers);
                w.WriteString("resync", FormatDuration(controller.Resync));
                w.WriteNumber("queueDepth", controller.QueueDepth);
                w.WriteNumber("resources", controller.Crs.Count);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private Reply CrdDetail(CrdController controller)
    {
        var succeeded = controller.Succeeded;
        var failed = controller.Failed;
        var total = succeeded + failed;
        return Json(HttpStatusCode.OK, w =>
        {
            w.WriteString("name", controller.Name);
            w.WriteString("kind", controller.Kind);
            w.WriteString("apiVersion", controller.ApiVersion);
            w.WriteBoolean("namespaced", controller.Entry.Namespaced);
            w.WriteString("state", StateName(controller.State));
            w.WriteStartObject("workers");
            w.WriteNumber("current", controller.Workers);
            w.WriteString("source", WorkersConfigured(controller) ? "configured" : "default");
            w.WriteEndObject();
            w.WriteString("resync", FormatDuration(controller.Resync));
            w.WriteStartObject("queue");
            w.WriteNumber("depth", controller.QueueDepth);
            w.WriteEndObject();
            w.WriteNumber("resources", controller.Crs.Count);
            w.WriteNumber("gatedResources", controller.GatedCount);
            w.WriteStartArray("dependsOn");
            foreach (var dependency in controller.Entry.DependsOn)
            {
                w.WriteStartObject();
                w.WriteString("crd", dependency.Crd);
                w.WriteString("condition", dependency.Condition);
                w.WriteString("state", Find(dependency.Crd) is { } other ? StateName(other.State) : "disabled");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("metrics");
            w.WriteNumber("workers", controller.Workers);
            w.WriteNumber("queueDepth", controller.QueueDepth);
            w.WriteNumber("succeeded", succeeded);
            w.WriteNumber("failed", failed);
            w.WriteNumber("successRate", Percent(succeeded, total));
            w.WriteNumber("errorRate", Percent(failed, total));
            w.WriteEndObject();
            w.WriteString("lastError", controller.LastError);
        });
    }

    private Reply CrdHealth(CrdController controller)
    {
        var state = controller.State;
        var unhealthyDependencies = controller.Entry.DependsOn.Any(d => Find(d.Crd) is { } other && !other.IsHealthy);
        var healthy = state is ControllerState.Healthy or ControllerState.Gated;
        return Json(healthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, w =>
        {
            w.WriteString("name", controller.Name);
            w.WriteString("state", StateName(state));
            w.WriteBoolean("healthy", healthy);
            w.WriteBoolean("gated", state == ControllerState.Gated);
            w.WriteNumber("gatedResources", controller.GatedCount);
            w.WriteBoolean("isKonductor", _runtime.IsLeader);
            w.WriteNumber("consecutiveFailures", controller.ConsecutiveFailures);
            w.WriteNumber("succeeded", controller.Succeeded);
            w.WriteNumber("failed", controller.Failed);
            w.WriteString("lastError", controller.LastError);
            w.WriteBoolean("hasUnhealthyDependencies", unhealthyDependencies);
        });
    }

    // The CRs in the cache (managedFields stripped), by key; with a field path, each CR's value there instead.
    private static Reply Crs(CrdController controller, string? field)
    {
        var path = field?.Trim().TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        var keys = controller.Crs.Keys().Order(StringComparer.Ordinal).ToList();
        return Json(HttpStatusCode.OK, w =>
        {
            w.WriteString("crd", controller.Name);
            w.WriteString("apiVersion", controller.ApiVersion);
            w.WriteString("kind", controller.Kind);
            if (path is not null)
            {
                w.WriteString("field", string.Join('.', path));
            }

            w.WriteStartArray("items");
            var count = 0;
            foreach (var key in keys)
            {
                var (ns, name) = Informer.SplitKey(key);
                if (controller.Crs.Get(ns, name) is not { } cr)
                {
                    continue; // deleted meanwhile
                }

                count++;
                if (path is null)
                {
                    cr.WriteTo(w);
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("namespace", ns);
                w.WriteString("name", name);
                w.WritePropertyName("value");
                if (Lookup(cr, path) is { } value)
                {
                    value.WriteTo(w);
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("count", count);
        });
    }

    // One CR with its gate and its children (from the runtime's caches) by kind.
    private Reply CrDetail(CrdController controller, string key, JsonObject cr)
    {
        var uid = (string?)cr["metadata"]?["uid"] ?? string.Empty;
        var children = _runtime.ChildrenOf(uid)
            .GroupBy(c => c.Watch.Kind, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var gate = controller.GatedBy(key);
        return Json(HttpStatusCode.OK, w =>
        {
            w.WriteString("crd", controller.Name);
            w.WriteString("namespace", (string?)cr["metadata"]?["namespace"]);
            w.WriteString("name", (string?)cr["metadata"]?["name"]);
            w.WriteBoolean("gated", gate is not null);
            w.WriteString("gatedBy", gate);
            w.WritePropertyName("object");
            cr.WriteTo(w);
            w.WriteStartObject("children");
            foreach (var kind in children)
            {
                w.WriteStartArray(kind.Key);
                foreach (var (_, child) in kind.OrderBy(c => (string?)c.Child["metadata"]?["namespace"], StringComparer.Ordinal).ThenBy(c => (string?)c.Child["metadata"]?["name"], StringComparer.Ordinal))
                {
                    child.WriteTo(w);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
    }

    // The events recorded on the CRD's CRs (or on the CR of key), newest first.
    private static Reply Events(CrdController controller, string? key)
    {
        var events = controller.RecentEvents
            .Where(e => key is null || (e.Namespace is null ? e.Name : e.Namespace + "/" + e.Name) == key)
            .ToList();
        return Json(HttpStatusCode.OK, w =>
        {
            w.WriteString("crd", controller.Name);
            w.WriteNumber("count", events.Count);
            w.WriteStartArray("events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("namespace", e.Namespace);
                w.WriteString("name", e.Name);
                w.WriteString("type", e.Type);
                w.WriteString("reason", e.Reason);
                w.WriteString("message", e.Message);
                w.WriteNumber("count", e.Count);
                w.WriteString("firstTimestamp", e.FirstTimestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteString("lastTimestamp", e.LastTimestamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    // The value at a dotted path (array items by index), or null.
    private static JsonNode? Lookup(JsonNode? node, string[] path)
    {
        foreach (var part in path)
        {
            node = node switch
            {
                JsonObject obj => obj[part],
                JsonArray array when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return node;
    }

    private static Reply UnknownCr(CrdController controller, string key) =>
        Json(HttpStatusCode.NotFound, w => w.WriteString(
            "error",
            $"{controller.Kind} {key} is not in the runtime's cache of {controller.Name} ({controller.Crs.Count} CRs); a namespaced CR is /katalog/{controller.Name}/cr/{{namespace}}/{{name}}, a cluster-scoped one /katalog/{controller.Name}/cr/{{name}}"));

    private Reply UnknownCrd(string name)
    {
        var known = _runtime.Controllers.Select(c => c.Name).ToList();
        return Json(HttpStatusCode.NotFound, w =>
        {
            w.WriteString("error", $"unknown CRD '{name}'; known: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
            w.WriteStartArray("known");
            foreach (var key in known)
            {
                w.WriteStringValue(key);
            }

            w.WriteEndArray();
        });
    }

    // The controller of a katalog key (exact, else ignoring case).
    private CrdController? Find(string name) =>
        _runtime.Controllers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
        ?? _runtime.Controllers.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private string PendingReason(CrdController controller) =>
        !controller.Crs.HasSynced ? controller.Name + ": pending (cache not synced; is the CRD installed?)"
        : !_runtime.IsLeader ? controller.Name + ": pending (not the konductor)"
        : controller.Name + ": pending (waiting for its dependencies)";

    private static string DegradedReason(CrdController controller) =>
        $"{controller.Name}: degraded after {controller.ConsecutiveFailures} consecutive failures" + (controller.LastError is { } error ? ": " + error : string.Empty);

    // Workers come from the katalog's workers (or an override that differs from the default 3).
    private static bool WorkersConfigured(CrdController controller) =>
        (int.TryParse(controller.Entry.Workers, NumberStyles.Integer, CultureInfo.InvariantCulture, out var declared) && declared > 0) || controller.Workers != 3;

    private static double Percent(long part, long total) => total == 0 ? 0 : Math.Round(100.0 * part / total, 2);

    private static string StateName(ControllerState state) => state switch
    {
        ControllerState.Healthy => "healthy",
        ControllerState.Degraded => "degraded",
        ControllerState.Gated => "gated",
        _ => "pending",
    };

    // Go's time.Duration.String() for whole milliseconds: 30s, 1m30s, 1h0m0s, 500ms.
    private static string FormatDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        var hours = (long)duration.TotalHours;
        var seconds = (duration.Seconds + (duration.Milliseconds / 1000.0)).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h{duration.Minutes}m{seconds}")
            : duration.Minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m{seconds}")
            : seconds;
    }

    private static Reply Error(HttpStatusCode status, string message) => Json(status, w => w.WriteString("error", message));

    private static Reply Json(HttpStatusCode status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return new Reply((int)status, JsonType, buffer.WrittenMemory.ToArray());
    }

    private sealed record Reply(int Status, string ContentType, byte[] Body);
}
