using Orkestra.Hooks;

namespace Shop.Operator;

/// <summary>The typed hooks of the website CRD: the model (Website) is generated from crd.yaml.</summary>
[KatalogHooks("website")]
public sealed class ShopHooks : IReconcileHook<Website>
{
    /// <inheritdoc />
    public Task<HookResult> ReconcileAsync(ReconcileContext<Website> context, CancellationToken cancellationToken)
    {
        context.Resource.Status = new WebsiteStatus { Phase = $"Running {context.Resource.Spec.Replicas} x {context.Resource.Spec.Image}" };
        return Task.FromResult(HookResult.Done);
    }
}
