using System.Globalization;

namespace Orkestra.Hosting;

/// <summary>
/// The options of <c>run</c>, parsed the same way by the stock runtime (<c>ork run</c>) and by a typed operator's own
/// binary (<c>OrkestraHost.CreateBuilder(args)</c>):
/// <c>[run] -f KATALOG|KOMPOSER [--kubeconfig PATH] [--context NAME] [--namespace NS] [--leader-elect]
/// [--leader-election-namespace NS] [--http-port N]</c>.
/// </summary>
public sealed record RunArguments
{
    /// <summary>The usage line.</summary>
    public const string Usage = "run -f KATALOG|KOMPOSER [--kubeconfig PATH] [--context NAME] [--namespace NS] [--leader-elect] [--leader-election-namespace NS] [--http-port N]";

    /// <summary>The default <see cref="HttpPort"/>, upstream Orkestra's.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>The katalog or komposer file (<c>-f</c>, <c>--file</c>).</summary>
    public string? File { get; init; }

    /// <summary>The kubeconfig (<c>--kubeconfig</c>); null: <c>KUBECONFIG</c>, in-cluster, then <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context (<c>--context</c>); null: the current one.</summary>
    public string? Context { get; init; }

    /// <summary>Reconcile CRs of this namespace only (<c>--namespace</c>, <c>-n</c>).</summary>
    public string? Namespace { get; init; }

    /// <summary>Run leader election on the Lease <c>orkestra-konductor</c> (<c>--leader-elect</c>).</summary>
    public bool LeaderElect { get; init; }

    /// <summary>The Lease's namespace (<c>--leader-election-namespace</c>; default: env <c>LEADER_ELECTION_NAMESPACE</c>, the pod's namespace, else <c>default</c>).</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>
    /// The port of the probes, <c>/metrics</c> and <c>/katalog</c> (<c>--http-port</c>; default
    /// <see cref="DefaultHttpPort"/>); 0 turns the endpoints off.
    /// </summary>
    public int HttpPort { get; init; } = DefaultHttpPort;

    /// <summary>Whether <c>--help</c> was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Parses <paramref name="args"/>; an unknown option or a missing value is a <see cref="FormatException"/> saying which and showing the usage.</summary>
    public static RunArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new RunArguments();
        var i = args.Count > 0 && args[0] == "run" ? 1 : 0;
        for (; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count || (args[i + 1].StartsWith('-') && args[i + 1].Length > 1))
                {
                    throw new FormatException($"option {arg} needs a value; usage: {Usage}");
                }

                return args[++i];
            }

            result = arg switch
            {
                "-f" or "--file" => result with { File = Value() },
                "--kubeconfig" => result with { Kubeconfig = Value() },
                "--context" => result with { Context = Value() },
                "-n" or "--namespace" => result with { Namespace = Value() },
                "--leader-elect" => result with { LeaderElect = inline is null || bool.Parse(inline) },
                "--leader-election-namespace" => result with { LeaderElectionNamespace = Value() },
                "--http-port" => result with { HttpPort = Port(arg, Value()) },
                "-h" or "--help" or "-?" => result with { Help = true },
                _ => throw new FormatException(string.Format(CultureInfo.InvariantCulture, "unknown {0} '{1}'; usage: {2}", arg.StartsWith('-') ? "option" : "argument", arg, Usage)),
            };
        }

        return result;
    }

    private static int Port(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FormatException($"option {option} takes a port from 0 (off) to 65535, not '{value}'; usage: {Usage}");
}
