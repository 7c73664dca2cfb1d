namespace Orkestra.Hooks;

/// <summary>What a hook asks the runtime to do next.</summary>
public enum HookOutcome
{
    /// <summary>Converged: the next pass comes with the resync period or the next change.</summary>
    Done,

    /// <summary>Run again after <see cref="HookResult.RequeueAfter(TimeSpan)"/>'s delay, without counting a failure.</summary>
    Requeue,

    /// <summary>A failure retrying cannot fix (the CR asks for something impossible): reported, not retried until the CR changes.</summary>
    Terminal,
}

/// <summary>
/// The result of a hook: <see cref="Done"/>, <see cref="RequeueAfter(TimeSpan)"/> or <see cref="Terminal(string)"/>.
/// A hook that throws is retried with exponential backoff, and its message becomes the CR's <c>Ready=False</c>
/// message; <see cref="Terminal(string)"/> is for failures a retry cannot fix.
/// </summary>
/// <example>
/// <code>
/// if (context.Resource.Spec.Replicas > 10)
/// {
///     return HookResult.Terminal("spec.replicas must be at most 10");
/// }
///
/// return backupRunning ? HookResult.RequeueAfter(TimeSpan.FromSeconds(30)) : HookResult.Done;
/// </code>
/// </example>
public sealed record HookResult
{
    private HookResult(HookOutcome outcome, TimeSpan? delay, string? message)
    {
        Outcome = outcome;
        Delay = delay;
        Message = message;
    }

    /// <summary>Converged; nothing more to do until the next change or resync.</summary>
    public static HookResult Done { get; } = new(HookOutcome.Done, null, null);

    /// <summary>What the runtime does next.</summary>
    public HookOutcome Outcome { get; }

    /// <summary>For <see cref="HookOutcome.Requeue"/>: how long to wait.</summary>
    public TimeSpan? Delay { get; }

    /// <summary>For <see cref="HookOutcome.Terminal"/>: what is wrong, shown as the CR's <c>Ready=False</c> message.</summary>
    public string? Message { get; }

    /// <summary>Run the hook again after <paramref name="delay"/> (more than zero).</summary>
    public static HookResult RequeueAfter(TimeSpan delay) => delay > TimeSpan.Zero
        ? new HookResult(HookOutcome.Requeue, delay, null)
        : throw new ArgumentOutOfRangeException(nameof(delay), delay, "a requeue delay must be more than zero; return HookResult.Done to finish");

    /// <summary>Stop retrying: <paramref name="message"/> says what the CR's author must change.</summary>
    public static HookResult Terminal(string message) => string.IsNullOrWhiteSpace(message)
        ? throw new ArgumentException("a terminal result needs a message saying what to change", nameof(message))
        : new HookResult(HookOutcome.Terminal, null, message);
}
