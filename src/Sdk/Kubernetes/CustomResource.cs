using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes;

/// <summary>
/// The base of typed custom resource models. Generated models derive from it, set <see cref="ApiVersion"/> and
/// <see cref="Kind"/> in their constructor and have their own converter, written with the helpers of
/// <see cref="CustomResourceJson"/>.
/// </summary>
/// <typeparam name="TSpec">The spec's type; a new, empty spec is the default.</typeparam>
/// <typeparam name="TStatus">The status's type.</typeparam>
public abstract class CustomResource<TSpec, TStatus> : ICustomResource<TSpec, TStatus>
    where TSpec : new()
    where TStatus : class
{
    /// <inheritdoc/>
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc/>
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc/>
    public ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc/>
    public TSpec Spec { get; set; } = new();

    /// <inheritdoc/>
    public TStatus? Status { get; set; }

    /// <summary>Top-level fields other than <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c> and <c>status</c>, kept as read.</summary>
    public JsonObject? ExtensionData { get; set; }
}
