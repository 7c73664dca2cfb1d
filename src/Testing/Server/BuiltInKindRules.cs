using System.Text;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>What the API server does to particular built-in kinds on every write: secrets, namespaces, CRDs.</summary>
internal static class BuiltInKindRules
{
    /// <summary>Applies the kind's rules to the object about to be stored; returns warnings for the response.</summary>
    public static IReadOnlyList<string> Apply(ResourceType type, JsonObject obj, JsonObject? previous)
    {
        switch (type.Group, type.Plural)
        {
            case ("", "secrets"):
                NormalizeSecret(obj);
                break;
            case ("", "namespaces"):
                var labels = ObjectMeta.Metadata(obj)["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = ObjectMeta.Name(obj);
                ObjectMeta.Metadata(obj)["labels"] = labels;
                obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] ??= new JsonObject { ["phase"] = "Active" };
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                var causes = CustomResourceDefinitions.Validate(obj);
                if (causes.Count > 0)
                {
                    throw StatusErrors.Invalid(type, ObjectMeta.Name(obj), causes);
                }
                CustomResourceDefinitions.SetStatus(obj, previous);
                if (CustomResourceDefinitions.HasCelRules(obj["spec"]) && previous is null)
                {
                    return ["CEL validation rules (x-kubernetes-validations) are not evaluated by this server (Orkestra embedded API server)"];
                }
                break;
        }
        return [];
    }

    private static void NormalizeSecret(JsonObject secret)
    {
        secret["type"] ??= "Opaque";
        if (secret["stringData"] is not JsonObject stringData)
        {
            return;
        }
        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ObjectMeta.StringOf(value) ?? value?.ToJsonString() ?? ""));
        }
        secret["data"] = data;
        secret.Remove("stringData");
    }
}
