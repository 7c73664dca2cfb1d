using System.CommandLine;
using System.Runtime.InteropServices;
using Orkestra.Diagnostics;
using Orkestra.Katalogs.Model;
using Orkestra.Katalogs.Yaml;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
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

    private readonly Option<string?> _file = new("--file", "-f")
    {
        Description = "Also run this Katalog or Komposer as an operator against the server: install its CRDs, apply its crFiles, and print each reconcile.",
        HelpName = "KATALOG",
    };

    private readonly Option<string[]> _apply = new("--apply")
    {
        Description = "Apply this file's objects (multi-document YAML allowed) once the operator runs; repeatable.",
        HelpName = "FILE",
        AllowMultipleArgumentsPerToken = false,
    };

    public DevCommand()
        : base("dev", "Run the embedded Kubernetes API server on 127.0.0.1 until Ctrl-C, and write a kubeconfig for it; with -f, run a katalog against it.")
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
        Options.Add(_file);
        Options.Add(_apply);
        SetAction((result, cancellationToken) => RunAsync(
            new Settings(result.GetValue(_port), result.GetValue(_kubeconfigOut), result.GetValue(_dataDir), result.GetValue(_file), result.GetValue(_apply) ?? Array.Empty<string>()),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellationToken));
    }

    /// <summary>The kubeconfig path when none is given: <c>~/.orkestra/dev/kubeconfig</c>.</summary>
    public static string DefaultKubeconfigPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".orkestra", "dev", "kubeconfig");

    private static async Task<int> RunAsync(Settings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (port, kubeconfigOut, dataDir, file, applies) = settings;
        KatalogDocument? katalog = null;
        if (applies.Length > 0 && file is null)
        {
            await stderr.WriteLineAsync("ork: --apply needs -f KATALOG (the operator the objects are for)").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (file is not null)
        {
            IReadOnlyList<Diagnostic> diagnostics;
            (katalog, diagnostics) = OperatorRuntime.LoadKatalog(file);
            foreach (var diagnostic in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
            {
                await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            if (katalog is null)
            {
                await stderr.WriteLineAsync($"ork: {file} does not load; fix the errors above").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

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
            var operatorRun = Task.CompletedTask;
            if (katalog is not null)
            {
                var started = await StartOperatorAsync(server, katalog, applies, stdout, stderr, stop.Token).ConfigureAwait(false);
                if (started is null)
                {
                    return ExitCodes.Failure;
                }

                operatorRun = started;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stop serving; the server is disposed below.
            }

            await operatorRun.ConfigureAwait(false);
        }

        await stdout.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // Installs the katalog's CRDs, starts the runtime, applies the crFiles and --apply files; null when it cannot start.
    private static async Task<Task?> StartOperatorAsync(KubeApiServer server, KatalogDocument katalog, string[] applies, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        foreach (var crdFile in katalog.EnabledCrds.Select(e => e.Crd?.Path).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await server.ApplyFileAsync(crdFile, cancellationToken: cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync($"Installed CRD from {Path.GetRelativePath(Environment.CurrentDirectory, crdFile)}").ConfigureAwait(false);
        }

        var client = new KubeClient(new ClusterConnection(KubeApiServer.ContextName, server.Url, "default"));
        OperatorRuntime runtime;
        try
        {
            runtime = OperatorRuntime.Create(katalog, client);
        }
        catch (RuntimeConfigurationException ex)
        {
            await stderr.WriteLineAsync("ork: " + ex.Message).ConfigureAwait(false);
            client.Dispose();
            return null;
        }

        var gate = new object();
        runtime.Reconciled += report =>
        {
            if (report.Changes.Count == 0 && !report.StatusChanged && report.Error is null && report.GatedBy is null)
            {
                return;
            }

            var parts = report.Changes.Select(c => c.ToString()).ToList();
            if (report.StatusChanged)
            {
                parts.Add(report.Error is null ? "status written (Ready)" : "status written (not Ready)");
            }

            var line = $"{report.Crd} {report.Key}: " + (
                report.GatedBy is { } held ? $"held back by {held} (not reconciled until it opens)"
                : report.Error is null ? string.Join(", ", parts)
                : "error: " + report.Error + (parts.Count > 0 ? " (" + string.Join(", ", parts) + ")" : string.Empty));
            lock (gate)
            {
                stdout.WriteLine(line);
                stdout.Flush();
            }
        };

        var run = Task.Run(
            async () =>
            {
                using (client)
                {
                    await runtime.RunAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            CancellationToken.None);
        await stdout.WriteLineAsync($"Running katalog {katalog.Name}: {string.Join(", ", runtime.Controllers.Select(c => c.Name + " (" + c.Kind + ")"))}").ConfigureAwait(false);

        var files = katalog.EnabledCrds
            .SelectMany(e => (e.Node["crFiles"] as YamlSequence)?.Items.OfType<YamlScalar>().Select(s => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(e.SourcePath))!, s.Value))) ?? Enumerable.Empty<string>())
            .Concat(applies.Select(Path.GetFullPath));
        foreach (var path in files)
        {
            try
            {
                var applied = await server.ApplyFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Applied {string.Join(", ", applied.Select(o => (string?)o["kind"] + " " + (string?)o["metadata"]?["name"]))} from {Path.GetRelativePath(Environment.CurrentDirectory, path)}").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException)
            {
                await stderr.WriteLineAsync($"ork: applying {path} failed: {ex.Message}").ConfigureAwait(false);
            }
        }

        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return run;
    }

    private sealed record Settings(int Port, string? KubeconfigOut, string? DataDir, string? File, string[] Applies);
}
