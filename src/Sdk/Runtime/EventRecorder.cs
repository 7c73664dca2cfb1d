using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Orkestra.Hooks;
using Orkestra.Kubernetes;
using Orkestra.Resources;

namespace Orkestra.Runtime;

/// <summary>
/// Writes Kubernetes Events (<c>v1 Event</c>) about CRs, as <c>kubectl describe</c> shows them. A repeat of the same
/// event on the same object raises the existing event's count (as client-go's recorder does) instead of creating a new
/// one. Failing to write an event is logged, never fatal.
/// </summary>
internal sealed class EventRecorder(IKubeClient client, ILogger logger)
{
    private const string Component = "orkestra-runtime";
    private const int MaxRemembered = 4096;

    private readonly ConcurrentDictionary<string, (string Name, string Namespace, int Count)> _recent = new(StringComparer.Ordinal);

    /// <summary>Records an event on <paramref name="involved"/> (a CR as read).</summary>
    public async Task RecordAsync(JsonObject involved, EmittedEvent record, CancellationToken cancellationToken)
    {
        var metadata = involved["metadata"] as JsonObject;
        var name = (string?)metadata?["name"] ?? string.Empty;
        var ns = (string?)metadata?["namespace"] ?? "default";
        var uid = (string?)metadata?["uid"] ?? string.Empty;
        var type = record.Warning ? "Warning" : "Normal";
        var message = record.Message.Length > 1024 ? record.Message[..1021] + "..." : record.Message;
        var key = uid + "\n" + type + "\n" + record.Reason + "\n" + message;
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
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

            var eventName = name + "." + Guid.NewGuid().ToString("N")[..16];
            var evt = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = eventName, ["namespace"] = ns },
                ["involvedObject"] = new JsonObject
                {
                    ["apiVersion"] = involved["apiVersion"]?.DeepClone(),
                    ["kind"] = involved["kind"]?.DeepClone(),
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["uid"] = uid,
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

            _recent[key] = (eventName, ns, 1);
        }
        catch (KubeNotFoundException)
        {
            _recent.TryRemove(key, out _); // the event expired; the next one is created anew
        }
        catch (Exception ex) when (ex is KubeApiException or HttpRequestException or TimeoutException)
        {
            logger.LogWarning("could not record event {Reason} on {Kind} {Namespace}/{Name}: {Error}", record.Reason, (string?)involved["kind"], ns, name, ex.Message);
        }
    }

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
