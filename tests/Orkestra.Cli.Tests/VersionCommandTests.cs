using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orkestra.Cli.Tests;

public sealed class VersionCommandTests
{
    // A SemVer version without build metadata: the `+commit` suffix is stripped.
    private const string VersionPattern = @"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?";

    [Fact]
    public async Task Version_prints_name_version_and_flavour()
    {
        var result = await CliRunner.RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var line = Assert.Single(result.StdoutLines);
        Assert.Matches($"^ork {VersionPattern} \\(dev\\)$", line);
    }

    [Fact]
    public async Task Version_json_has_version_and_flavour()
    {
        var result = await CliRunner.RunAsync("version", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Matches($"^{VersionPattern}$", json.RootElement.GetProperty("version").GetString());
        Assert.Equal("dev", json.RootElement.GetProperty("flavour").GetString());
    }

    [Fact]
    public async Task Version_json_agrees_with_the_text_line()
    {
        var text = await CliRunner.RunAsync("version");
        var json = await CliRunner.RunAsync("version", "-o", "json");

        using var document = JsonDocument.Parse(json.Stdout);
        var version = document.RootElement.GetProperty("version").GetString();
        Assert.Equal($"ork {version} (dev)", Assert.Single(text.StdoutLines));
    }

    [Fact]
    public async Task Root_version_option_prints_the_same_line_as_the_command()
    {
        var command = await CliRunner.RunAsync("version");
        var option = await CliRunner.RunAsync("--version");

        Assert.Equal(0, option.ExitCode);
        Assert.Equal(command.Stdout, option.Stdout);
    }

    [Fact]
    public void Version_has_no_build_metadata()
    {
        Assert.DoesNotContain('+', Commands.VersionCommand.Version);
        Assert.Matches(new Regex($"^{VersionPattern}$"), Commands.VersionCommand.Version);
    }
}
