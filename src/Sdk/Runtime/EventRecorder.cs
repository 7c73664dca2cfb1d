using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Hooks;
using Orkestra.Kubernetes;
using Orkestra.Resources;

namespace Orkestra.Runtime;

/// <summary>
/// Writes Kubernetes Events (<c>v1 Event</c>) about CRs, as <c>kubectl describe</c> shows them. As client-go's recorder
/// does, it writes in the background (a reconcile does not wait for its events), raises the count of an existing
/// event on a repeat instead of creating a new one, and drops events (with a warning) when too many are waiting.
/// Failing to write an event is logged, never fatal.
/// </summary>
internal sealed class EventRecorder(IKubeClient client, ILogger logger)
{
    private const string Component = "orkestra-runtime";
    private const int MaxRemembered = 4096;
    private const int MaxWaiting = 1000;
    private const int Writers = 4;

    private readonly ConcurrentDictionary<string, (string Name, string Namespace, int Count)> _recent = new(StringComparer.Ordinal);
    private readonly Channel<Pending> _waiting = Channel.CreateBounded<Pending>(new BoundedChannelOptions(MaxWaiting) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an event on <paramref name="involved"/> (a CR as read); <see cref="RunAsync"/> writes it.</summary>
    public void Record(JsonObject involved, EmittedEvent record)
    {
        var metadata = involved["metadata"] as JsonObject;
        var pending = new Pending(
            (string?)involved["apiVersion"],
            (string?)involved["kind"],
            (string?)metadata?["name"] ?? string.Empty,
            (string?)metadata?["namespace"] ?? "default",
            (string?)metadata?["uid"] ?? string.Empty,
            record,
            DateTimeOffset.UtcNow);
        if (!_waiting.Writer.TryWrite(pending))
        {
            logger.LogWarning("dropped event {Reason} on {Kind} {Namespace}/{Name}: {Count} events are waiting to be written", record.Reason, pending.Kind, pending.Namespace, pending.Name, MaxWaiting);
        }
    }

    /// <summary>
    /// Writes the queued events until <paramref name="stopping"/> is cancelled, then the ones still waiting, giving up
    /// on those when <paramref name="abort"/> is cancelled.
    /// </summary>
    public Task RunAsync(CancellationToken stopping, CancellationToken abort) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteAllAsync(stopping, abort), CancellationToken.None)));

    private async Task WriteAllAsync(CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            while (true)
            {
                while (_waiting.Reader.TryRead(out var pending))
                {
                    await WriteAsync(pending, abort).ConfigureAwait(false);
                }

                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    await _waiting.Reader.WaitToReadAsync(stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    // One more pass writes what is still waiting.
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Out of time while shutting down: what is still waiting is dropped.
        }
    }

    private async Task WriteAsync(Pending pending, CancellationToken cancellationToken)
    {
        var record = pending.Record;
        var type = record.Warning ? "Warning" : "Normal";
        var message = record.Message.Length > 1024 ? record.Message[..1021] + "..." : record.Message;
        var key = pending.Uid + "\n" + type + "\n" + record.Reason + "\n" + message;
        var now = pending.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        try
        {
            if (_recent.TryGetValue(key, out var seen))
            {
                var count = seen.Count + 1;
                var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = now };
                await client.PatchAsync("v1", "Event", seen.Name, seen.Namespace, PatchKind.Merge, patch, cancellationToken: cancellationToken).ConfigureAwait(false);
                _recent[key] = (seen.Name, seen.Namespace, count);
                return;
            }

            var eventName = pending.Name + "." + Guid.NewGuid().ToString("N")[..16];
            var evt = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = eventName, ["namespace"] = pending.Namespace },
                ["involvedObject"] = new JsonObject
                {
                    ["apiVersion"] = pending.ApiVersion,
                    ["kind"] = pending.Kind,
                    ["name"] = pending.Name,
                    ["namespace"] = pending.Namespace,
                    ["uid"] = pending.Uid,
                },
                ["reason"] = record.Reason,
                ["message"] = message,
                ["type"] = type,
                ["count"] = 1,
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["source"] = new JsonObject { ["component"] = Component },
                ["reportingComponent"] = Component,
            };
            await client.CreateAsync(evt, cancellationToken).ConfigureAwait(false);
            if (_recent.Count >= MaxRemembered)
            {
                _recent.Clear();
            }

            _recent[key] = (eventName, pending.Namespace, 1);
        }
        catch (KubeNotFoundException)
        {
            _recent.TryRemove(key, out _); // the event expired; the next one is created anew
        }
        catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning("could not record event {Reason} on {Kind} {Namespace}/{Name}: {Error}", record.Reason, pending.Kind, pending.Namespace, pending.Name, ex.Message);
        }
    }

    // An event waiting to be written, with what it needs of the involved object (not the object itself).
    private sealed record Pending(string? ApiVersion, string? Kind, string Name, string Namespace, string Uid, EmittedEvent Record, DateTimeOffset At);

    /// <summary>An <see cref="IEventRecorder"/> for a hook: it collects events, written after the hook returns.</summary>
    public sealed class Collector : IEventRecorder
    {
        private readonly ConcurrentQueue<EmittedEvent> _events = new();

        /// <summary>The events recorded so far.</summary>
        public IReadOnlyCollection<EmittedEvent> Events => _events;

        /// <inheritdoc/>
        public void Normal(string reason, string message) => _events.Enqueue(new EmittedEvent(false, reason, message));

        /// <inheritdoc/>
        public void Warning(string reason, string message) => _events.Enqueue(new EmittedEvent(true, reason, message));
    }
}
