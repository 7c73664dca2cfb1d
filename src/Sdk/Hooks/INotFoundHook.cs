namespace Orkestra.Hooks;

/// <summary>
/// Runs when a reconcile finds its CR gone (deleted without a finalizer, or before the runtime added one): the last
/// chance to forget what was kept about it. Children owned by the CR are garbage-collected by Kubernetes.
/// </summary>
/// <example>
/// <code>
/// public Task&lt;HookResult&gt; NotFoundAsync(NotFoundContext context, CancellationToken cancellationToken)
/// {
///     cache.Remove(context.Namespace, context.Name);
///     return Task.FromResult(HookResult.Done);
/// }
/// </code>
/// </example>
public interface INotFoundHook
{
    /// <summary>Handles the disappearance of the CR <paramref name="context"/> names.</summary>
    Task<HookResult> NotFoundAsync(NotFoundContext context, CancellationToken cancellationToken);
}
