using System.Text.Json.Nodes;

namespace Orkestra.Testing.Schemas;

/// <summary>
/// One invalid field of an object, shaped like a cause of the API server's 422 <c>Status</c>: <see cref="Reason"/> is
/// the cause type (<c>FieldValueInvalid</c>, …), <see cref="Field"/> the field path (<c>spec.replicas</c>),
/// <see cref="Message"/> what the server writes after the path (<c>Invalid value: "string": spec.replicas in body must be
/// of type integer: "string"</c>).
/// </summary>
/// <param name="Reason">The cause type: <c>FieldValueRequired</c>, <c>FieldValueInvalid</c>, <c>FieldValueTypeInvalid</c>,
/// <c>FieldValueNotSupported</c>, <c>FieldValueDuplicate</c>, <c>FieldValueTooLong</c> or <c>FieldValueTooMany</c>.</param>
/// <param name="Field">The path of the field; <c>&lt;nil&gt;</c> for errors the server does not attribute to a field (anyOf, oneOf, …).</param>
/// <param name="Message">The error body, as the server puts it in the cause's <c>message</c>.</param>
public sealed record FieldError(string Reason, string Field, string Message)
{
    /// <summary>The error as the server prints it in the Status message: <c>field: message</c>.</summary>
    public override string ToString() => $"{Field}: {Message}";

    internal static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", field, detail.Length == 0 ? "Required value" : "Required value: " + detail);

    internal static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", field, $"Invalid value: {GoFormat.BadValue(value)}: {detail}");

    internal static FieldError TypeInvalid(string field, JsonNode? value, string detail) =>
        new("FieldValueTypeInvalid", field, $"Invalid value: {GoFormat.BadValue(value)}: {detail}");

    internal static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new("FieldValueNotSupported", field, $"Unsupported value: {GoFormat.BadValue(value)}: supported values: {string.Join(", ", supported.Select(GoFormat.Quote))}");

    internal static FieldError Duplicate(string field, JsonNode? value) =>
        new("FieldValueDuplicate", field, $"Duplicate value: {GoFormat.BadValue(value)}");

    internal static FieldError TooLong(string field, long maxLength) =>
        new("FieldValueTooLong", field, $"Too long: may not be more than {maxLength} {(maxLength == 1 ? "byte" : "bytes")}");

    internal static FieldError TooMany(string field, long actual, long max) =>
        new("FieldValueTooMany", field, $"Too many: {actual}: must have at most {max} {(max == 1 ? "item" : "items")}");
}
