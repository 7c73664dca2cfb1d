using System.Text.Json.Nodes;
using Orkestra.Katalogs.Schema;

namespace Orkestra.Resources;

/// <summary>
/// One resource key of a katalog (<c>deployments</c>): the kind it yields, its scope, its default name, and the builder
/// that turns an item into the object (metadata aside: the renderer adds name, namespace, labels and owner).
/// </summary>
/// <param name="Key">The resource key.</param>
/// <param name="ApiVersion">The apiVersion of the objects (empty for <c>custom</c>, whose items say it).</param>
/// <param name="Kind">The kind (empty for <c>custom</c>).</param>
/// <param name="Namespaced">Whether the objects are namespaced.</param>
/// <param name="DefaultNameSuffix">Appended to the CR's name when the item has no <c>name</c> (<c>-deployment</c>).</param>
/// <param name="Build">Builds the object from the item: apiVersion, kind and everything but the metadata the renderer completes.</param>
internal sealed record ResourceKind(string Key, string ApiVersion, string Kind, bool Namespaced, string DefaultNameSuffix, Func<ResourceItem, JsonObject> Build);

/// <summary>The resource keys the renderer knows; each group of kinds registers itself from its own file.</summary>
internal static partial class ResourceKinds
{
    private static readonly Dictionary<string, ResourceKind> Kinds = Create();

    /// <summary>The kind behind <c>custom</c> items (also used to read motif inputs).</summary>
    public static ResourceKind Custom => Kinds.TryGetValue("custom", out var custom) ? custom : Unsupported("custom");

    /// <summary>The kind of a resource key; false for keys that are not resource keys (<c>external</c>, ignored placeholders).</summary>
    public static bool TryGet(string key, out ResourceKind kind)
    {
        if (Kinds.TryGetValue(key, out kind!))
        {
            return true;
        }

        if (Array.IndexOf(DocumentSchemas.ResourceKeys, key) >= 0)
        {
            kind = Unsupported(key);
            return true;
        }

        return false;
    }

    private static Dictionary<string, ResourceKind> Create()
    {
        var kinds = new Dictionary<string, ResourceKind>(StringComparer.Ordinal);
        AddWorkloads(kinds);
        AddNetworkingAndStorage(kinds);
        AddAccessAndPolicy(kinds);
        AddCustom(kinds);
        return kinds;
    }

    private static ResourceKind Unsupported(string key) => new(key, string.Empty, string.Empty, true, string.Empty, item =>
        throw new ResourceException(item.Path, $"'{key}' items are not supported by this version of Orkestra.Sdk"));

    static partial void AddWorkloads(Dictionary<string, ResourceKind> kinds);

    static partial void AddNetworkingAndStorage(Dictionary<string, ResourceKind> kinds);

    static partial void AddAccessAndPolicy(Dictionary<string, ResourceKind> kinds);

    static partial void AddCustom(Dictionary<string, ResourceKind> kinds);
}
