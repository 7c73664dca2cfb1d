namespace Orkestra.Testing.Patching;

/// <summary>
/// A patch or applied configuration the server must refuse: a malformed document, an unknown <c>$patch</c> directive,
/// a map-list item without its key, YAML that does not parse. <see cref="StatusCode"/> says which answer fits.
/// </summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message for the Status body.</param>
    /// <param name="statusCode">400 (BadRequest) for a document that cannot be read, 422 (Invalid) for one that cannot be applied.</param>
    public PatchException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates a 400 BadRequest exception.</summary>
    /// <param name="message">The message for the Status body.</param>
    public PatchException(string message)
        : this(message, 400)
    {
    }

    /// <summary>Creates a 400 BadRequest exception for a document that failed to parse.</summary>
    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    /// <summary>The HTTP status to answer with: 400 or 422.</summary>
    public int StatusCode { get; }

    internal static PatchException Invalid(string message) => new(message, 422);
}
