#if ORK_DEV || ORK_RUNTIME
using System.CommandLine;
using System.Globalization;
using Orkestra.Hosting;

namespace Orkestra.Cli.Commands;

/// <summary>
/// <c>ork run -f KATALOG|KOMPOSER [--kubeconfig PATH] [--context NAME] [--namespace NS] [--leader-elect] [--http-port N]</c>: runs the
/// katalog as an operator against a cluster until SIGINT/SIGTERM. The stock runtime carries no typed hooks; a typed
/// katalog runs on its own project's binary, which accepts the same options (<c>OrkestraHost.CreateBuilder(args)</c>).
/// </summary>
internal sealed class RunCommand : Command
{
    private readonly Option<string> _file = new("--file", "-f") { Description = "The Katalog or Komposer to run.", HelpName = "KATALOG", Required = true };
    private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "The kubeconfig. Default: KUBECONFIG, then in-cluster, then ~/.kube/config.", HelpName = "PATH" };
    private readonly Option<string?> _context = new("--context") { Description = "The kubeconfig context. Default: the current one.", HelpName = "NAME" };
    private readonly Option<string?> _namespace = new("--namespace", "-n") { Description = "Reconcile CRs of this namespace only. Default: all namespaces.", HelpName = "NS" };
    private readonly Option<bool> _leaderElect = new("--leader-elect") { Description = "Reconcile only while holding the Lease orkestra-konductor (run several replicas)." };
    private readonly Option<string?> _leaseNamespace = new("--leader-election-namespace") { Description = "The Lease's namespace. Default: LEADER_ELECTION_NAMESPACE, else the context's namespace.", HelpName = "NS" };

    private readonly Option<int> _httpPort = new("--http-port") { Description = "The port of /startup, /health, /ready, /metrics and /katalog; 0 turns them off.", HelpName = "N", DefaultValueFactory = _ => RunArguments.DefaultHttpPort };

    public RunCommand()
        : base("run", "Run a katalog as an operator against a Kubernetes cluster until Ctrl-C.")
    {
        Options.Add(_file);
        Options.Add(_kubeconfig);
        Options.Add(_context);
        Options.Add(_namespace);
        Options.Add(_leaderElect);
        Options.Add(_leaseNamespace);
        Options.Add(_httpPort);
        SetAction((result, cancellationToken) =>
        {
            var args = new List<string> { "-f", result.GetValue(_file)! };
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    args.Add(name);
                    args.Add(value);
                }
            }

            Add("--kubeconfig", result.GetValue(_kubeconfig));
            Add("--context", result.GetValue(_context));
            Add("--namespace", result.GetValue(_namespace));
            Add("--leader-election-namespace", result.GetValue(_leaseNamespace));
            Add("--http-port", result.GetValue(_httpPort).ToString(CultureInfo.InvariantCulture));
            if (result.GetValue(_leaderElect))
            {
                args.Add("--leader-elect");
            }

            return OrkestraHost.RunAsync(args, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        });
    }
}
#endif
