using System.Diagnostics;

namespace Orkestra.Cli.Tests;

/// <summary><c>ork dev</c>: the embedded API server in a process of its own, used by the real kubectl, stopped by Ctrl-C.</summary>
public class DevCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dev_serves_kubectl_with_its_own_kubeconfig_and_stops_cleanly_on_ctrl_c()
    {
        using var temp = new TempDirectory();
        var kubeconfig = Path.Combine(temp.Path, "nested", "kubeconfig");
        using var cancel = new CancellationTokenSource(Timeout);
        using var ork = StartOrk(temp.Path, "dev", "--kubeconfig-out", kubeconfig);
        try
        {
            var banner = new List<string>();
            while (await ork.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                banner.Add(line);
                if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Assert.Contains("export KUBECONFIG=" + kubeconfig, banner);
            Assert.Contains(banner, l => l.StartsWith("Kubernetes API server listening on http://127.0.0.1:", StringComparison.Ordinal));
            Assert.Contains("current-context: orkestra-dev", await File.ReadAllTextAsync(kubeconfig, cancel.Token), StringComparison.Ordinal);

            var kubectl = await RunAsync("kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(temp.Path, "cache"), "get", "namespaces", "-o", "name"], cancel.Token);
            Assert.True(kubectl.ExitCode == 0, kubectl.Output);
            Assert.Contains("namespace/default", kubectl.Output, StringComparison.Ordinal);

            var interrupt = await RunAsync("kill", ["-INT", ork.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancel.Token);
            Assert.Equal(0, interrupt.ExitCode);
            await ork.WaitForExitAsync(cancel.Token);
            var rest = await ork.StandardOutput.ReadToEndAsync(cancel.Token);

            Assert.Equal(0, ork.ExitCode);
            Assert.Contains("Stopped.", rest, StringComparison.Ordinal);
        }
        finally
        {
            if (!ork.HasExited)
            {
                ork.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var temp = new TempDirectory();

        var result = await CliRunner.RunAsync("dev", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--kubeconfig-out", Path.Combine(temp.Path, "kubeconfig"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("choose another --port", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_with_a_data_dir_keeps_the_cluster_across_runs_and_holds_the_directory()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var kubeconfig = Path.Combine(temp.Path, "kubeconfig");
        var manifest = Path.Combine(temp.Path, "cm.json");
        await File.WriteAllTextAsync(manifest, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept","namespace":"default"},"data":{"k":"v"}}""");
        using var cancel = new CancellationTokenSource(Timeout);
        string[] Kubectl(params string[] args) => ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(temp.Path, "cache"), .. args];

        for (var run = 0; run < 2; run++)
        {
            using var ork = StartOrk(temp.Path, "dev", "--kubeconfig-out", kubeconfig, "--data-dir", data);
            try
            {
                while (await ork.StandardOutput.ReadLineAsync(cancel.Token) is { } line && !line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
                {
                }

                if (run == 0)
                {
                    var created = await RunAsync("kubectl", Kubectl("create", "-f", manifest), cancel.Token);
                    Assert.True(created.ExitCode == 0, created.Output);

                    var second = await CliRunner.RunAsync("dev", "--data-dir", data, "--kubeconfig-out", Path.Combine(temp.Path, "other"));
                    Assert.Equal(1, second.ExitCode);
                    Assert.Contains("in use by another API server", second.Stderr, StringComparison.Ordinal);
                }
                else
                {
                    var got = await RunAsync("kubectl", Kubectl("get", "configmap", "kept", "-o", "jsonpath={.data.k}"), cancel.Token);
                    Assert.True(got.ExitCode == 0, got.Output);
                    Assert.Equal("v", got.Output.Trim());
                }

                Assert.Equal(0, (await RunAsync("kill", ["-INT", ork.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancel.Token)).ExitCode);
                await ork.WaitForExitAsync(cancel.Token);
                Assert.Equal(0, ork.ExitCode);
            }
            finally
            {
                if (!ork.HasExited)
                {
                    ork.Kill(entireProcessTree: true);
                }
            }
        }
    }

    [Fact]
    public async Task Dev_with_a_katalog_runs_the_operator_and_prints_each_reconcile()
    {
        using var temp = new TempDirectory();
        var kubeconfig = Path.Combine(temp.Path, "kubeconfig");
        var katalog = Path.Combine(PublishedFlavoursFixture.RepositoryRoot, "examples", "website", "katalog.yaml");
        var extra = Path.Combine(temp.Path, "second.yaml");
        await File.WriteAllTextAsync(extra, "apiVersion: demo.orkestra.io/v1\nkind: Website\nmetadata: {name: second, namespace: default}\nspec: {image: nginx:1.27, replicas: 1, port: 80}\n");
        using var cancel = new CancellationTokenSource(Timeout);
        using var ork = StartOrk(temp.Path, "dev", "-f", katalog, "--apply", extra, "--kubeconfig-out", kubeconfig);
        try
        {
            var lines = new List<string>();
            while (lines.Count(l => l.Contains("created Deployment", StringComparison.Ordinal)) < 2 && await ork.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                lines.Add(line);
            }

            Assert.Contains("Installed CRD from " + Path.GetRelativePath(temp.Path, Path.Combine(PublishedFlavoursFixture.RepositoryRoot, "examples", "website", "crd.yaml")), lines);
            Assert.Contains(lines, l => l.StartsWith("website default/hello: created Deployment default/hello, created Service default/hello-svc", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("website default/second: created Deployment default/second", StringComparison.Ordinal));

            var wait = await RunAsync("kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(temp.Path, "cache"), "wait", "--for=condition=Ready", "website/hello", "--timeout=30s"], cancel.Token);
            Assert.True(wait.ExitCode == 0, wait.Output);

            Assert.Equal(0, (await RunAsync("kill", ["-INT", ork.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], cancel.Token)).ExitCode);
            await ork.WaitForExitAsync(cancel.Token);
            Assert.Equal(0, ork.ExitCode);
        }
        finally
        {
            if (!ork.HasExited)
            {
                ork.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartOrk(string workingDirectory, params string[] args)
    {
        var startInfo = new ProcessStartInfo(ChildProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ork.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
