namespace Orkestra.Cli.Tests;

/// <summary>
/// Publishes the three flavours of <c>ork</c> once, one after another, into a temporary directory, with
/// <c>dotnet publish src/Cli/Orkestra.Cli.csproj -c Release -p:OrkFlavor=…</c>.
/// </summary>
public sealed class PublishedFlavoursFixture : IAsyncLifetime
{
    public static readonly string[] Flavours = ["dev", "runtime", "gateway"];

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, ProcessResult> _publishes = [];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ork-flavours-" + Guid.NewGuid().ToString("N"));

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder <paramref name="flavour"/> was published to; fails with the build log if the publish failed.</summary>
    public string PublishedDirectory(string flavour)
    {
        var publish = _publishes[flavour];
        Assert.True(publish.ExitCode == 0, $"publishing the {flavour} flavour failed:\n{publish}");
        return Path.Combine(Root, flavour);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        var project = Path.Combine(RepositoryRoot, "src", "Cli", "Orkestra.Cli.csproj");
        foreach (var flavour in Flavours)
        {
            // Sequential on purpose: the flavours share the referenced projects' obj/ folders.
            // No build servers: a lingering MSBuild node or compiler server would hold the output pipes open.
            _publishes[flavour] = await ChildProcess.RunDotnetAsync(
                ["publish", project, "-c", "Release", $"-p:OrkFlavor={flavour}", "-o", Path.Combine(Root, flavour), "--nologo", "--disable-build-servers"],
                PublishTimeout,
                RepositoryRoot);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }

        return Task.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orkestra.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orkestra.Sdk.sln above {AppContext.BaseDirectory}.");
    }
}
