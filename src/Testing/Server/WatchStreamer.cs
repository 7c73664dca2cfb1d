using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orkestra.Testing.Server;

/// <summary>
/// Serves a watch: newline-delimited JSON events over a chunked response, flushed per batch, with the query's
/// namespace and selectors applied (an object moving into or out of the selection is ADDED or DELETED), periodic
/// BOOKMARKs when asked, and 410 Gone as an ERROR event when the start version is older than the history.
/// </summary>
internal sealed class WatchStreamer(ObjectStore store, TimeSpan bookmarkInterval, CancellationToken serverStopping)
{
    public async Task StreamAsync(HttpContext context, ListQuery query)
    {
        long? from = null;
        if (query.ResourceVersion is { } text and not "0")
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw StatusErrors.BadRequest($"invalid resource version: {text}");
            }
            from = version;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        if (query.TimeoutSeconds is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = Responses.Json;
        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(query.Type.QualifiedResource, from);
        }
        catch (ApiException gone) when (gone.Code == 410)
        {
            await WriteAsync(context, writer => WriteEvent(writer, "ERROR", w => gone.ToStatus().WriteTo(w)), CancellationToken.None);
            return;
        }
        using (subscription)
        {
            await context.Response.StartAsync(stop.Token);
            await context.Response.BodyWriter.FlushAsync(stop.Token);
            try
            {
                await PumpAsync(context, query, subscription, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Timeout, client gone or server stopping: the watch ends.
            }
        }
    }

    private async Task PumpAsync(HttpContext context, ListQuery query, WatchSubscription subscription, CancellationToken token)
    {
        var reader = subscription.Events;
        long lastSent = 0;
        Task<bool>? waiting = null;
        Task? bookmarkDue = null;
        while (true)
        {
            var known = store.CurrentVersion;
            var buffer = new ArrayBufferWriter<byte>();
            while (reader.TryRead(out var change))
            {
                if (Filter(query, change) is { } type)
                {
                    using var writer = new Utf8JsonWriter(buffer);
                    WriteEvent(writer, type, w =>
                    {
                        if (query.AsTable)
                        {
                            TableConverter.Convert(query.Type, [change.Object], resourceVersion: null, continueToken: null, query.IncludeObject).WriteTo(w);
                        }
                        else
                        {
                            Responses.WriteObject(w, query.Type, change.Object);
                        }
                    });
                    writer.Flush();
                    buffer.Write("\n"u8);
                }
                lastSent = Math.Max(lastSent, change.ResourceVersion);
            }
            if (buffer.WrittenCount > 0)
            {
                await context.Response.BodyWriter.WriteAsync(buffer.WrittenMemory, token);
                await context.Response.BodyWriter.FlushAsync(token);
            }
            waiting ??= reader.WaitToReadAsync(token).AsTask();
            if (query.AllowBookmarks)
            {
                bookmarkDue ??= Task.Delay(bookmarkInterval, token);
                if (await Task.WhenAny(waiting, bookmarkDue) == bookmarkDue)
                {
                    await bookmarkDue;
                    bookmarkDue = null;
                    var version = Math.Max(known, lastSent).ToString(CultureInfo.InvariantCulture);
                    await WriteAsync(context, writer => WriteEvent(writer, "BOOKMARK", w => Bookmark(w, query.Type, version)), token);
                    continue;
                }
            }
            if (!await waiting)
            {
                return;
            }
            waiting = null;
        }
    }

    /// <summary>The event type the watcher sees for a change, or null when the change is outside its selection.</summary>
    private static string? Filter(ListQuery query, WatchEvent change)
    {
        var now = query.Matches(change.Object);
        if (change.Type != "MODIFIED" || change.Previous is null)
        {
            return now ? change.Type : null;
        }
        var before = query.Matches(change.Previous);
        return (before, now) switch
        {
            (true, true) => "MODIFIED",
            (false, true) => "ADDED",
            (true, false) => "DELETED",
            _ => null,
        };
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, CancellationToken token)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        buffer.Write("\n"u8);
        await context.Response.BodyWriter.WriteAsync(buffer.WrittenMemory, token);
        await context.Response.BodyWriter.FlushAsync(token);
    }

    private static void WriteEvent(Utf8JsonWriter writer, string type, Action<Utf8JsonWriter> writeObject)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WritePropertyName("object");
        writeObject(writer);
        writer.WriteEndObject();
    }

    private static void Bookmark(Utf8JsonWriter writer, ResourceType type, string version) =>
        new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version },
        }.WriteTo(writer);
}
