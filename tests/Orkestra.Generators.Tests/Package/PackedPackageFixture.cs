using System.Globalization;

namespace Orkestra.Generators.Tests.Package;

/// <summary>
/// Packs Orkestra.Sdk once per test class (<c>dotnet pack src/Sdk</c> with a unique prerelease version) into a
/// temporary feed, and prepares consumers: copies of <c>tests/PackageConsumer</c> next to a nuget.config that adds
/// that feed (the machine's sources stay) and with their own package folder, so no stale copy is used.
/// </summary>
public sealed class PackedPackageFixture : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    public PackedPackageFixture()
    {
        RepoRoot = FindRepoRoot();
        Version = "0.0.0-ci." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Root = Path.Combine(Path.GetTempPath(), "orkestra-package-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
    }

    public string RepoRoot { get; }

    /// <summary>The version the package was packed with.</summary>
    public string Version { get; }

    /// <summary>The temporary folder that holds the feed, the package folder and the consumers.</summary>
    public string Root { get; }

    public string Feed { get; }

    /// <summary>The NUGET_PACKAGES folder of every consumer build.</summary>
    public string Packages { get; }

    public string Nupkg => Path.Combine(Feed, "Orkestra.Sdk." + Version + ".nupkg");

    /// <summary>How long the pack took.</summary>
    public TimeSpan PackDuration { get; private set; }

    public IReadOnlyDictionary<string, string> ChildEnvironment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);
        var started = DateTime.UtcNow;
        var pack = await ProcessRunner.RunAsync(
            "dotnet",
            ["pack", Path.Combine(RepoRoot, "src", "Sdk"), "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            RepoRoot,
            ChildEnvironment,
            PackTimeout);
        PackDuration = DateTime.UtcNow - started;
        if (pack.ExitCode != 0 || !File.Exists(Nupkg))
        {
            throw new InvalidOperationException("packing Orkestra.Sdk failed: " + pack);
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
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>Copies the consumer template into a new folder named <paramref name="name"/> and returns it.</summary>
    public string CreateConsumer(string name)
    {
        var folder = Path.Combine(Root, name);
        var template = Path.Combine(RepoRoot, "tests", "PackageConsumer");
        foreach (var file in Directory.GetFiles(template, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(template, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        // Adds the local feed; no <clear/>, so the machine's configured sources still serve the Sdk's dependencies.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="orkestra-ci-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

        // Stop MSBuild's search for Directory.Build.* and Directory.Packages.props above the temporary folder.
        foreach (var stop in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, stop), "<Project />\n");
        }

        return folder;
    }

    /// <summary>Builds a consumer (restore included) against the packed version.</summary>
    public Task<ProcessResult> BuildAsync(string consumer, TimeSpan timeout)
    {
        var environment = new Dictionary<string, string>(ChildEnvironment) { ["NUGET_PACKAGES"] = Packages };
        return ProcessRunner.RunAsync(
            "dotnet",
            ["build", Path.Combine(consumer, "Consumer.csproj"), "-p:OrkestraSdkVersion=" + Version, "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            consumer,
            environment,
            timeout);
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orkestra.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
