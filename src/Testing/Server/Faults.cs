using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace Orkestra.Testing.Server;

/// <summary>
/// Injected faults: a latency before every request, and the next N requests answered with an error Status (the
/// health and version paths excepted, so readiness checks keep telling the truth).
/// </summary>
internal sealed class Faults
{
    private readonly Lock _gate = new();
    private int _failures;
    private HttpStatusCode _status;
    private TimeSpan? _retryAfter;

    public TimeSpan Latency { get; set; }

    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            _failures = count;
            _status = status;
            _retryAfter = retryAfter;
        }
    }

    /// <summary>Delays the request, then answers it with the injected error if one is due; true when it did.</summary>
    public async Task<bool> InterceptAsync(HttpContext context)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        HttpStatusCode status;
        TimeSpan? retryAfter;
        lock (_gate)
        {
            if (_failures == 0 || Security.RequestAuthenticator.IsPublic(context.Request.Path))
            {
                return false;
            }

            _failures--;
            status = _status;
            retryAfter = _retryAfter;
        }

        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var (reason, message) = status switch
        {
            HttpStatusCode.TooManyRequests => ("TooManyRequests", "Too many requests, please try again later."),
            HttpStatusCode.ServiceUnavailable => ("ServiceUnavailable", "The server is currently unable to handle the request (injected fault)"),
            _ => ("InternalError", "Internal error occurred: injected fault"),
        };
        await Responses.WriteStatusAsync(context, new ApiException((int)status, reason, message));
        return true;
    }
}
