using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orkestra.Testing.Server;

/// <summary>Writes JSON answers: objects (at the version the client asked for), lists, Status errors and warnings.</summary>
internal static class Responses
{
    public const string Json = "application/json";

    public static async Task WriteJsonAsync(HttpContext context, int code, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = Json;
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            write(writer);
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteJsonAsync(HttpContext context, int code, JsonNode node) =>
        WriteJsonAsync(context, code, writer => node.WriteTo(writer));

    public static Task WriteObjectAsync(HttpContext context, int code, ResourceType type, JsonObject obj) =>
        WriteJsonAsync(context, code, writer => WriteObject(writer, type, obj));

    /// <summary>401: the request did not authenticate (no or a wrong token, no client certificate of the server's CA).</summary>
    public static Task UnauthorizedAsync(HttpContext context) => WriteStatusAsync(context, new ApiException(401, "Unauthorized", "Unauthorized"));

    public static Task WriteStatusAsync(HttpContext context, ApiException error) =>
        WriteJsonAsync(context, error.Code, error.ToStatus());

    /// <summary>The Status a delete answers when the object went at once and its kind does not return it.</summary>
    public static JsonObject Success(ResourceType type, JsonObject deleted)
    {
        var details = new JsonObject { ["name"] = ObjectMeta.Name(deleted) };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }
        details["kind"] = type.Plural;
        details["uid"] = ObjectMeta.Uid(deleted);
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public static void AddWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "'", StringComparison.Ordinal)}\"");
        }
    }

    /// <summary>Writes a stored object as the requested version of its resource (custom resources share storage across versions).</summary>
    public static void WriteObject(Utf8JsonWriter writer, ResourceType type, JsonObject obj)
    {
        if (ObjectMeta.StringOf(obj["apiVersion"]) == type.GroupVersion)
        {
            obj.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("apiVersion", type.GroupVersion);
        foreach (var (key, value) in obj)
        {
            if (key == "apiVersion")
            {
                continue;
            }
            writer.WritePropertyName(key);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }

    public static void WriteList(Utf8JsonWriter writer, ResourceType type, IEnumerable<JsonObject> items, string resourceVersion, string? continueToken, long? remaining)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", type.ListKind);
        writer.WriteString("apiVersion", type.GroupVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion);
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }
        if (remaining is { } count)
        {
            writer.WriteNumber("remainingItemCount", count);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var item in items)
        {
            WriteObject(writer, type, item);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
