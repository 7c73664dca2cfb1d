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

/// <summary>
/// A host that has parsed some files already (the source generator parses each CRD file once, in its own pipeline
/// step, so that an edit re-parses only the edited file). The loader takes a CRD file's parse from it instead of
/// parsing the text again; it only reads such trees, never changes them.
/// </summary>
#if ORKESTRA_GENERATOR
internal
#else
public
#endif
interface IParsedYamlHost : IDocumentHost
{
    /// <summary>The parse of the file at <paramref name="path"/>, or null when the host has not parsed it.</summary>
    Orkestra.Katalogs.Yaml.YamlFile? ReadParsed(string path);
}
