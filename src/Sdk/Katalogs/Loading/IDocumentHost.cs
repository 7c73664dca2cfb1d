namespace Orkestra.Katalogs.Loading;

/// <summary>
/// What the document loader needs from its surroundings: file contents and environment variables. The CLI and the
/// runtime read the file system; the source generator serves files from its additional texts, since
/// a generator may not touch the file system.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
interface IDocumentHost
{
    /// <summary>The text of the file at <paramref name="path"/>, or null when there is no such file.</summary>
    string? ReadAllText(string path);

    /// <summary>The value of an environment variable, or null.</summary>
    string? GetEnvironmentVariable(string name);
}
