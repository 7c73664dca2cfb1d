using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Orkestra.Cli.Commands;
#if ORK_DEV
using Orkestra.Cli.Commands.Dev;
#endif

namespace Orkestra.Cli;

/// <summary>
/// The entry point: builds the root command with the commands of the flavour being compiled and invokes it.
/// <see cref="RunAsync"/> is the seam tests use to run a command line in-process.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Builds the root command: only the commands compiled into this flavour.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand($"ork: the Orkestra command line ({Flavour.Name}).");
        foreach (var option in root.Options)
        {
            if (option is VersionOption)
            {
                option.Action = new VersionCommand.OptionAction();
            }
        }

        root.Subcommands.Add(new VersionCommand());
#if ORK_DEV || ORK_RUNTIME
        root.Subcommands.Add(new RunCommand());
#endif
#if ORK_DEV
        root.Subcommands.Add(new ValidateCommand());
        root.Subcommands.Add(new TemplateCommand());
        root.Subcommands.Add(new NotesCommand());
        root.Subcommands.Add(new DevCommand());
#endif
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>, writing results to <paramref name="stdout"/> and diagnostics to
    /// <paramref name="stderr"/>, and returns one of <see cref="ExitCodes"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        // Arguments are taken as given: no response files (`@file`), so a path is never expanded.
        var parseResult = CreateRootCommand().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var errors = parseResult.Errors.Select(e => e.Message).Concat(UnknownOptions(parseResult)).ToList();

        // Help wins over parse errors (`ork validate --help` needs no files); anything else with errors is a usage error.
        if (errors.Count > 0 && parseResult.Action is not HelpAction)
        {
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync($"ork: {error}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync($"Run '{CommandPath(parseResult.CommandResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,

            // Ctrl-C ends short commands at once; a long-running one (ork dev) stops itself cleanly on SIGINT/SIGTERM.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"ork: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// System.CommandLine hands an unknown <c>--option</c> to a command's arguments when it has any
    /// (<c>ork validate --bogus a.yaml</c> would validate a file named <c>--bogus</c>). Before <c>--</c>, an argument
    /// that looks like an option is an unknown option; a file whose name starts with '-' can follow <c>--</c>.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parseResult)
    {
        foreach (var token in parseResult.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }

            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-')
            {
                yield return $"Unrecognized option '{token.Value}'.";
            }
        }
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: not RootCommand } named)
            {
                names.Add(named.Command.Name);
            }
        }

        names.Add("ork");
        names.Reverse();
        return string.Join(' ', names);
    }
}
