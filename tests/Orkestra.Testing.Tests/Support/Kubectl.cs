using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Orkestra.Testing.Tests.Support;

/// <summary>What a kubectl run printed, and its exit code.</summary>
internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>
/// Runs the real <c>/usr/bin/kubectl</c> against one server, with a kubeconfig the server wrote and a discovery
/// cache of its own (so nothing is cached across servers); every run is bounded by a timeout and killed by its PID.
/// </summary>
internal sealed class Kubectl : IDisposable
{
    public const string Path = "/usr/bin/kubectl";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);
    private readonly string _directory;

    private Kubectl(string directory) => _directory = directory;

    private string KubeconfigPath => System.IO.Path.Combine(_directory, "kubeconfig");

    public static async Task<Kubectl> ForAsync(KubeApiServer server)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"orkestra-kubectl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var kubectl = new Kubectl(directory);
        await server.WriteKubeconfigAsync(kubectl.KubeconfigPath);
        return kubectl;
    }

    public async Task<KubectlResult> RunAsync(string arguments, string? stdin = null)
    {
        using var process = Start(arguments, redirectInput: stdin is not null);
        using var cts = new CancellationTokenSource(RunTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {arguments} did not finish in {RunTimeout}");
        }
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test unless it exits 0; returns its stdout.</summary>
    public async Task<string> SucceedAsync(string arguments, string? stdin = null)
    {
        var result = await RunAsync(arguments, stdin);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments}: {result}");
        return result.Stdout;
    }

    /// <summary>Starts a long-running kubectl (like <c>get -w</c>) whose output lines are read as they come.</summary>
    public KubectlStream Stream(string arguments) => new(Start(arguments, redirectInput: false));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl still writing its cache: the temp directory is left behind.
        }
    }

    private Process Start(string arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add($"--kubeconfig={KubeconfigPath}");
        info.ArgumentList.Add($"--cache-dir={System.IO.Path.Combine(_directory, "cache")}");
        foreach (var argument in Split(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["HOME"] = _directory;
        info.Environment.Remove("KUBECONFIG");
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    // Splits on spaces, keeping single-quoted parts together (quotes removed).
    private static IEnumerable<string> Split(string arguments)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in arguments)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }
        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}

/// <summary>A running kubectl whose stdout lines are read with a timeout; disposing kills it by its PID.</summary>
internal sealed class KubectlStream : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public KubectlStream(Process process)
    {
        _process = process;
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Writer.TryWrite(line);
            }
            _lines.Writer.TryComplete();
        });
        _ = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Reads lines until one satisfies <paramref name="match"/>, failing after the timeout.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cts.Token);
                seen.Add(line);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no matching line from kubectl; saw: {string.Join(" | ", seen)}");
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }
        _process.Dispose();
    }
}
