using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Testing;

namespace Orkestra.Benchmarks;

/// <summary>
/// The operator runtime end to end (the runtime's targets: p99 CR created → children applied under 100 ms at 100 CRs/s,
/// 10,000 CRs under 200 MB): the website example katalog run by <see cref="OperatorRuntime"/> in this process against the
/// embedded API server in a child process (so that each one's memory is its own), over real HTTP on loopback, while a
/// second client in this process creates Website CRs (one clock for the create and the runtime's report).
/// Run: <c>dotnet run -c Release --project benchmarks/Orkestra.Benchmarks -- runtime [--crs N] [--rate R]</c>
/// (defaults 10,000 and 100/s; also <c>--burst B</c>, default 2,000, <c>--workers W</c> to override the katalog's 2,
/// <c>--no-workloads</c> to switch the simulated Deployment controller off). BENCHMARKS.md has the method and figures.
/// </summary>
internal static class RuntimeHarness
{
    private const int BurstClients = 8;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var crs = (int)Option(args, "--crs", 10_000);
        var rate = Option(args, "--rate", 100);
        var burst = (int)Option(args, "--burst", 2_000);
        var workers = (int)Option(args, "--workers", 0);
        var settings = new Settings(workers > 0 ? workers : null, !args.Contains("--no-workloads"));
        var folder = Path.Combine(RepositoryRoot(), "examples", "website");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Operator runtime end to end: examples/website on the embedded API server, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers {(settings.Workers?.ToString(CultureInfo.InvariantCulture) ?? "from the katalog")}, simulated Deployment controller {(settings.Workloads ? "on (ready after 1 s)" : "off")}, resync 1 h, client QPS unlimited"));

        var loadClock = Stopwatch.StartNew();
        var (katalog, diagnostics) = OperatorRuntime.LoadKatalog(Path.Combine(folder, "katalog.yaml"));
        var loadTime = loadClock.Elapsed;
        if (katalog is null)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, diagnostics));
            return 1;
        }

        var crd = Path.Combine(folder, "crd.yaml");
        var results = new List<(string Figure, string Value)>
        {
            ("katalog load (LoadKatalog, cold)", Ms(loadTime)),
        };

        // Cold: the first runtime of the process (JIT included); then a few hundred CRs so that what follows is steady state.
        await using (var cold = await Session.StartAsync(katalog, crd, settings))
        {
            results.Add(("start-up to ready, cold process", Ms(cold.Ready)));
            results.Add(("  of which CR cache synced", Ms(cold.Synced)));
            results.Add(("first CR after ready → children applied, cold", Ms(await cold.ProbeAsync())));
            await cold.CreatePacedAsync("warm", 300, rate);
            await cold.WaitConvergedAsync(300 + 1, TimeSpan.FromSeconds(120));
        }

        var baseline = Settled();
        await using (var main = await Session.StartAsync(katalog, crd, settings))
        {
            results.Add(("start-up to ready, warm process", Ms(main.Ready)));
            var window = await main.CreatePacedAsync("site", crs, rate);
            var converged = await main.WaitConvergedAsync(crs, TimeSpan.FromSeconds(Math.Max(120, crs / rate * 3)));
            var latency = main.Latencies("site");
            results.Add(($"paced creates: {crs:N0} CRs at {rate:N0}/s (achieved)", string.Create(CultureInfo.InvariantCulture, $"{crs / window.Creating.TotalSeconds:F1}/s over {window.Creating.TotalSeconds:F1} s")));
            results.Add(("CR created → children applied p50 / p90 / p99 / max", Percentiles(latency)));
            results.Add(("reconciles/s over the paced run (demand-bound)", string.Create(CultureInfo.InvariantCulture, $"{main.Reports / converged.TotalSeconds:F0}/s ({main.Reports:N0} in {converged.TotalSeconds:F1} s, {(double)main.Reports / crs:F2} per CR, {main.Errors} with an error)")));
            results.Add(("reconcile duration p50 / p99 (children-creating ones)", main.Durations(first: true)));
            results.Add(("reconcile duration p50 / p99 (the others)", main.Durations(first: false)));
            results.Add(("work-queue depth, max sampled", main.MaxQueueDepth.ToString(CultureInfo.InvariantCulture)));

            // The server runs in its own process, so this process's heap is the runtime's (plus the creating client
            // and this harness's bookkeeping: a few MB) and its working set close to an operator process's.
            var heap = Settled();
            var workingSet = Environment.WorkingSet;
            var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
            var (serverHeap, serverSet) = await main.ServerMemoryAsync();
            results.Add(($"runtime process at {crs:N0} CRs: managed heap (− empty baseline)", $"{Mb(heap)} ({Mb(heap - baseline)})"));
            results.Add(("runtime process: working set / GC committed", $"{Mb(workingSet)} / {Mb(committed)}"));
            results.Add(("API server process: managed heap / working set", $"{Mb(serverHeap)} / {Mb(serverSet)}"));
        }

        // Burst: a fresh server and runtime, and creates as fast as BurstClients clients go; the completion rate is the capacity.
        if (burst > 0)
        {
            await using var run = await Session.StartAsync(katalog, crd, settings);
            var window = await run.CreateBurstAsync("burst", burst);
            var converged = await run.WaitConvergedAsync(burst, TimeSpan.FromSeconds(Math.Max(120, burst / 10)));
            var latency = run.Latencies("burst");
            results.Add(($"burst: {burst:N0} CRs by {BurstClients} clients, created in", string.Create(CultureInfo.InvariantCulture, $"{window.Creating.TotalSeconds:F2} s ({burst / window.Creating.TotalSeconds:F0} creates/s)")));
            results.Add(("  all children applied after", string.Create(CultureInfo.InvariantCulture, $"{window.AllApplied.TotalSeconds:F2} s = {burst / window.AllApplied.TotalSeconds:F0} CRs/s")));
            results.Add(("  reconciles/s until quiet", string.Create(CultureInfo.InvariantCulture, $"{run.Reports / converged.TotalSeconds:F0}/s ({run.Reports:N0} in {converged.TotalSeconds:F1} s, {run.Errors} with an error)")));
            results.Add(("  created → children applied p50 / p90 / p99 / max", Percentiles(latency)));
            results.Add(("  reconcile duration p50 / p99 (children-creating ones)", run.Durations(first: true)));
            results.Add(("  work-queue depth, max sampled", run.MaxQueueDepth.ToString(CultureInfo.InvariantCulture)));
        }

        var width = results.Max(r => r.Figure.Length);
        Console.WriteLine();
        foreach (var (figure, value) in results)
        {
            Console.WriteLine(figure.PadRight(width) + "  " + value);
        }

        return 0;
    }

    private static double Option(IReadOnlyList<string> args, string name, double fallback)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return double.Parse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Ms(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:F0} ms");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    private static string Percentiles(IReadOnlyList<double> sorted) => sorted.Count == 0
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"{At(sorted, 0.50):F1} / {At(sorted, 0.90):F1} / {At(sorted, 0.99):F1} / {sorted[^1]:F1} ms ({sorted.Count:N0} CRs)");

    // Nearest-rank percentile of an ascending list.
    private static double At(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Orkestra.Sdk.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Orkestra.Sdk.sln not found above the working folder or the benchmark assembly.");
    }

    private sealed record Settings(int? Workers, bool Workloads);

    private sealed record Window(TimeSpan Creating, TimeSpan AllApplied);

    /// <summary>A server, the runtime on it, a second client creating CRs, and what the runtime reported.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private const string ApiVersion = "demo.orkestra.io/v1";
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _sampling = new();
        private readonly ConcurrentDictionary<string, long> _created = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _applied = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<(bool First, double Ms)> _durations = new();
        private readonly ServerProcess _server;
        private readonly KubeClient _creator;
        private KubeClient? _runtimeClient;
        private OperatorRuntime? _runtime;
        private Task _running = Task.CompletedTask;
        private Task _sampler = Task.CompletedTask;
        private long _reports;
        private long _errors;
        private long _lastReport;
        private int _maxQueueDepth;
        private int _probes;

        private Session(ServerProcess server)
        {
            _server = server;
            _creator = new KubeClient(new ClusterConnection("bench-creator", server.Url, "default"), new KubeClientOptions { Qps = 0 });
        }

        public TimeSpan Ready { get; private set; }

        public TimeSpan Synced { get; private set; }

        public long Reports => Interlocked.Read(ref _reports);

        public long Errors => Interlocked.Read(ref _errors);

        public int MaxQueueDepth => Volatile.Read(ref _maxQueueDepth);

        public static async Task<Session> StartAsync(Orkestra.Katalogs.Model.KatalogDocument katalog, string crd, Settings settings)
        {
            var server = await ServerProcess.StartAsync(crd, settings.Workloads);
            var session = new Session(server);
            session._runtimeClient = new KubeClient(new ClusterConnection("bench", server.Url, "default"), new KubeClientOptions { Qps = 0 });
            var runtime = OperatorRuntime.Create(katalog, session._runtimeClient, new RuntimeOptions { Resync = TimeSpan.FromHours(1), Workers = settings.Workers });
            runtime.Reconciled += session.OnReconciled;
            session._runtime = runtime;

            // Start-up to ready: from the RunAsync call until every controller runs its workers (caches of the CRs and
            // of the child kinds synced, dependencies started) — from then on a new CR is reconciled at once.
            var start = Stopwatch.GetTimestamp();
            session._running = runtime.RunAsync(session._stop.Token);
            while (!runtime.Started)
            {
                await Task.Delay(1);
            }

            session.Synced = Stopwatch.GetElapsedTime(start);
            while (runtime.Controllers.Any(c => c.State == ControllerState.Pending))
            {
                await Task.Delay(1);
            }

            session.Ready = Stopwatch.GetElapsedTime(start);
            session._sampler = session.SampleQueueAsync(session._sampling.Token);
            return session;
        }

        // One CR on the idle runtime: its latency alone.
        public async Task<TimeSpan> ProbeAsync()
        {
            var name = "probe-" + Interlocked.Increment(ref _probes).ToString(CultureInfo.InvariantCulture);
            await CreateAsync(name);
            while (!_applied.ContainsKey("default/" + name))
            {
                await Task.Delay(1);
            }

            return TimeSpan.FromMilliseconds(Latencies(name)[0]);
        }

        // count CRs at rate per second, open loop: each create starts at its due time whether or not earlier ones have
        // been answered, so a slow server or runtime cannot hold the arrivals back (no coordinated omission).
        public async Task<Window> CreatePacedAsync(string prefix, int count, double rate)
        {
            var pending = new List<Task>(count);
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / rate) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due);
                }

                pending.Add(CreateAsync(prefix + "-" + i.ToString("D5", CultureInfo.InvariantCulture)));
            }

            await Task.WhenAll(pending);
            return new Window(Stopwatch.GetElapsedTime(start), TimeSpan.Zero);
        }

        // count CRs by BurstClients closed loops, as fast as the server answers.
        public async Task<Window> CreateBurstAsync(string prefix, int count)
        {
            var next = -1;
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, BurstClients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    await CreateAsync(prefix + "-" + i.ToString("D5", CultureInfo.InvariantCulture));
                }
            })));
            var creating = Stopwatch.GetElapsedTime(start);
            while (_applied.Keys.Count(k => k.StartsWith("default/" + prefix + "-", StringComparison.Ordinal)) < count)
            {
                await Task.Delay(10);
            }

            return new Window(creating, TimeSpan.FromTicks((long)((_applied.Values.Max() - start) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        }

        // Waits until count CRs have their children and no report came for Quiet (the follow-up reconciles done: the CR's
        // own finalizer patch, the children's events, the simulated Deployment becoming ready). Returns the time from the
        // first create to the last report.
        public async Task<TimeSpan> WaitConvergedAsync(int count, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (_applied.Count < count || Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReport)) < Quiet || _runtime!.Controllers.Any(c => c.QueueDepth > 0))
            {
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"not converged after {timeout.TotalSeconds:F0} s: {_applied.Count} of {count} CRs have their children, {Reports} reports, {Errors} errors");
                }

                await Task.Delay(50);
            }

            var first = _created.Values.Min();
            return TimeSpan.FromTicks((long)((Volatile.Read(ref _lastReport) - first) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        }

        // Milliseconds from the create request's start to the first report in which both children had been created, ascending.
        public List<double> Latencies(string prefix)
        {
            var list = new List<double>();
            foreach (var (key, created) in _created)
            {
                if (key.StartsWith("default/" + prefix, StringComparison.Ordinal) && _applied.TryGetValue(key, out var applied))
                {
                    list.Add((applied - created) * 1000.0 / Stopwatch.Frequency);
                }
            }

            list.Sort();
            return list;
        }

        public string Durations(bool first)
        {
            var list = _durations.Where(d => d.First == first).Select(d => d.Ms).Order().ToList();
            return list.Count == 0
                ? "none"
                : string.Create(CultureInfo.InvariantCulture, $"{At(list, 0.50):F1} / {At(list, 0.99):F1} ms ({list.Count:N0})");
        }

        // Stops the runtime and lets it go, so that what stays on the heap is the server's (and this session's bookkeeping).
        public async Task StopRuntimeAsync()
        {
            await _sampling.CancelAsync();
            await _sampler;
            await _stop.CancelAsync();
            await _running;
            _runtime!.Reconciled -= OnReconciled;
            _runtime = null;
            _runtimeClient!.Dispose();
            _runtimeClient = null;
        }

        public Task<(long Heap, long WorkingSet)> ServerMemoryAsync() => _server.MemoryAsync();

        public async ValueTask DisposeAsync()
        {
            if (_runtime is not null)
            {
                await StopRuntimeAsync();
            }

            _creator.Dispose();
            await _server.DisposeAsync();
            _stop.Dispose();
            _sampling.Dispose();
        }

        private async Task CreateAsync(string name)
        {
            var website = new JsonObject
            {
                ["apiVersion"] = ApiVersion,
                ["kind"] = "Website",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
                ["spec"] = new JsonObject { ["image"] = "nginx:1.27", ["replicas"] = 2, ["port"] = 80 },
            };
            _created["default/" + name] = Stopwatch.GetTimestamp();
            await _creator.CreateAsync(website);
        }

        private void OnReconciled(ReconcileReport report)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _reports);
            Volatile.Write(ref _lastReport, now);
            if (report.Error is not null)
            {
                Interlocked.Increment(ref _errors);
            }

            var flags = 0;
            foreach (var change in report.Changes)
            {
                if (change.Action == ChildAction.Created)
                {
                    flags |= change.Kind switch { "Deployment" => 1, "Service" => 2, _ => 0 };
                }
            }

            _durations.Enqueue((flags != 0, report.Duration.TotalMilliseconds));
            if (flags != 0 && _seen.AddOrUpdate(report.Key, flags, (_, old) => old | flags) == 3)
            {
                _applied.TryAdd(report.Key, now);
            }
        }

        private async Task SampleQueueAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    var depth = _runtime!.Controllers.Sum(c => c.QueueDepth);
                    if (depth > _maxQueueDepth)
                    {
                        Volatile.Write(ref _maxQueueDepth, depth);
                    }

                    await Task.Delay(100, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>
    /// The API server's side of the harness (<c>runtime-server [--no-workloads] crd.yaml</c>, started by
    /// <see cref="ServerProcess"/>): an embedded API server with the CRD installed; prints its URL, then answers
    /// <c>mem</c> on stdin with its settled managed heap and working set, and stops at <c>exit</c> or end of input.
    /// </summary>
    public static async Task<int> ServeAsync(IReadOnlyList<string> args)
    {
        var workloads = !args.Contains("--no-workloads");
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateWorkloads = workloads, SimulateJobs = false });
        await server.ApplyFileAsync(args[^1]);
        Console.WriteLine("url " + server.Url.AbsoluteUri);
        while (await Console.In.ReadLineAsync() is { } line && line != "exit")
        {
            if (line == "mem")
            {
                var heap = Settled();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mem {heap} {Environment.WorkingSet}"));
            }
        }

        return 0;
    }

    /// <summary>The embedded API server in a child process of this harness, so that the runtime's memory is its own.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, Uri url)
        {
            _process = process;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<ServerProcess> StartAsync(string crd, bool workloads)
        {
            // Run as `dotnet Orkestra.Benchmarks.dll` or as the apphost, whichever this process is.
            var host = Environment.ProcessPath ?? "dotnet";
            var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                start.ArgumentList.Add(typeof(RuntimeHarness).Assembly.Location);
            }

            start.ArgumentList.Add("runtime-server");
            if (!workloads)
            {
                start.ArgumentList.Add("--no-workloads");
            }

            start.ArgumentList.Add(crd);
            var process = Process.Start(start) ?? throw new InvalidOperationException("the API server process did not start");
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            if (line is null || !line.StartsWith("url ", StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException("the API server process said: " + line);
            }

            return new ServerProcess(process, new Uri(line[4..]));
        }

        public async Task<(long Heap, long WorkingSet)> MemoryAsync()
        {
            await _process.StandardInput.WriteLineAsync("mem");
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("the API server process ended");
            var parts = line.Split(' ');
            return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("exit");
                await _process.StandardInput.FlushAsync();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException)
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }
}
