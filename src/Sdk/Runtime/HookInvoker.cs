using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orkestra.Hooks;
using Orkestra.Kubernetes;

namespace Orkestra.Runtime;

/// <summary>What a typed hook did in one reconcile.</summary>
/// <param name="Result">Its result.</param>
/// <param name="Children">The children it applied through the context.</param>
/// <param name="Status">The CR's status as the hook left it (null: the hook's model has none).</param>
internal sealed record HookRun(HookResult Result, IReadOnlyList<JsonObject> Children, JsonObject? Status);

/// <summary>
/// Calls one CRD's typed hooks without reflection: made by <c>IOrkestraBuilder.AddHooks</c>, where the hooks class and
/// the model are known at compile time.
/// </summary>
internal abstract class HookInvoker
{
    /// <summary>Runs <c>ReconcileAsync</c> (or <c>DeleteAsync</c> when <paramref name="delete"/>) on the CR; null when the class has no such hook.</summary>
    public abstract Task<HookRun?> RunAsync(IServiceProvider scope, JsonObject cr, bool delete, HookArgs args, IKubeClient client, ILogger logger, IEventRecorder events, CancellationToken cancellationToken);

    /// <summary>Runs <c>NotFoundAsync</c>; null when the class has no such hook.</summary>
    public abstract Task<HookResult?> NotFoundAsync(IServiceProvider scope, NotFoundContext context, CancellationToken cancellationToken);
}

/// <summary>The invoker of <typeparamref name="THooks"/> for <typeparamref name="TResource"/>.</summary>
internal sealed class HookInvoker<THooks, TResource> : HookInvoker
    where THooks : class
    where TResource : class, ICustomResource
{
    public override async Task<HookRun?> RunAsync(IServiceProvider scope, JsonObject cr, bool delete, HookArgs args, IKubeClient client, ILogger logger, IEventRecorder events, CancellationToken cancellationToken)
    {
        var hooks = scope.GetRequiredService<THooks>();
        var resource = KubeJson.Deserialize<TResource>(cr);
        var context = new ReconcileContext<TResource>(resource, args, client, logger, events);
        HookResult result;
        if (delete)
        {
            if (hooks is not IDeleteHook<TResource> hook)
            {
                return null;
            }

            result = await hook.DeleteAsync(context, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (hooks is not IReconcileHook<TResource> hook)
            {
                return null;
            }

            result = await hook.ReconcileAsync(context, cancellationToken).ConfigureAwait(false);
        }

        var status = KubeJson.Serialize(context.Resource)["status"] as JsonObject;
        return new HookRun(result ?? HookResult.Done, context.AppliedChildren, status);
    }

    public override async Task<HookResult?> NotFoundAsync(IServiceProvider scope, NotFoundContext context, CancellationToken cancellationToken) =>
        scope.GetRequiredService<THooks>() is INotFoundHook hook
            ? await hook.NotFoundAsync(context, cancellationToken).ConfigureAwait(false) ?? HookResult.Done
            : null;
}
