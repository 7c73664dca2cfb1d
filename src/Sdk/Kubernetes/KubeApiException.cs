using System.Net;

namespace Orkestra.Kubernetes;

/// <summary>
/// A request the Kubernetes API refused or failed: the HTTP code and the API's <c>Status</c> (reason, message,
/// details). Subclasses name the cases code reacts to; <see cref="Create(ApiStatus, string)"/> picks one.
/// </summary>
public class KubeApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The API's Status.</param>
    /// <param name="request">What was asked (<c>PATCH apps/v1 Deployment default/web</c>), prefixed to the message.</param>
    public KubeApiException(ApiStatus status, string request)
        : base(request + ": " + (status ?? throw new ArgumentNullException(nameof(status))).Describe())
    {
        Status = status;
        Request = request;
    }

    /// <summary>The API's Status.</summary>
    public ApiStatus Status { get; }

    /// <summary>What was asked.</summary>
    public string Request { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status.Code;

    /// <summary>The exception that fits <paramref name="status"/>.</summary>
    public static KubeApiException Create(ApiStatus status, string request)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Code switch
        {
            404 => new KubeNotFoundException(status, request),
            409 when status.Reason == "AlreadyExists" => new KubeAlreadyExistsException(status, request),
            409 => new KubeConflictException(status, request),
            410 => new KubeGoneException(status, request),
            422 => new KubeInvalidException(status, request),
            429 => new KubeTooManyRequestsException(status, request),
            401 or 403 => new KubeForbiddenException(status, request),
            _ => new KubeApiException(status, request),
        };
    }
}

/// <summary>The object (or the kind) does not exist: 404.</summary>
public sealed class KubeNotFoundException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>The write lost a race (stale resourceVersion, failed precondition) or an apply conflicts with another field manager: 409.</summary>
public sealed class KubeConflictException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>A create of an object that exists: 409 AlreadyExists.</summary>
public sealed class KubeAlreadyExistsException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>The resourceVersion a watch or list asked for is too old: 410 Gone (list again).</summary>
public sealed class KubeGoneException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>The object is invalid: 422, with one <see cref="ApiStatusCause"/> per field at fault.</summary>
public sealed class KubeInvalidException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>The server asks the client to slow down: 429 (retries honour <see cref="ApiStatus.RetryAfter"/>).</summary>
public sealed class KubeTooManyRequestsException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>The credentials were refused (401) or the user may not do this (403: RBAC).</summary>
public sealed class KubeForbiddenException(ApiStatus status, string request) : KubeApiException(status, request);

/// <summary>The Kubernetes API's <c>Status</c> object (<c>kind: Status</c>) of a failed request.</summary>
/// <param name="Code">The HTTP status code.</param>
/// <param name="Reason">The machine-readable reason (<c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>, …); empty when the server gave none.</param>
/// <param name="Message">The human-readable message.</param>
public sealed record ApiStatus(int Code, string Reason, string Message)
{
    /// <summary><c>details.name</c>: the object concerned.</summary>
    public string? Name { get; init; }

    /// <summary><c>details.kind</c>: its kind (or resource).</summary>
    public string? Kind { get; init; }

    /// <summary><c>details.causes</c>: for 422, one per invalid field.</summary>
    public IReadOnlyList<ApiStatusCause> Causes { get; init; } = Array.Empty<ApiStatusCause>();

    /// <summary><c>details.retryAfterSeconds</c> or the <c>Retry-After</c> header: how long the server asks to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The message, with the causes the message does not already name.</summary>
    public string Describe()
    {
        var text = Message.Length > 0 ? Message : (Reason.Length > 0 ? Reason : "HTTP " + Code);
        var extra = Causes.Where(c => !text.Contains(c.Message, StringComparison.Ordinal))
            .Select(c => string.IsNullOrEmpty(c.Field) ? c.Message : c.Field + ": " + c.Message)
            .ToList();
        return extra.Count == 0 ? text : text + " (" + string.Join("; ", extra) + ")";
    }
}

/// <summary>One cause of a failed request (<c>details.causes[]</c>).</summary>
/// <param name="Reason">Such as <c>FieldValueRequired</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Field">The field at fault (<c>spec.replicas</c>), when one is.</param>
public sealed record ApiStatusCause(string Reason, string Message, string? Field);
