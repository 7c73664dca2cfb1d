using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes.Client;

/// <summary>Reads the <c>Status</c> of a failed response (or makes one from the HTTP code and the body when it is none).</summary>
internal static class ApiStatusReader
{
    private const int BodyExcerpt = 500;

    /// <summary>The Status in <paramref name="body"/>, completed by the HTTP code and the <c>Retry-After</c> header.</summary>
    public static ApiStatus Read(HttpStatusCode code, byte[] body, TimeSpan? retryAfter)
    {
        JsonObject? parsed = null;
        try
        {
            parsed = body.Length == 0 ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // Not JSON: a proxy's page, for example.
        }

        if (parsed is not null && Text(parsed, "kind") == "Status")
        {
            var status = FromStatus(parsed, (int)code);
            return retryAfter is null ? status : status with { RetryAfter = retryAfter };
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length > BodyExcerpt)
        {
            text = text[..BodyExcerpt] + "…";
        }

        var message = text.Length > 0
            ? text
            : "the server answered HTTP " + ((int)code).ToString(CultureInfo.InvariantCulture) + " without a body";
        return new ApiStatus((int)code, ReasonOf(code), message) { RetryAfter = retryAfter };
    }

    /// <summary>A <c>Status</c> object as an <see cref="ApiStatus"/> (as a watch's ERROR event carries it).</summary>
    public static ApiStatus FromStatus(JsonObject status, int fallbackCode)
    {
        var code = status["code"] is JsonValue codeValue && codeValue.TryGetValue<int>(out var number) && number > 0 ? number : fallbackCode;
        var details = status["details"] as JsonObject;
        var causes = (details?["causes"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => new ApiStatusCause(Text(c, "reason") ?? string.Empty, Text(c, "message") ?? string.Empty, Text(c, "field")))
            .ToList();
        TimeSpan? retryAfter = details?["retryAfterSeconds"] is JsonValue seconds && seconds.TryGetValue<int>(out var s) && s > 0 ? TimeSpan.FromSeconds(s) : null;
        return new ApiStatus(code, Text(status, "reason") ?? ReasonOf((HttpStatusCode)code), Text(status, "message") ?? string.Empty)
        {
            Name = Text(details, "name"),
            Kind = Text(details, "kind"),
            Causes = causes is { Count: > 0 } ? causes : Array.Empty<ApiStatusCause>(),
            RetryAfter = retryAfter,
        };
    }

    // The reason kube-apiserver gives each code.
    private static string ReasonOf(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => "BadRequest",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.MethodNotAllowed => "MethodNotAllowed",
        HttpStatusCode.NotAcceptable => "NotAcceptable",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.Gone => "Expired",
        HttpStatusCode.RequestEntityTooLarge => "RequestEntityTooLarge",
        HttpStatusCode.UnsupportedMediaType => "UnsupportedMediaType",
        HttpStatusCode.UnprocessableEntity => "Invalid",
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.InternalServerError => "InternalError",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.GatewayTimeout => "Timeout",
        _ => string.Empty,
    };

    private static string? Text(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
