using System.Text.Json.Nodes;

namespace Orkestra.Testing.Server;

/// <summary>The <c>/scale</c> subresource: an <c>autoscaling/v1</c> Scale view of an object's replicas.</summary>
internal static class ScaleSubresource
{
    public static JsonObject View(ResourceType type, JsonObject obj)
    {
        var scale = type.Scale!;
        var metadata = ObjectMeta.Metadata(obj);
        var status = new JsonObject { ["replicas"] = Replicas(ObjectMeta.AtPath(obj, scale.StatusReplicasPath)) };
        if (Selector(type, obj) is { } selector)
        {
            status["selector"] = selector;
        }
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = Replicas(ObjectMeta.AtPath(obj, scale.SpecReplicasPath)) },
            ["status"] = status,
        };
    }

    /// <summary>The object with the replicas a Scale asks for (its resourceVersion kept as the write's precondition).</summary>
    public static JsonObject Apply(ResourceType type, JsonObject current, JsonObject scale)
    {
        if (scale["spec"].Child("replicas") is not JsonValue replicas || !replicas.TryGetValue<int>(out var count) || count < 0)
        {
            throw StatusErrors.Invalid(type, ObjectMeta.Name(current),
                StatusErrors.InvalidValue("spec.replicas", scale["spec"].Child("replicas")?.ToJsonString() ?? "", "must be greater than or equal to 0"));
        }
        var next = (JsonObject)current.DeepClone();
        ObjectMeta.SetAtPath(next, type.Scale!.SpecReplicasPath, count);
        ObjectMeta.Metadata(next)["resourceVersion"] = ObjectMeta.String(scale, "resourceVersion") ?? ObjectMeta.String(current, "resourceVersion");
        return next;
    }

    private static int Replicas(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var count) ? count : 0;

    private static string? Selector(ResourceType type, JsonObject obj)
    {
        if (type.IsCustom)
        {
            return type.Scale!.LabelSelectorPath is { } path ? ObjectMeta.StringOf(ObjectMeta.AtPath(obj, path)) : null;
        }
        return obj["spec"].Child("selector").Child("matchLabels") is JsonObject labels
            ? string.Join(',', labels.Select(p => $"{p.Key}={ObjectMeta.StringOf(p.Value)}"))
            : null;
    }
}
