#if !ORKESTRA_GENERATOR
using System.Text;

namespace Orkestra.Katalogs.Loading;

/// <summary>Reads documents from the file system and the process environment.</summary>
public sealed class PhysicalDocumentHost : IDocumentHost
{
    /// <summary>The shared instance.</summary>
    public static readonly PhysicalDocumentHost Instance = new();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <inheritdoc />
    public string? ReadAllText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path, Utf8) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);
}
#endif
