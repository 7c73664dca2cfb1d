namespace Orkestra.Kubernetes;

/// <summary>A Kubernetes object of a custom kind with a typed spec and status.</summary>
/// <typeparam name="TSpec">The spec's type: the desired state.</typeparam>
/// <typeparam name="TStatus">The status's type: the observed state.</typeparam>
public interface ICustomResource<out TSpec, out TStatus> : ICustomResource
    where TStatus : class
{
    /// <summary>The desired state.</summary>
    TSpec Spec { get; }

    /// <summary>The observed state; null until a controller has written one.</summary>
    TStatus? Status { get; }
}
