namespace Orkestra.Templating;

/// <summary>
/// A template that failed while rendering: the message follows Go's (<c>error calling index: index out of range: 5</c>),
/// and <see cref="Offset"/> is where in the template text the failing node starts.
/// </summary>
public sealed class TemplateExecutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateExecutionException(string message, int offset, string? field = null)
        : base(message)
    {
        Offset = offset;
        Field = field;
    }

    /// <summary>The 0-based offset, in the template text, of the node that failed.</summary>
    public int Offset { get; }

    /// <summary>The katalog field that failed (<c>spec.crds.website.operatorBox.reconcile.onReconcile.deployments[0].image</c>), when known.</summary>
    public string? Field { get; }
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
