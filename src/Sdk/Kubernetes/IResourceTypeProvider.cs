namespace Orkestra.Kubernetes;

/// <summary>
/// Implemented by model types (generated ones included) to give their kind's <see cref="Kubernetes.ResourceType"/>, so
/// generic code can find a type's group, version and plural without reflection:
/// <c>static string PathOf&lt;T&gt;() where T : IResourceTypeProvider =&gt; T.ResourceType.Plural;</c>.
/// </summary>
public interface IResourceTypeProvider
{
    /// <summary>The kind's static metadata.</summary>
    static abstract ResourceType ResourceType { get; }
}
