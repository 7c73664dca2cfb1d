using System.Diagnostics;
using System.Text;

namespace Orkestra.Cli.Tests;

/// <summary>Runs the <c>dotnet</c> host as a child process and captures its output.</summary>
internal static class ChildProcess
{
    /// <summary>The <c>dotnet</c> host running these tests (or the one on PATH).</summary>
    public static string DotnetHost { get; } = FindDotnetHost();

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/>; on timeout kills the process tree and reports it.</summary>
    public static async Task<ProcessResult> RunDotnetAsync(IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        // The test host may run under MSBuild's environment; a nested build must not inherit it.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        var output = new StringBuilder();
        var stdout = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
                stdout.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };

        var commandLine = $"dotnet {string.Join(' ', startInfo.ArgumentList)}";
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
            {
                return new ProcessResult(commandLine, -1, stdout.ToString(), $"{output}\n(timed out after {timeout})");
            }
        }

        lock (output)
        {
            return new ProcessResult(commandLine, process.ExitCode, stdout.ToString(), output.ToString());
        }
    }

    private static string FindDotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }

        return "dotnet";
    }
}

/// <summary>A finished child process: its exit code, its stdout, and stdout and stderr interleaved.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Output)
{
    public override string ToString() => $"{CommandLine}\nexit {ExitCode}\n{Output}";
}
