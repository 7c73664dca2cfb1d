using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>The rules every write follows whatever the kind: type meta, namespace, name, server-owned fields, finalizers.</summary>
internal static class ObjectRules
{
    /// <summary>The stored object for a write: what the client may change, with the server-owned parts kept.</summary>
    public static JsonObject Merge(ResourceType type, JsonObject current, JsonObject proposed, Subresource subresource)
    {
        if (subresource == Subresource.Status)
        {
            var statusOnly = (JsonObject)current.DeepClone();
            statusOnly["status"] = proposed["status"]?.DeepClone();
            if (statusOnly["status"] is null)
            {
                statusOnly.Remove("status");
            }
            return statusOnly;
        }
        var next = (JsonObject)proposed.DeepClone();
        var metadata = ObjectMeta.Metadata(next);
        var old = ObjectMeta.Metadata(current);
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion" })
        {
            if (old[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
            else
            {
                metadata.Remove(field);
            }
        }
        if (type.HasStatus)
        {
            if (current["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }
        return next;
    }

    public static void CheckFinalizers(ResourceType type, JsonObject current, JsonObject next)
    {
        if (!ObjectMeta.IsDeleting(current))
        {
            return;
        }
        var added = ObjectMeta.Finalizers(next).Except(ObjectMeta.Finalizers(current)).ToList();
        if (added.Count > 0)
        {
            throw StatusErrors.Invalid(type, ObjectMeta.Name(current), StatusErrors.Forbidden("metadata.finalizers",
                $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}"));
        }
    }

    public static void CheckTypeMeta(ResourceType type, JsonObject body)
    {
        var apiVersion = ObjectMeta.StringOf(body["apiVersion"]);
        var kind = ObjectMeta.StringOf(body["kind"]);
        if (kind is not null && kind != type.Kind)
        {
            throw StatusErrors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind}) of {type.QualifiedResource}");
        }
        if (apiVersion is not null && apiVersion != type.GroupVersion)
        {
            throw StatusErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }
        body["apiVersion"] = type.GroupVersion;
        body["kind"] = type.Kind;
        if (body["metadata"] is not (null or JsonObject))
        {
            throw StatusErrors.BadRequest("metadata must be an object");
        }
    }

    public static string ResolveNamespace(ResourceType type, string ns, JsonObject body)
    {
        var metadata = ObjectMeta.Metadata(body);
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return "";
        }
        var given = ObjectMeta.Namespace(body);
        if (given.Length > 0 && given != ns)
        {
            throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = ns;
        return ns;
    }

    public static void CheckName(ResourceType type, string name)
    {
        if (name.Length == 0)
        {
            throw StatusErrors.Invalid(type, name, StatusErrors.Required("metadata.name", "name or generateName is required"));
        }
        var causes = NameValidation.Problems(name, type.NameRule).Select(p => StatusErrors.InvalidValue("metadata.name", name, p)).ToList();
        if (causes.Count > 0)
        {
            throw StatusErrors.Invalid(type, name, causes);
        }
    }

    public static bool SameContent(JsonObject a, JsonObject b, bool ignoreMetaAndStatus) =>
        ignoreMetaAndStatus
            ? JsonNode.DeepEquals(Without(a, "metadata", "status"), Without(b, "metadata", "status"))
            : JsonNode.DeepEquals(WithoutResourceVersion(a), WithoutResourceVersion(b));

    private static JsonObject Without(JsonObject obj, params string[] fields) =>
        new(obj.Where(p => !fields.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    private static JsonObject WithoutResourceVersion(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        ObjectMeta.Metadata(copy).Remove("resourceVersion");
        return copy;
    }
}
