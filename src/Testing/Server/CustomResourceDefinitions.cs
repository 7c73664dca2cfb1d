using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>
/// What the server does with a CustomResourceDefinition: checks it, derives the resource types it serves, and keeps
/// its status (NamesAccepted, Established, acceptedNames, storedVersions) as the apiextensions controllers would.
/// </summary>
internal static class CustomResourceDefinitions
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    /// <summary>Where CRDs are stored (<see cref="ResourceType.QualifiedResource"/> of the built-in kind).</summary>
    public const string StorageKey = "customresourcedefinitions.apiextensions.k8s.io";

    public static IReadOnlyList<StatusCause> Validate(JsonObject crd)
    {
        var causes = new List<StatusCause>();
        var spec = crd["spec"] as JsonObject;
        var group = Str(spec.Child("group"));
        var plural = Str(spec.Child("names").Child("plural"));
        if (string.IsNullOrEmpty(group))
        {
            causes.Add(StatusErrors.Required("spec.group", ""));
        }
        if (string.IsNullOrEmpty(plural))
        {
            causes.Add(StatusErrors.Required("spec.names.plural", ""));
        }
        if (string.IsNullOrEmpty(Str(spec.Child("names").Child("kind"))))
        {
            causes.Add(StatusErrors.Required("spec.names.kind", ""));
        }
        var name = ObjectMeta.Name(crd);
        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != $"{plural}.{group}")
        {
            causes.Add(StatusErrors.InvalidValue("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        var scope = Str(spec.Child("scope")) ?? "";
        if (scope is not ("Namespaced" or "Cluster"))
        {
            causes.Add(StatusErrors.Unsupported("spec.scope", scope, ["Cluster", "Namespaced"]));
        }
        var versions = (spec.Child("versions") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            causes.Add(StatusErrors.Invalid("spec.versions", "must have exactly one version marked as storage version"));
        }
        else if (versions.Count(v => v["storage"]?.GetValueKind() == JsonValueKind.True) != 1)
        {
            causes.Add(StatusErrors.Invalid("spec.versions", "must have exactly one version marked as storage version"));
        }
        for (var i = 0; i < versions.Count; i++)
        {
            if (string.IsNullOrEmpty(Str(versions[i]["name"])))
            {
                causes.Add(StatusErrors.Required($"spec.versions[{i}].name", ""));
            }
            if (versions[i]["schema"].Child("openAPIV3Schema") is not JsonObject schema)
            {
                causes.Add(StatusErrors.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
                continue;
            }

            try
            {
                Schemas.StructuralSchema.Parse(schema);
            }
            catch (ArgumentException ex)
            {
                causes.Add(StatusErrors.Invalid($"spec.versions[{i}].schema.openAPIV3Schema", ex.Message));
            }
        }
        return causes;
    }

    /// <summary>The resource types a CRD serves (its served versions), or none while it is not established.</summary>
    public static IReadOnlyList<ResourceType> TypesOf(JsonObject crd)
    {
        var spec = (JsonObject)crd["spec"]!;
        var names = (JsonObject)spec["names"]!;
        var kind = Str(names["kind"])!;
        var types = new List<ResourceType>();
        foreach (var version in ((JsonArray)spec["versions"]!).OfType<JsonObject>().Where(v => v["served"]?.GetValueKind() != JsonValueKind.False))
        {
            var scale = version["subresources"].Child("scale") as JsonObject;
            types.Add(new ResourceType(Str(spec["group"])!, Str(version["name"])!, Str(names["plural"])!,
                Str(names["singular"]) ?? kind.ToLowerInvariant(), kind, Str(spec["scope"]) == "Namespaced")
            {
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"].Child("status") is JsonObject,
                Scale = scale is null ? null : new ScaleSpec(
                    Str(scale["specReplicasPath"]) ?? ".spec.replicas",
                    Str(scale["statusReplicasPath"]) ?? ".status.replicas",
                    Str(scale["labelSelectorPath"])),
                CrdName = ObjectMeta.Name(crd),
                Schema = version["schema"].Child("openAPIV3Schema") as JsonObject,
                PrinterColumns = version["additionalPrinterColumns"] as JsonArray,
                ReturnsDeletedObject = true,
            });
        }
        return types;
    }

    /// <summary>Sets the status the apiextensions controllers would: names accepted, established, stored versions.</summary>
    public static void SetStatus(JsonObject crd, JsonObject? previous)
    {
        var spec = (JsonObject)crd["spec"]!;
        var names = (JsonObject)spec["names"]!.DeepClone();
        names["singular"] ??= Str(names["kind"])!.ToLowerInvariant();
        names["listKind"] ??= Str(names["kind"]) + "List";
        var stored = Strings(previous.Child("status").Child("storedVersions")).ToList();
        var storage = ((JsonArray)spec["versions"]!).OfType<JsonObject>().First(v => v["storage"]?.GetValueKind() == JsonValueKind.True);
        if (!stored.Contains(Str(storage["name"])!))
        {
            stored.Add(Str(storage["name"])!);
        }
        var oldConditions = (previous.Child("status").Child("conditions") as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var conditions = new JsonArray
        {
            Condition(oldConditions, "NamesAccepted", "True", "NoConflicts", "no conflicts found"),
            Condition(oldConditions, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted"),
        };
        if (ObjectMeta.IsDeleting(crd))
        {
            conditions.Add(Condition(oldConditions, "Terminating", "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress"));
        }
        crd["status"] = new JsonObject
        {
            ["conditions"] = conditions,
            ["acceptedNames"] = names,
            ["storedVersions"] = new JsonArray(stored.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
        };
    }

    /// <summary>Whether the CRD carries CEL rules (<c>x-kubernetes-validations</c>) anywhere.</summary>
    public static bool HasCelRules(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => p.Key == "x-kubernetes-validations" || HasCelRules(p.Value)),
        JsonArray a => a.Any(HasCelRules),
        _ => false,
    };

    private static JsonObject Condition(List<JsonObject> old, string type, string status, string reason, string message)
    {
        var previous = old.FirstOrDefault(c => Str(c["type"]) == type && Str(c["status"]) == status);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastTransitionTime"] = Str(previous.Child("lastTransitionTime")) ?? ObjectMeta.Now(),
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static string? Str(JsonNode? node) => ObjectMeta.StringOf(node);

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Str).Where(s => s is not null).Select(s => s!).ToList() : [];
}
