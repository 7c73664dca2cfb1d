using Orkestra.Kubernetes;

namespace Orkestra.Hooks;

/// <summary>
/// Typed clean-up for a CRD, run when a CR is being deleted, before the katalog's <c>onDelete</c> resources and
/// before the runtime removes its finalizer: the CR is still readable. Throw (or return
/// <see cref="HookResult.RequeueAfter(TimeSpan)"/>) to keep the finalizer and try again.
/// </summary>
/// <typeparam name="TResource">The CRD's generated model.</typeparam>
/// <example>
/// <code>
/// public async Task&lt;HookResult&gt; DeleteAsync(ReconcileContext&lt;Database&gt; context, CancellationToken cancellationToken)
/// {
///     await backups.DropAsync(context.Resource.Metadata.Name!, cancellationToken);
///     return HookResult.Done;
/// }
/// </code>
/// </example>
public interface IDeleteHook<TResource>
    where TResource : class, ICustomResource
{
    /// <summary>Releases what the CR holds outside the cluster.</summary>
    Task<HookResult> DeleteAsync(ReconcileContext<TResource> context, CancellationToken cancellationToken);
}
