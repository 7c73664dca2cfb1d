using System.Text.Json.Nodes;
using Orkestra.Katalogs.Model;

namespace Orkestra.Resources;

// custom: any kind, written as the object itself (apiVersion, kind, metadata, spec or data). For kinds it does not
// know, Orkestra is schema-agnostic: templated values are typed as YAML would type the same text (JsonTyping.Yaml)
// and the API server checks the kind's schema; a built-in kind keeps the API's types (JsonTyping.Kubernetes).
internal static partial class ResourceKinds
{
    private static JsonObject BuildCustom(ResourceItem item)
    {
        var apiVersion = item.String("apiVersion");
        var kind = item.String("kind");
        if (string.IsNullOrEmpty(apiVersion))
        {
            throw item.Fail("apiVersion", "a custom resource needs an apiVersion, such as cert-manager.io/v1");
        }

        if (string.IsNullOrEmpty(kind))
        {
            throw item.Fail("kind", "a custom resource needs a kind, such as Certificate");
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        var metadata = new JsonObject();
        var declared = item.Object("metadata");
        if (declared?.String("name") is { Length: > 0 } name)
        {
            metadata["name"] = name;
        }

        if (declared?.String("namespace") is { Length: > 0 } ns)
        {
            metadata["namespace"] = ns;
            item.Namespaced = true;
        }
        else
        {
            item.Namespaced = item.Bool("namespaced") ?? declared?.Bool("namespaced") ?? ScopeOf(apiVersion, kind);
        }

        if (declared?.StringMap("labels") is { } labels)
        {
            metadata["labels"] = labels;
        }

        if (declared?.StringMap("annotations") is { } annotations)
        {
            metadata["annotations"] = annotations;
        }

        obj["metadata"] = metadata;

        // A built-in kind written as custom has the API's types; any other kind is typed as YAML types text.
        var typing = ScopeOf(apiVersion, kind) is null ? JsonTyping.Yaml : JsonTyping.Kubernetes;
        foreach (var field in new[] { "spec", "data" })
        {
            if (item.Json(field, typing) is { } value)
            {
                obj[field] = value;
            }
        }

        return obj;
    }

    // A kind Orkestra knows the scope of (a built-in one); for others, namespaced unless the item (or its metadata) says namespaced: false.
    private static bool? ScopeOf(string apiVersion, string kind)
    {
        if (BuiltInKinds.TryGet(kind, out var types, out var namespaced))
        {
            var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
            if (types.Group == group)
            {
                return namespaced;
            }
        }

        return null;
    }

    static partial void AddCustom(Dictionary<string, ResourceKind> kinds) =>
        kinds["custom"] = new ResourceKind("custom", string.Empty, string.Empty, true, string.Empty, BuildCustom);
}
