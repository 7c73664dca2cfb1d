namespace Orkestra.Templating;

/// <summary>
/// A template that failed while rendering: the message follows Go's (<c>error calling index: index out of range: 5</c>),
/// and <see cref="Offset"/> is where in the template text the failing node starts.
/// </summary>
public sealed class TemplateExecutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateExecutionException(string message, int offset)
        : base(message) => Offset = offset;

    /// <summary>The 0-based offset, in the template text, of the node that failed.</summary>
    public int Offset { get; }
}

/// <summary>Thrown by template functions to report a failure; the engine adds the function's name and location.</summary>
public sealed class TemplateFunctionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateFunctionException(string message)
        : base(message)
    {
    }
}
