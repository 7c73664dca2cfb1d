namespace Orkestra.Kubernetes;

/// <summary>The subresources a custom kind enables.</summary>
[Flags]
public enum ResourceSubresources
{
    /// <summary>No subresources.</summary>
    None = 0,

    /// <summary>The <c>/status</c> subresource: status is written separately from the rest of the object.</summary>
    Status = 1,

    /// <summary>The <c>/scale</c> subresource: the kind can be scaled like a Deployment.</summary>
    Scale = 2,
}
