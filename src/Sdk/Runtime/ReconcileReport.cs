namespace Orkestra.Runtime;

/// <summary>What one reconcile of one CR did: what <c>ork dev</c> prints and tests assert on.</summary>
/// <param name="Crd">The CRD's key in the katalog.</param>
/// <param name="Namespace">The CR's namespace (null for a cluster-scoped CRD).</param>
/// <param name="Name">The CR's name.</param>
/// <param name="Changes">The children created, updated or deleted, in order.</param>
/// <param name="StatusChanged">Whether the CR's status was written.</param>
/// <param name="Error">Why the reconcile failed (the CR's Ready=False message), or null.</param>
/// <param name="Duration">How long it took.</param>
public sealed record ReconcileReport(string Crd, string? Namespace, string Name, IReadOnlyList<ChildChange> Changes, bool StatusChanged, string? Error, TimeSpan Duration)
{
    /// <summary>Whether this reconcile ran the delete path (the CR is being deleted).</summary>
    public bool Deleting { get; init; }

    /// <summary>Whether the CR was gone when its turn came.</summary>
    public bool NotFound { get; init; }

    /// <summary>
    /// The katalog path of the <c>preReconcile</c> gate that held the CR back, on the reconcile where it became gated
    /// (later checks of a CR that stays gated report null); nothing else was done.
    /// </summary>
    public string? GatedBy { get; init; }

    /// <summary>The CR as <c>namespace/name</c> (or <c>name</c>).</summary>
    public string Key => Namespace is null ? Name : Namespace + "/" + Name;
}

/// <summary>What happened to one child.</summary>
public enum ChildAction
{
    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It existed and the apply changed it.</summary>
    Updated,

    /// <summary>It was no longer desired and was deleted.</summary>
    Deleted,
}

/// <summary>One child the reconcile changed.</summary>
/// <param name="Action">What happened.</param>
/// <param name="ApiVersion">The child's apiVersion.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Namespace">Its namespace (null when cluster-scoped).</param>
/// <param name="Name">Its name.</param>
public sealed record ChildChange(ChildAction Action, string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {Kind} {(Namespace is null ? Name : Namespace + "/" + Name)}";
}
