namespace Orkestra.Cli.Tests;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("frobnicate")]
    [InlineData("--bogus")]
    [InlineData("version --bogus")]
    [InlineData("version extra")]
    [InlineData("version --output yaml")]
    [InlineData("validate")]
    [InlineData("validate --output json")]
    [InlineData("validate --output")]
    [InlineData("validate -o xml katalog.yaml")]
    [InlineData("validate --bogus katalog.yaml")]
    [InlineData("validate katalog.yaml -x")]
    public async Task Usage_errors_exit_2_with_the_error_on_stderr(string commandLine)
    {
        var result = await CliRunner.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("ork: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", result.StderrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_error_names_the_unknown_option()
    {
        var result = await CliRunner.RunAsync("validate", "--bogus", "katalog.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--bogus'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("Run 'ork validate --help' for usage.", result.StderrLines[^1]);
    }

    [Fact]
    public async Task Usage_error_names_the_unknown_command()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'frobnicate'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("Run 'ork --help' for usage.", result.StderrLines[^1]);
    }

    [Fact]
    public async Task After_double_dash_an_argument_may_start_with_a_dash()
    {
        // Not a usage error: the file simply does not exist, which is invalid input.
        var result = await CliRunner.RunAsync("validate", "--", "-no-such-file.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
    }

    [Fact]
    public async Task Help_lists_the_dev_commands_on_stdout()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("version", HelpText.Commands(result.Stdout));
        Assert.Contains("validate", HelpText.Commands(result.Stdout));
    }

    [Fact]
    public async Task Validate_help_needs_no_files()
    {
        var result = await CliRunner.RunAsync("validate", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--output", result.Stdout, StringComparison.Ordinal);
    }
}
