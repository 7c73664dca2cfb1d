using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Orkestra.Cli.Commands;

/// <summary><c>ork version</c>: the version and the flavour of this binary. In every flavour.</summary>
internal sealed class VersionCommand : Command
{
    private readonly Option<string> _output = Output.CreateOption();

    public VersionCommand()
        : base("version", "Print the version of ork and which binary this is (dev, runtime or gateway).")
    {
        Options.Add(_output);
        SetAction(Run);
    }

    /// <summary>The product version, without the <c>+commit</c> build metadata.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The text line: <c>ork 0.1.0 (dev)</c>.</summary>
    public static string Text => $"ork {Version} ({Flavour.Name})";

    private int Run(ParseResult parseResult)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(_output) == Output.Json)
        {
            Output.WriteJson(stdout, json =>
            {
                json.WriteStartObject();
                json.WriteString("version", Version);
                json.WriteString("flavour", Flavour.Name);
                json.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(Text);
        }

        return ExitCodes.Success;
    }

    private static string ReadVersion()
    {
        var assembly = typeof(VersionCommand).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }

    /// <summary>The root's <c>--version</c> prints the same line as <c>ork version</c>.</summary>
    internal sealed class OptionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Text);
            return ExitCodes.Success;
        }
    }
}
