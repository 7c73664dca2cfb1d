namespace Orkestra.Templating.Conditions;

/// <summary>
/// A condition that cannot be built or evaluated: an invalid regular expression, a template that fails, a value that
/// is not a number for <c>gt</c>. The message names the condition's field (or its kind) and what is wrong; the runtime
/// turns it into <c>Ready=False</c>. It is the only exception condition evaluation throws.
/// </summary>
public sealed class ConditionException : Exception
{
    /// <summary>Creates the exception for the condition described by <paramref name="subject"/>.</summary>
    /// <param name="subject">The condition, as in a message (<c>condition on field 'spec.replicas' (gt)</c>).</param>
    /// <param name="reason">What is wrong, without the subject.</param>
    /// <param name="inner">The failure underneath, if any.</param>
    public ConditionException(string subject, string reason, Exception? inner = null)
        : base(subject + ": " + reason, inner)
    {
        Subject = subject;
        Reason = reason;
    }

    /// <summary>The condition the message is about.</summary>
    public string Subject { get; }

    /// <summary>What is wrong, without the subject (used for located diagnostics).</summary>
    public string Reason { get; }
}
