namespace Orkestra.Kubernetes;

/// <summary>A Kubernetes object of a custom kind: its type information and metadata, whatever its spec and status.</summary>
public interface ICustomResource
{
    /// <summary>The object's API version (<c>group/version</c>, for example <c>example.com/v1</c>).</summary>
    string ApiVersion { get; }

    /// <summary>The object's kind (<c>Website</c>).</summary>
    string Kind { get; }

    /// <summary>The object's metadata.</summary>
    ObjectMeta Metadata { get; }
}
