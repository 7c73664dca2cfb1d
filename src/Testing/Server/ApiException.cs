using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>One field problem of an Invalid (422) answer, as a <c>Status</c> cause.</summary>
internal sealed record StatusCause(string Reason, string Message, string Field);

/// <summary>
/// A failure answered with a Kubernetes <c>Status</c> body. Thrown anywhere below the request handler, which writes it.
/// </summary>
internal sealed class ApiException(int code, string reason, string message) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public string? DetailsName { get; init; }

    public string? DetailsGroup { get; init; }

    public string? DetailsKind { get; init; }

    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (DetailsName is not null || DetailsKind is not null || Causes.Count > 0)
        {
            var details = new JsonObject();
            if (DetailsName is not null)
            {
                details["name"] = DetailsName;
            }
            if (!string.IsNullOrEmpty(DetailsGroup))
            {
                details["group"] = DetailsGroup;
            }
            if (DetailsKind is not null)
            {
                details["kind"] = DetailsKind;
            }
            if (Causes.Count > 0)
            {
                details["causes"] = new JsonArray(Causes.Select(c => (JsonNode)new JsonObject
                {
                    ["reason"] = c.Reason,
                    ["message"] = c.Message,
                    ["field"] = c.Field,
                }).ToArray());
            }
            status["details"] = details;
        }
        status["code"] = Code;
        return status;
    }
}

/// <summary>The Status errors the server answers with, worded as kube-apiserver words them.</summary>
internal static class StatusErrors
{
    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found")
        {
            DetailsName = name,
            DetailsGroup = group,
            DetailsKind = resource,
        };

    public static ApiException NotFound(ResourceType type, string name) => NotFound(type.Group, type.Plural, name);

    public static ApiException NamespaceNotFound(string ns) => NotFound("", "namespaces", ns);

    /// <summary>A path or resource the server does not serve at all.</summary>
    public static ApiException PathNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedResource} \"{name}\" already exists")
        {
            DetailsName = name,
            DetailsGroup = type.Group,
            DetailsKind = type.Plural,
        };

    public static ApiException Conflict(ResourceType type, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedResource} \"{name}\": {detail}")
        {
            DetailsName = name,
            DetailsGroup = type.Group,
            DetailsKind = type.Plural,
        };

    public static ApiException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<StatusCause> causes)
    {
        var errors = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var joined = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
        var kind = type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
        return new(422, "Invalid", $"{kind} \"{name}\" is invalid: {joined}")
        {
            DetailsName = name,
            DetailsGroup = type.Group,
            DetailsKind = type.Kind,
            Causes = causes,
        };
    }

    public static ApiException Invalid(ResourceType type, string name, StatusCause cause) => Invalid(type, name, [cause]);

    public static StatusCause InvalidValue(string field, string value, string detail) =>
        new("FieldValueInvalid", $"Invalid value: \"{value}\": {detail}", field);

    public static StatusCause Invalid(string field, string detail) => new("FieldValueInvalid", $"Invalid value: {detail}", field);

    public static StatusCause Required(string field, string detail) =>
        new("FieldValueRequired", $"Required value: {detail}", field);

    public static StatusCause Forbidden(string field, string detail) =>
        new("FieldValueForbidden", $"Forbidden: {detail}", field);

    public static StatusCause Unsupported(string field, string value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported",
            $"Unsupported value: \"{value}\": supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}", field);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);

    public static ApiException NamespaceTerminating(ResourceType type, string name, string ns) =>
        new(403, "Forbidden",
            $"{type.QualifiedResource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated")
        {
            DetailsName = name,
            DetailsGroup = type.Group,
            DetailsKind = type.Plural,
            Causes = [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")],
        };

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
}
