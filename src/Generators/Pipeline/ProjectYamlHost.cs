using Orkestra.Katalogs.Loading;

namespace Orkestra.Generators.Pipeline;

/// <summary>
/// The loader's view of the project in the generator: the project's YAML additional texts, by normalized full path.
/// It does no file or network I/O, and every environment variable reads as absent. CRD files come parsed.
/// </summary>
internal sealed class ProjectYamlHost : IParsedYamlHost
{
    private readonly Dictionary<string, ProjectFile> _files;

    public ProjectYamlHost(ProjectYaml project)
    {
        _files = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        foreach (var file in project.Files)
        {
            _files[file.NormalizedPath] = file;
        }
    }

    public string? ReadAllText(string path) => Find(path)?.Text;

    public Orkestra.Katalogs.Yaml.YamlFile? ReadParsed(string path) => Find(path)?.Parsed;

    public string? GetEnvironmentVariable(string name) => null;

    /// <summary>The file at <paramref name="path"/> (normalized or not), or null when the project has no such file.</summary>
    public ProjectFile? Find(string path) => _files.TryGetValue(DocumentPaths.Normalize(path), out var file) ? file : null;
}
