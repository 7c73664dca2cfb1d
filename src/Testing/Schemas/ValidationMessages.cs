namespace Orkestra.Testing.Schemas;

/// <summary>The API server's wording for rejected objects and unknown fields, built from <see cref="FieldError"/>s and pruned paths.</summary>
public static class ValidationMessages
{
    /// <summary>
    /// The message of a 422 Invalid Status: <c>Website.example.com "x" is invalid: spec.replicas: Invalid value: …</c>,
    /// the errors in brackets when there are several, repeated messages once.
    /// </summary>
    /// <param name="qualifiedKind">The kind and group, as <c>Website.example.com</c> (just <c>Pod</c> for the core group).</param>
    /// <param name="name">The object's name.</param>
    /// <param name="errors">The field errors, in order.</param>
    public static string Invalid(string qualifiedKind, string name, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var head = $"{qualifiedKind} {GoFormat.Quote(name)} is invalid";
        var distinct = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count switch
        {
            0 => head,
            1 => $"{head}: {distinct[0]}",
            _ => $"{head}: [{string.Join(", ", distinct)}]",
        };
    }

    /// <summary>
    /// The message of the 400 BadRequest for <c>fieldValidation=Strict</c>:
    /// <c>strict decoding error: unknown field "spec.foo", unknown field "spec.bar"</c>.
    /// </summary>
    /// <param name="unknownFields">The pruned paths, as <see cref="StructuralSchema.Prune"/> returns them.</param>
    public static string StrictDecodingError(IEnumerable<string> unknownFields) =>
        "strict decoding error: " + string.Join(", ", unknownFields.Select(UnknownField));

    /// <summary>One <c>Warning</c> header's text for <c>fieldValidation=Warn</c>: <c>unknown field "spec.foo"</c>.</summary>
    /// <param name="path">A pruned path.</param>
    public static string UnknownField(string path) => "unknown field " + GoFormat.Quote(path);
}
