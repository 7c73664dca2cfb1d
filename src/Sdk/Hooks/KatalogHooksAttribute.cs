namespace Orkestra.Hooks;

/// <summary>
/// Marks a class as the typed hooks of one CRD of the katalog: <paramref name="crdKey"/> is the CRD's key under
/// <c>spec.crds</c> (and the katalog's <c>operatorBox.reconcile.hooks.class</c> names the class). The source generator
/// registers every marked class through <c>AddGeneratedHooks</c>; the class implements
/// <see cref="IReconcileHook{TResource}"/>, <see cref="IDeleteHook{TResource}"/> and/or <see cref="INotFoundHook"/>.
/// </summary>
/// <param name="crdKey">The CRD's key in the katalog (<c>database</c>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KatalogHooksAttribute(string crdKey) : Attribute
{
    /// <summary>The CRD's key in the katalog.</summary>
    public string CrdKey { get; } = crdKey;
}
