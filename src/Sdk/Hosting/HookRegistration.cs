namespace Orkestra.Hosting;

/// <summary>Which hook interfaces a hooks class implements.</summary>
[Flags]
public enum HookKinds
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary><see cref="Hooks.IReconcileHook{TResource}"/>.</summary>
    Reconcile = 1,

    /// <summary><see cref="Hooks.IDeleteHook{TResource}"/>.</summary>
    Delete = 2,

    /// <summary><see cref="Hooks.INotFoundHook"/>.</summary>
    NotFound = 4,
}

/// <summary>One typed hooks class of the operator: what the runtime checks against the katalog at start-up.</summary>
/// <param name="CrdKey">The CRD's key in the katalog.</param>
/// <param name="HooksType">The hooks class.</param>
/// <param name="ResourceType">The CRD's generated model.</param>
/// <param name="Kinds">The hook interfaces the class implements.</param>
public sealed record HookRegistration(string CrdKey, Type HooksType, Type ResourceType, HookKinds Kinds)
{
    /// <summary>Calls the hooks (made where their types are known, so no reflection is needed).</summary>
    internal Runtime.HookInvoker? Invoker { get; init; }
}
