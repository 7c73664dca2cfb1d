namespace Orkestra.Runtime;

/// <summary>How the runtime runs a katalog (the <c>ork run</c> options; the katalog's own settings fill the rest).</summary>
public sealed record RuntimeOptions
{
    /// <summary>Watch and reconcile CRs of this namespace only; null: every namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>Workers per CRD, overriding the katalog's <c>workers</c> (default 3).</summary>
    public int? Workers { get; init; }

    /// <summary>The resync period, overriding the katalog's <c>resync</c> (default 30 s): how often a converged CR is reconciled again.</summary>
    public TimeSpan? Resync { get; init; }

    /// <summary>How long a typed hook may run when the katalog's <c>hooks.timeout</c> does not say (default 30 s).</summary>
    public TimeSpan HookTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconcile only while holding the leader Lease; null: always reconcile (one replica).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>Consecutive failures after which a CRD's controller reports itself degraded (default 5).</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>How long shutdown waits for reconciles in flight to finish (default 30 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
