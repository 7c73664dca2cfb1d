using System.CommandLine;
using System.Runtime.InteropServices;
using Orkestra.Testing;

namespace Orkestra.Cli.Commands.Dev;

/// <summary>
/// <c>ork dev [--port N] [--kubeconfig-out PATH] [--data-dir DIR]</c>: runs the embedded Kubernetes API server on
/// 127.0.0.1 until Ctrl-C, with a kubeconfig of its own (context <c>orkestra-dev</c>) so kubectl and operators can talk
/// to it; with <c>--data-dir</c> its state is kept on disk across runs. It never edits <c>~/.kube/config</c>.
/// Developer CLI only.
/// </summary>
internal sealed class DevCommand : Command
{
    private readonly Option<int> _port = new("--port")
    {
        Description = "The port to listen on, on 127.0.0.1. Default: a free port.",
        HelpName = "N",
    };

    private readonly Option<string?> _kubeconfigOut = new("--kubeconfig-out")
    {
        Description = "Where to write the server's kubeconfig. Default: ~/.orkestra/dev/kubeconfig.",
        HelpName = "PATH",
    };

    private readonly Option<string?> _dataDir = new("--data-dir")
    {
        Description = "Keep the cluster's state in this directory (created when missing) so it survives a restart; acknowledged writes are flushed to disk. Default: in memory only.",
        HelpName = "DIR",
    };

    public DevCommand()
        : base("dev", "Run the embedded Kubernetes API server on 127.0.0.1 until Ctrl-C, and write a kubeconfig for it.")
    {
        _port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535 (0: a free port)");
            }
        });
        Options.Add(_port);
        Options.Add(_kubeconfigOut);
        Options.Add(_dataDir);
        SetAction((result, cancellationToken) => RunAsync(result.GetValue(_port), result.GetValue(_kubeconfigOut), result.GetValue(_dataDir), result.InvocationConfiguration.Output, cancellationToken));
    }

    /// <summary>The kubeconfig path when none is given: <c>~/.orkestra/dev/kubeconfig</c>.</summary>
    public static string DefaultKubeconfigPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".orkestra", "dev", "kubeconfig");

    private static async Task<int> RunAsync(int port, string? kubeconfigOut, string? dataDir, TextWriter stdout, CancellationToken cancellationToken)
    {
        var kubeconfig = Path.GetFullPath(kubeconfigOut ?? DefaultKubeconfigPath);
        KubeApiServer server;
        try
        {
            server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Port = port, DataDirectory = dataDir is null ? null : Path.GetFullPath(dataDir) }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (dataDir is not null && ex is InvalidOperationException or InvalidDataException)
        {
            // The data directory is held by another server, unreadable or damaged: the message says which and where.
            throw new IOException(ex.Message, ex);
        }
        catch (IOException ex)
        {
            // Kestrel reports a taken port as an IOException (AddressInUseException).
            throw new IOException($"cannot listen on 127.0.0.1:{port}: {ex.Message}; choose another --port, or leave it out for a free one", ex);
        }

        // Ctrl-C (SIGINT) and SIGTERM stop the server cleanly: open watches end, the port is released.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using (server.ConfigureAwait(false))
        {
            await server.WriteKubeconfigAsync(kubeconfig).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Kubernetes API server listening on {server.Url}").ConfigureAwait(false);
            if (dataDir is not null)
            {
                await stdout.WriteLineAsync($"State kept in {Path.GetFullPath(dataDir)}").ConfigureAwait(false);
            }
            await stdout.WriteLineAsync($"Kubeconfig (context {KubeApiServer.ContextName}) written to {kubeconfig}; in another shell:").ConfigureAwait(false);
            await stdout.WriteLineAsync($"export KUBECONFIG={kubeconfig}").ConfigureAwait(false);
            await stdout.WriteLineAsync("Press Ctrl-C to stop.").ConfigureAwait(false);
            await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stop serving; the server is disposed below.
            }
        }

        await stdout.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
