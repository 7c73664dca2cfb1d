using Orkestra.Kubernetes;

namespace Orkestra.Hooks;

/// <summary>
/// Typed reconcile logic for a CRD, run on every reconcile — after the katalog's declared resources are rendered
/// and applied, or before them when the katalog says <c>runHooksFirst: true</c>. Level-based: it reads the current
/// state and converges, whatever event triggered it.
/// </summary>
/// <typeparam name="TResource">The CRD's generated model.</typeparam>
/// <example>
/// <code>
/// [KatalogHooks("database")]
/// public sealed class DatabaseHooks : IReconcileHook&lt;Database&gt;
/// {
///     public Task&lt;HookResult&gt; ReconcileAsync(ReconcileContext&lt;Database&gt; context, CancellationToken cancellationToken)
///     {
///         context.Apply(new JsonObject
///         {
///             ["apiVersion"] = "v1",
///             ["kind"] = "Secret",
///             ["metadata"] = new JsonObject { ["name"] = context.Resource.Metadata.Name + "-credentials" },
///             ["stringData"] = new JsonObject { ["password"] = "…" },
///         });
///         context.Resource.Status = new DatabaseStatus { Phase = "Ready" };
///         return Task.FromResult(HookResult.Done);
///     }
/// }
/// </code>
/// </example>
public interface IReconcileHook<TResource>
    where TResource : class, ICustomResource
{
    /// <summary>Converges the world towards <paramref name="context"/>'s resource.</summary>
    Task<HookResult> ReconcileAsync(ReconcileContext<TResource> context, CancellationToken cancellationToken);
}
