namespace Orkestra.Testing.Tests.Persistence;

/// <summary>A temporary data directory, deleted with its copies when disposed.</summary>
internal sealed class DataDirectory : IDisposable
{
    private readonly List<string> _paths = [];

    public DataDirectory()
    {
        Path = NewPath();
    }

    public string Path { get; }

    public string LogFile => System.IO.Path.Combine(Path, "wal.log");

    public KubeApiServerOptions Options => new() { DataDirectory = Path };

    /// <summary>
    /// Copies the directory's files as they are on disk right now, while its server runs: the state a crash at this
    /// instant would leave (no clean-shutdown snapshot). Returns the copy's path.
    /// </summary>
    public string CrashCopy()
    {
        var copy = NewPath();
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Path))
        {
            var name = System.IO.Path.GetFileName(file);
            if (name != "lock")
            {
                using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(System.IO.Path.Combine(copy, name));
                source.CopyTo(target);
            }
        }
        return copy;
    }

    public void Dispose()
    {
        foreach (var path in _paths.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private string NewPath()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orkestra-data-{Guid.NewGuid():N}");
        _paths.Add(path);
        return path;
    }
}
