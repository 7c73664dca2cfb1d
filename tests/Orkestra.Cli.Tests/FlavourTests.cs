using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Orkestra.Cli.Tests;

/// <summary>
/// The compile-time separation of ARCHITECTURE.md ("Binaries"), proved on the published output: the runtime and
/// gateway binaries carry neither the developer commands nor the Devkit and Testing assemblies.
/// </summary>
public sealed class FlavourTests(PublishedFlavoursFixture fixture) : IClassFixture<PublishedFlavoursFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    public static TheoryData<string> AllFlavours => new(PublishedFlavoursFixture.Flavours);

    public static TheoryData<string> ProductionFlavours => new("runtime", "gateway");

    [Theory]
    [MemberData(nameof(AllFlavours))]
    public void Every_flavour_publishes_ork_and_the_sdk(string flavour)
    {
        var directory = fixture.PublishedDirectory(flavour);

        Assert.True(File.Exists(Path.Combine(directory, "ork.dll")), Listing(directory));
        Assert.True(File.Exists(Path.Combine(directory, "Orkestra.Sdk.dll")), Listing(directory));
    }

    [Fact]
    public void Dev_flavour_publishes_the_devkit()
    {
        var directory = fixture.PublishedDirectory("dev");

        Assert.True(File.Exists(Path.Combine(directory, "Orkestra.Devkit.dll")), Listing(directory));
    }

    [Theory]
    [MemberData(nameof(ProductionFlavours))]
    public void Production_flavours_publish_neither_devkit_nor_testing(string flavour)
    {
        var directory = fixture.PublishedDirectory(flavour);

        Assert.False(File.Exists(Path.Combine(directory, "Orkestra.Devkit.dll")), Listing(directory));
        Assert.False(File.Exists(Path.Combine(directory, "Orkestra.Testing.dll")), Listing(directory));
        var deps = File.ReadAllText(Path.Combine(directory, "ork.deps.json"));
        Assert.DoesNotContain("Orkestra.Devkit", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("Orkestra.Testing", deps, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_ork_dll_references_the_devkit()
    {
        // The positive control for the check below: the metadata read does see the Devkit where it belongs.
        Assert.Contains("Orkestra.Devkit", AssemblyReferences(Path.Combine(fixture.PublishedDirectory("dev"), "ork.dll")));
    }

    [Theory]
    [MemberData(nameof(ProductionFlavours))]
    public void Production_ork_dll_does_not_reference_devkit_or_testing(string flavour)
    {
        var references = AssemblyReferences(Path.Combine(fixture.PublishedDirectory(flavour), "ork.dll"));

        Assert.Contains("System.CommandLine", references);
        Assert.DoesNotContain("Orkestra.Devkit", references);
        Assert.DoesNotContain("Orkestra.Testing", references);
    }

    [Theory]
    [InlineData("dev", new[] { "validate", "run", "version" }, new string[0])]
    [InlineData("runtime", new[] { "run", "version" }, new[] { "validate", "dev" })]
    [InlineData("gateway", new[] { "version" }, new[] { "validate", "run" })]
    public async Task Help_lists_the_flavours_commands(string flavour, string[] listed, string[] notListed)
    {
        var result = await RunPublishedAsync(flavour, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        var commands = HelpText.Commands(result.Stdout);
        Assert.All(listed, command => Assert.Contains(command, commands));
        Assert.All(notListed, command => Assert.DoesNotContain(command, commands));
    }

    [Theory]
    [MemberData(nameof(AllFlavours))]
    public async Task Version_prints_the_flavour(string flavour)
    {
        var result = await RunPublishedAsync(flavour, "version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"^ork \d+\.\d+\.\d+\S* \({flavour}\)\r?\n$", result.Stdout);
    }

    [Theory]
    [MemberData(nameof(ProductionFlavours))]
    public async Task Production_flavours_reject_validate_as_an_unknown_command(string flavour)
    {
        var result = await RunPublishedAsync(flavour, "validate", "katalog.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    private async Task<ProcessResult> RunPublishedAsync(string flavour, params string[] args) =>
        await ChildProcess.RunDotnetAsync([Path.Combine(fixture.PublishedDirectory(flavour), "ork.dll"), .. args], RunTimeout);

    private static List<string> AssemblyReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
    }

    private static string Listing(string directory) =>
        $"{directory} holds: {string.Join(", ", Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName))}";
}
