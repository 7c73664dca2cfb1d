using Orkestra.Testing.Server;

namespace Orkestra.Testing.Persistence;

/// <summary>What a server started from a data directory takes up again from its stored objects.</summary>
internal static class StoredState
{
    /// <summary>Opens the store: in memory, or on the data directory's recovered state with its log.</summary>
    public static ObjectStore OpenStore(KubeApiServerOptions options) =>
        new(options.WatchHistorySize, options.DataDirectory is { } directory ? WriteAheadLog.Open(directory) : null);

    /// <summary>Serves the custom resources of the stored CRDs again (discovery, OpenAPI, their endpoints), as when they were written.</summary>
    public static void ServeCustomResources(ObjectStore store, ResourceRegistry registry)
    {
        foreach (var crd in store.List(CustomResourceDefinitions.StorageKey, null).Items)
        {
            registry.SetCustomResource(ObjectMeta.Name(crd), CustomResourceDefinitions.TypesOf(crd));
        }
    }
}
