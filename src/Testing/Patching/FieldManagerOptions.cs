namespace Orkestra.Testing.Patching;

/// <summary>Who writes, and how, for <see cref="ServerSideApply.Apply"/> and <see cref="ServerSideApply.RecordUpdate"/>.</summary>
/// <param name="Manager">The <c>fieldManager</c> of the request.</param>
/// <param name="MergeKeys">The list merge keys of the object's kind.</param>
public sealed record FieldManagerOptions(string Manager, MergeKeys MergeKeys)
{
    /// <summary>The <c>force</c> of an apply request: take the conflicting fields over instead of failing.</summary>
    public bool Force { get; init; }

    /// <summary>The subresource written (<c>status</c>, <c>scale</c>), or null for the object itself.</summary>
    public string? Subresource { get; init; }

    /// <summary>
    /// Top-level fields this request may not change and the managers do not own through it: <c>status</c> for a write
    /// to the object of a kind with a status subresource, and the other way round for a write to <c>/status</c>. The
    /// server keeps the live values of these fields; an applied configuration's values for them are ignored.
    /// </summary>
    public IReadOnlyList<string> ResetFields { get; init; } = [];

    /// <summary>The time to record for the manager; now when null.</summary>
    public DateTimeOffset? Time { get; init; }
}
