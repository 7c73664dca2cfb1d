using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>Which part of an object a write addresses.</summary>
internal enum Subresource
{
    /// <summary>The object itself (its status is kept when the kind has a status subresource).</summary>
    None,

    /// <summary><c>/status</c>: only the status changes.</summary>
    Status,
}

/// <summary>Query parameters every write takes.</summary>
internal sealed record WriteOptions(bool DryRun, string FieldValidation, string? FieldManager, bool Force)
{
    public static WriteOptions Default { get; } = new(DryRun: false, "Strict", FieldManager: null, Force: false);
}

/// <summary>The <c>DeleteOptions</c> of a delete, from its body and query.</summary>
internal sealed record DeleteRequest(string PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun);

/// <summary>
/// The API semantics over the store: system metadata, generation, name and namespace checks, status subresource
/// rules, finalizers and deletion, CRD serving. Each write is one atomic read-decide-write in the store.
/// </summary>
internal sealed class ObjectService(ObjectStore store, ResourceRegistry registry, ObjectSchemas schemas)
{
    private readonly StructuralSchemaCheck _schema = new(schemas);
    private readonly StructuredPatcher _patcher = new(schemas);

    public const string ForegroundFinalizer = "foregroundDeletion";
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly Lock _crdSync = new();

    /// <summary>Raised after an object started deleting or was removed: the cluster controllers then catch up.</summary>
    public event Action? DeletionProgressed;

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    /// <summary>Allocates Services' cluster IPs and node ports on writes (null: not allocated); set by <see cref="SimulatedControllers"/>.</summary>
    public ServiceAddresses? ServiceAddresses { get; set; }

    public JsonObject Get(ResourceType type, string ns, string name) =>
        store.Get(type.QualifiedResource, ns, name) ?? throw StatusErrors.NotFound(type, name);

    public JsonObject Create(ResourceType type, string ns, JsonObject body, WriteOptions options, ICollection<string> warnings, bool applied = false)
    {
        ObjectRules.CheckTypeMeta(type, body);
        var metadata = ObjectMeta.Metadata(body);
        ns = ObjectRules.ResolveNamespace(type, ns, body);
        var name = ObjectMeta.Name(body);
        if (name.Length == 0 && ObjectMeta.String(body, "generateName") is { Length: > 0 } prefix)
        {
            name = prefix + string.Concat(Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)]));
            metadata["name"] = name;
        }
        ObjectRules.CheckName(type, name);
        foreach (var field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            metadata.Remove(field);
        }
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = ObjectMeta.Now();
        metadata["generation"] = 1;
        if (type.HasStatus)
        {
            body.Remove("status");
        }
        Normalize(type, body, previous: null, options, warnings);
        if (!applied)
        {
            RecordUpdate(type, null, body, Subresource.None, options);
        }

        if (type.CrdName is not null && store.Get(CustomResourceDefinitions.StorageKey, "", type.CrdName) is { } crd && ObjectMeta.IsDeleting(crd))
        {
            throw new ApiException(405, "MethodNotAllowed", "create not allowed while custom resource definition is terminating");
        }
        var result = store.Write(type.QualifiedResource, ns, name, current =>
        {
            if (current is not null)
            {
                throw StatusErrors.AlreadyExists(type, name);
            }
            if (type.Namespaced)
            {
                var owner = store.Get("namespaces", "", ns) ?? throw StatusErrors.NamespaceNotFound(ns);
                if (ObjectMeta.IsDeleting(owner))
                {
                    throw StatusErrors.NamespaceTerminating(type, name, ns);
                }
            }
            ServiceAddresses?.Assign(type, body, previous: null, store);
            return options.DryRun ? new Mutation.Keep(body) : new Mutation.Put(body);
        });
        AfterWrite(type, result);
        return result.Object!;
    }

    /// <summary>PUT: replaces the object (or only its status), with the body's resourceVersion as precondition.</summary>
    public JsonObject Update(ResourceType type, string ns, string name, JsonObject body, Subresource subresource, WriteOptions options, ICollection<string> warnings)
    {
        ObjectRules.CheckTypeMeta(type, body);
        ObjectRules.ResolveNamespace(type, ns, body);
        return Modify(type, ns, name, subresource, options, warnings, _ => body);
    }

    /// <summary>PATCH: applies a patch of the given media type to the current object (or its status); a server-side apply creates a missing object (<c>Created</c>).</summary>
    public (JsonObject Object, bool Created) Patch(ResourceType type, string ns, string name, string contentType, byte[] patch, Subresource subresource, WriteOptions options, ICollection<string> warnings)
    {
        Func<JsonObject, JsonObject> apply = contentType switch
        {
            PatchTypes.MergePatch => current => AsObject(MergePatch.Apply(current, ParsePatch(patch))),
            PatchTypes.JsonPatch => current => AsObject(JsonPatch.Apply(current, ParsePatch(patch))),
            PatchTypes.StrategicMergePatch or PatchTypes.ApplyPatch => current =>
                _patcher.Apply(type, current, contentType, patch, options.FieldManager, options.Force, subresource),
            _ => throw StatusErrors.UnsupportedMediaType(
                $"the body of the request was in an unknown format - accepted media types include: {PatchTypes.JsonPatch}, {PatchTypes.MergePatch}, {PatchTypes.ApplyPatch}, {PatchTypes.StrategicMergePatch}"),
        };
        if (contentType == PatchTypes.ApplyPatch && subresource == Subresource.None && store.Get(type.QualifiedResource, ns, name) is null)
        {
            // Server-side apply creates what does not exist yet.
            var created = _patcher.Apply(type, null, contentType, patch, options.FieldManager, options.Force, subresource);
            if (ObjectMeta.Name(created) != name)
            {
                throw StatusErrors.BadRequest($"the name of the object ({ObjectMeta.Name(created)}) does not match the name on the URL ({name})");
            }
            return (Create(type, ns, created, options, warnings, applied: true), true);
        }
        return (Modify(type, ns, name, subresource, options, warnings, current =>
        {
            var patched = apply((JsonObject)current.DeepClone());
            ObjectRules.CheckTypeMeta(type, patched);
            return patched;
        }, applied: contentType == PatchTypes.ApplyPatch), false);
    }

    /// <summary>Any change computed from the current object: <paramref name="propose"/> runs under the store lock.</summary>
    /// <remarks>
    /// The write is recorded in <c>metadata.managedFields</c> for the request's field manager (an Update), unless it is a
    /// server-side apply (<paramref name="applied"/>), whose proposed object carries its managed fields already.
    /// </remarks>
    public JsonObject Modify(ResourceType type, string ns, string name, Subresource subresource, WriteOptions options, ICollection<string> warnings, Func<JsonObject, JsonObject> propose, bool applied = false)
    {
        var result = store.Write(type.QualifiedResource, ns, name, current =>
        {
            if (current is null)
            {
                throw StatusErrors.NotFound(type, name);
            }
            var proposed = propose(current);
            if (ObjectMeta.String(proposed, "resourceVersion") is { Length: > 0 } expected && expected != ObjectMeta.String(current, "resourceVersion"))
            {
                throw StatusErrors.StaleResourceVersion(type, name);
            }
            if (ObjectMeta.Name(proposed) != name)
            {
                throw StatusErrors.BadRequest($"the name of the object ({ObjectMeta.Name(proposed)}) does not match the name on the URL ({name})");
            }
            var next = ObjectRules.Merge(type, current, proposed, subresource);
            Normalize(type, next, current, options, warnings);
            if (subresource == Subresource.None)
            {
                ServiceAddresses?.Assign(type, next, current, store);
            }
            if (applied)
            {
                ObjectMeta.Metadata(next)["managedFields"] = ObjectMeta.Metadata(proposed)["managedFields"]?.DeepClone();
            }
            else
            {
                RecordUpdate(type, current, next, subresource, options);
            }

            ObjectRules.CheckFinalizers(type, current, next);
            if (!ObjectRules.SameContent(current, next, ignoreMetaAndStatus: true))
            {
                ObjectMeta.Metadata(next)["generation"] = ObjectMeta.Generation(current) + 1;
            }
            if (ObjectRules.SameContent(current, next, ignoreMetaAndStatus: false))
            {
                return new Mutation.Keep(current);
            }
            if (options.DryRun)
            {
                return new Mutation.Keep(next);
            }
            return ObjectMeta.IsDeleting(next) && ObjectMeta.Finalizers(next).Count == 0 && !type.IsBuiltIn("", "namespaces")
                ? new Mutation.Remove()
                : new Mutation.Put(next);
        });
        AfterWrite(type, result);
        return result.Object!;
    }

    /// <summary>Deletes an object: removed at once, or marked deleting while finalizers remain (<see cref="WriteResult.Removed"/> tells which).</summary>
    public WriteResult Delete(ResourceType type, string ns, string name, DeleteRequest request)
    {
        var existing = Get(type, ns, name);
        if (type.IsBuiltIn("", "namespaces") && name is "default" or "kube-system" or "kube-public")
        {
            throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted")
            {
                DetailsName = name,
                DetailsKind = "namespaces",
            };
        }
        CheckPreconditions(type, name, existing, request);
        if (request.DryRun)
        {
            return new WriteResult(existing, Changed: false, Removed: false);
        }
        if (request.PropagationPolicy == "Orphan")
        {
            Orphan(ObjectMeta.Uid(existing));
        }
        var result = store.Write(type.QualifiedResource, ns, name, current =>
        {
            if (current is null)
            {
                throw StatusErrors.NotFound(type, name);
            }
            CheckPreconditions(type, name, current, request);
            var finalizers = ObjectMeta.Finalizers(current);
            if (request.PropagationPolicy == "Foreground" && !finalizers.Contains(ForegroundFinalizer))
            {
                finalizers.Add(ForegroundFinalizer);
            }
            if (type.IsBuiltIn("apiextensions.k8s.io", "customresourcedefinitions") && !finalizers.Contains(CustomResourceDefinitions.CleanupFinalizer))
            {
                finalizers.Add(CustomResourceDefinitions.CleanupFinalizer);
            }
            var isNamespace = type.IsBuiltIn("", "namespaces");
            if (finalizers.Count == 0 && !isNamespace)
            {
                return new Mutation.Remove();
            }
            if (ObjectMeta.IsDeleting(current) && finalizers.Count == ObjectMeta.Finalizers(current).Count)
            {
                return new Mutation.Keep(current);
            }
            var next = (JsonObject)current.DeepClone();
            var metadata = ObjectMeta.Metadata(next);
            metadata["deletionTimestamp"] ??= ObjectMeta.Now();
            metadata["deletionGracePeriodSeconds"] ??= 0;
            ObjectMeta.SetFinalizers(next, finalizers);
            if (isNamespace)
            {
                next["status"] = new JsonObject { ["phase"] = "Terminating" };
            }
            if (type.IsBuiltIn("apiextensions.k8s.io", "customresourcedefinitions"))
            {
                CustomResourceDefinitions.SetStatus(next, current);
            }
            return new Mutation.Put(next);
        });
        AfterWrite(type, result);
        return result;
    }

    /// <summary>Deletes each listed object (DELETE on a list path); answers the objects as they were deleted.</summary>
    public IReadOnlyList<JsonObject> DeleteCollection(ResourceType type, IEnumerable<JsonObject> objects, DeleteRequest request)
    {
        var deleted = new List<JsonObject>();
        foreach (var obj in objects)
        {
            try
            {
                deleted.Add(Delete(type, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), request with { PreconditionUid = null, PreconditionResourceVersion = null }).Object!);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile by someone else: nothing left to do.
            }
        }
        return deleted;
    }

    /// <summary>Removes an object for good, whatever its finalizers (the namespace and CRD controllers' last step).</summary>
    public void Remove(ResourceType type, string ns, string name)
    {
        var result = store.Write(type.QualifiedResource, ns, name, current => current is null ? new Mutation.Keep(null) : new Mutation.Remove());
        AfterWrite(type, result);
    }

    private void Orphan(string ownerUid)
    {
        foreach (var (storageKey, dependent) in store.All().Where(p => ObjectMeta.OwnerUids(p.Object).Contains(ownerUid)))
        {
            if (registry.FindByStorageKey(storageKey) is not { } dependentType)
            {
                continue;
            }
            try
            {
                Modify(dependentType, ObjectMeta.Namespace(dependent), ObjectMeta.Name(dependent), Subresource.None, WriteOptions.Default, [], current =>
                {
                    var next = (JsonObject)current.DeepClone();
                    var references = (JsonArray)next["metadata"]!["ownerReferences"]!;
                    foreach (var reference in references.OfType<JsonObject>().Where(r => ObjectMeta.StringOf(r["uid"]) == ownerUid).ToList())
                    {
                        references.Remove(reference);
                    }
                    if (references.Count == 0)
                    {
                        ObjectMeta.Metadata(next).Remove("ownerReferences");
                    }
                    return next;
                });
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // The dependent went away meanwhile.
            }
        }
    }

    private void AfterWrite(ResourceType type, WriteResult result)
    {
        if (!result.Changed)
        {
            return;
        }
        if (type.IsBuiltIn("apiextensions.k8s.io", "customresourcedefinitions"))
        {
            SyncCrd(ObjectMeta.Name(result.Object!));
        }
        if (result.Removed || ObjectMeta.IsDeleting(result.Object!))
        {
            DeletionProgressed?.Invoke();
        }
    }

    /// <summary>Serves what the stored CRD says (its latest state, whichever write finished last).</summary>
    private void SyncCrd(string name)
    {
        lock (_crdSync)
        {
            var crd = store.Get(CustomResourceDefinitions.StorageKey, "", name);
            registry.SetCustomResource(name, crd is null ? [] : CustomResourceDefinitions.TypesOf(crd));
            if (crd is null)
            {
                store.CloseWatches(name);
            }
        }
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject current, DeleteRequest request)
    {
        if (request.PreconditionUid is { } uid && uid != ObjectMeta.Uid(current))
        {
            throw StatusErrors.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(current)}");
        }
        if (request.PreconditionResourceVersion is { } rv && rv != ObjectMeta.String(current, "resourceVersion"))
        {
            throw StatusErrors.Conflict(type, name,
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {ObjectMeta.String(current, "resourceVersion")}");
        }
    }

    /// <summary>Kind-specific rules applied to every write: the CRD's structural schema for custom resources, built-in kind rules otherwise.</summary>
    private void Normalize(ResourceType type, JsonObject obj, JsonObject? previous, WriteOptions options, ICollection<string> warnings)
    {
        var kindWarnings = type.IsCustom ? _schema.Prepare(type, obj, options.FieldValidation) : BuiltInKindRules.Apply(type, obj, previous);
        foreach (var warning in kindWarnings)
        {
            warnings.Add(warning);
        }
    }

    // A write other than server-side apply becomes (or extends) its manager's Update entry of managedFields, so a later
    // apply that would change those fields conflicts with it.
    private void RecordUpdate(ResourceType type, JsonObject? before, JsonObject after, Subresource subresource, WriteOptions options)
    {
        if (options.FieldManager is not { } manager)
        {
            return; // a write of the server's own controllers
        }

        try
        {
            Patching.ServerSideApply.RecordUpdate(before, after, StructuredPatcher.Manager(type, schemas, manager, force: false, subresource, after));
        }
        catch (Patching.PatchException ex)
        {
            throw StatusErrors.Invalid(type, ObjectMeta.Name(after), StatusErrors.Invalid(string.Empty, ex.Message));
        }
    }

    private static JsonNode? ParsePatch(byte[] patch)
    {
        try
        {
            return JsonNode.Parse(patch);
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"error decoding patch: {e.Message}");
        }
    }

    private static JsonObject AsObject(JsonNode? node) =>
        node as JsonObject ?? throw new ApiException(422, "Invalid", "the patched document is not a JSON object");
}
