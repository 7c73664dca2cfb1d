using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Orkestra.Testing.Patching;
using Orkestra.Testing.Schemas;

namespace Orkestra.Testing.Server;

/// <summary>
/// The parsed structural schema and list merge keys of each resource type, made once: a CRD version's schema is
/// parsed the first time one of its objects is written (and again only when the CRD changes, since the schema object
/// is the key); built-in kinds take the built-in merge-key table.
/// </summary>
internal sealed class ObjectSchemas
{
    private readonly ConditionalWeakTable<JsonObject, Parsed> _custom = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MergeKeys> _builtIn = new(StringComparer.Ordinal);

    /// <summary>The structural schema of a custom resource type (null for a built-in kind).</summary>
    public StructuralSchema? Schema(ResourceType type) => Of(type)?.Schema;

    /// <summary>The list merge keys of the type, for strategic merge patch and server-side apply.</summary>
    public MergeKeys MergeKeys(ResourceType type) =>
        Of(type)?.MergeKeys ?? _builtIn.GetOrAdd(type.Kind, static kind => Patching.MergeKeys.ForKind(kind));

    private Parsed? Of(ResourceType type) =>
        type.Schema is { } schema ? _custom.GetValue(schema, static s => Parsed.From(s)) : null;

    private sealed record Parsed(StructuralSchema? Schema, MergeKeys MergeKeys)
    {
        public static Parsed From(JsonObject schema)
        {
            StructuralSchema structural;
            try
            {
                structural = StructuralSchema.Parse(schema);
            }
            catch (ArgumentException)
            {
                // A schema the parser refuses (the CRD's own check reports it): its objects are stored unchecked.
                return new Parsed(null, Patching.MergeKeys.ForKind(string.Empty));
            }

            return new Parsed(structural, Patching.MergeKeys.ForSchema(structural));
        }
    }
}

/// <summary>
/// Custom resources against their CRD version's structural schema, in the API server's order: unknown fields pruned
/// (a 400 under <c>fieldValidation=Strict</c>, a warning under <c>Warn</c>), defaults applied, then validated (422
/// with one cause per field).
/// </summary>
internal sealed class StructuralSchemaCheck(ObjectSchemas schemas)
{
    /// <summary>Prunes, defaults and validates <paramref name="obj"/> in place; returns the warnings to send.</summary>
    /// <exception cref="ApiException">400 for unknown fields under Strict, 422 Invalid with one cause per field.</exception>
    public IReadOnlyList<string> Prepare(ResourceType type, JsonObject obj, string fieldValidation)
    {
        if (schemas.Schema(type) is not { } schema)
        {
            return [];
        }

        var warnings = new List<string>();
        var pruned = schema.Prune(obj);
        if (pruned.Count > 0)
        {
            switch (fieldValidation)
            {
                case "Strict":
                    throw StatusErrors.BadRequest(ValidationMessages.StrictDecodingError(pruned));
                case "Warn":
                    warnings.AddRange(pruned.Select(ValidationMessages.UnknownField));
                    break;
            }
        }

        schema.ApplyDefaults(obj);
        var errors = schema.Validate(obj);
        if (errors.Count > 0)
        {
            throw StatusErrors.Invalid(type, ObjectMeta.Name(obj), errors.Select(e => new StatusCause(e.Reason, e.Message, e.Field)).ToList());
        }

        return warnings;
    }
}

/// <summary>
/// Strategic merge patch (built-in kinds only, as in Kubernetes) and server-side apply, with the list merge keys of
/// the type; a document the patch libraries refuse becomes a 400 or 422 Status, apply conflicts a 409 naming the
/// managers.
/// </summary>
internal sealed class StructuredPatcher(ObjectSchemas schemas)
{
    /// <summary>
    /// The field manager of a write to <paramref name="subresource"/>: a write to the object neither changes nor owns
    /// <c>status</c> of a kind with a status subresource, and a write to <c>/status</c> only that.
    /// </summary>
    public static FieldManagerOptions Manager(ResourceType type, ObjectSchemas schemas, string manager, bool force, Subresource subresource, JsonObject obj) =>
        new(manager, schemas.MergeKeys(type))
        {
            Force = force,
            Subresource = subresource == Subresource.Status ? "status" : null,
            ResetFields = subresource == Subresource.Status
                ? obj.Select(p => p.Key).Where(k => k != "status").ToList()
                : type.HasStatus ? ["status"] : [],
        };

    /// <summary>Applies a strategic merge patch or an apply configuration to <paramref name="current"/> (null: apply creates).</summary>
    /// <exception cref="ApiException">400/422 for a document that cannot be read or applied, 409 for apply conflicts, 415 for a strategic merge patch of a custom resource.</exception>
    public JsonObject Apply(ResourceType type, JsonObject? current, string contentType, ReadOnlyMemory<byte> patch, string? fieldManager, bool force, Subresource subresource)
    {
        try
        {
            return contentType == PatchTypes.StrategicMergePatch
                ? StrategicMerge(type, current!, patch)
                : ServerSideApplied(type, current, patch, fieldManager, force, subresource);
        }
        catch (PatchException ex)
        {
            throw ex.StatusCode == 422
                ? StatusErrors.Invalid(type, current is null ? string.Empty : ObjectMeta.Name(current), StatusErrors.Invalid(string.Empty, ex.Message))
                : StatusErrors.BadRequest(ex.Message);
        }
    }

    private JsonObject StrategicMerge(ResourceType type, JsonObject current, ReadOnlyMemory<byte> patch)
    {
        if (type.IsCustom)
        {
            throw StatusErrors.UnsupportedMediaType(
                $"the body of the request was in an unknown format - accepted media types include: {PatchTypes.JsonPatch}, {PatchTypes.MergePatch}, {PatchTypes.ApplyPatch}");
        }

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(patch.Span);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw StatusErrors.BadRequest("error decoding patch: " + ex.Message);
        }

        return StrategicMergePatch.Apply(current, document as JsonObject ?? throw StatusErrors.BadRequest("error decoding patch: a strategic merge patch must be a JSON object"), schemas.MergeKeys(type));
    }

    private JsonObject ServerSideApplied(ResourceType type, JsonObject? current, ReadOnlyMemory<byte> patch, string? fieldManager, bool force, Subresource subresource)
    {
        if (string.IsNullOrEmpty(fieldManager))
        {
            throw StatusErrors.BadRequest("fieldManager is required for apply requests");
        }

        var configuration = ServerSideApply.ParseConfiguration(System.Text.Encoding.UTF8.GetString(patch.Span));
        var result = ServerSideApply.Apply(current, configuration, Manager(type, schemas, fieldManager, force, subresource, configuration));
        if (!result.Succeeded)
        {
            throw new ApiException(409, "Conflict", result.ConflictMessage)
            {
                DetailsName = ObjectMeta.Name(current ?? configuration),
                DetailsGroup = type.Group,
                DetailsKind = type.Plural,
                Causes = result.Conflicts.Select(c => new StatusCause("FieldManagerConflict", c.Message, c.Field)).ToList(),
            };
        }

        return result.Object!;
    }
}
