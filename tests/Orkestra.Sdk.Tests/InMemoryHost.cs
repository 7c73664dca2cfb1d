using Orkestra.Katalogs.Loading;

namespace Orkestra.Sdk.Tests;

/// <summary>Files and environment variables in memory, for loader tests.</summary>
internal sealed class InMemoryHost : IDocumentHost
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public InMemoryHost Add(string path, string text)
    {
        _files[path] = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return this;
    }

    public string? ReadAllText(string path) => _files.TryGetValue(path, out var text) ? text : null;

    public string? GetEnvironmentVariable(string name) => Environment.TryGetValue(name, out var value) ? value : null;
}
