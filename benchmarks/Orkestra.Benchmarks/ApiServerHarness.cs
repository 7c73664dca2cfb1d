using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Orkestra.Testing;

namespace Orkestra.Benchmarks;

/// <summary>
/// The embedded API server end to end, over real HTTP on loopback (issue 6 targets): creates per second with parallel
/// clients, watch events per second delivered to parallel watchers, and the memory 10,000 small objects take.
/// Throughput needs no statistics engine: each figure is a count over wall-clock time, printed with its inputs.
/// Run: <c>dotnet run -c Release --project benchmarks/Orkestra.Benchmarks -- apiserver</c>.
/// </summary>
internal static class ApiServerHarness
{
    private const int Clients = 8;
    private const int Watchers = 8;

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"Embedded API server, in memory, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        await WarmUpAsync();
        Console.WriteLine(await CreatesPerSecondAsync(20_000));
        Console.WriteLine(await DurableCreatesPerSecondAsync(20_000));
        Console.WriteLine(await WatchEventsPerSecondAsync(5_000));
        Console.WriteLine(await MemoryForObjectsAsync(10_000));
        return 0;
    }

    // JIT and connection pools warm, so the figures below are steady state.
    private static async Task WarmUpAsync()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var http = Client(server);
        await CreateAsync(http, 2_000, "warm");
    }

    private static async Task<string> CreatesPerSecondAsync(int count)
    {
        await using var server = await KubeApiServer.StartAsync();
        using var http = Client(server);
        var clock = Stopwatch.StartNew();
        await CreateAsync(http, count, "c");
        var seconds = clock.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"creates: {count} ConfigMaps by {Clients} parallel clients in {seconds:F2} s = {count / seconds:F0} creates/s");
    }

    // The same creates against a server with a data directory: each is answered once its log record is flushed to
    // disk (fsync), concurrent creates sharing a flush (group commit). The directory is a fresh temporary one.
    private static async Task<string> DurableCreatesPerSecondAsync(int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"orkestra-bench-{Guid.NewGuid():N}");
        try
        {
            await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { DataDirectory = directory });
            using var http = Client(server);
            var clock = Stopwatch.StartNew();
            await CreateAsync(http, count, "d");
            var seconds = clock.Elapsed.TotalSeconds;
            return string.Create(CultureInfo.InvariantCulture, $"creates with a data directory (fsync per group commit): {count} ConfigMaps by {Clients} parallel clients in {seconds:F2} s = {count / seconds:F0} creates/s");
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<string> WatchEventsPerSecondAsync(int count)
    {
        await using var server = await KubeApiServer.StartAsync();
        using var http = Client(server);
        var list = await http.GetStringAsync("api/v1/namespaces/default/configmaps");
        var resourceVersion = System.Text.Json.Nodes.JsonNode.Parse(list)!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var ready = new CountdownEvent(Watchers);
        var clock = new Stopwatch();
        var watchers = Enumerable.Range(0, Watchers).Select(_ => Task.Run(async () =>
        {
            using var watchClient = Client(server);
            using var response = await watchClient.GetAsync($"api/v1/namespaces/default/configmaps?watch=true&resourceVersion={resourceVersion}", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            ready.Signal();
            var received = 0;
            while (received < count && await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("{\"type\":\"ADDED\"", StringComparison.Ordinal))
                {
                    received++;
                }
            }

            return received;
        })).ToList();
        ready.Wait(TimeSpan.FromSeconds(30));
        clock.Start();
        await CreateAsync(http, count, "w");
        var delivered = (await Task.WhenAll(watchers)).Sum();
        var seconds = clock.Elapsed.TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"watch: {count} creates seen by {Watchers} watchers = {delivered} events delivered in {seconds:F2} s = {delivered / seconds:F0} events/s");
    }

    private static async Task<string> MemoryForObjectsAsync(int count)
    {
        var before = Settled();
        await using var server = await KubeApiServer.StartAsync();
        var empty = Settled();
        using (var http = Client(server))
        {
            await CreateAsync(http, count, "m");
        }

        var full = Settled();
        GC.KeepAlive(server);
        return string.Create(CultureInfo.InvariantCulture, $"memory: the server takes {(empty - before) / 1048576.0:F1} MB empty and {(full - empty) / 1048576.0:F1} MB more with {count} ConfigMaps (watch history included); process working set {Environment.WorkingSet / 1048576.0:F0} MB");
    }

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static HttpClient Client(KubeApiServer server) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(2) };

    // count small ConfigMaps (three labels, two data keys: about 250 bytes of JSON) created by Clients parallel loops.
    private static async Task CreateAsync(HttpClient http, int count, string prefix)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var body = string.Create(CultureInfo.InvariantCulture, $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{prefix}}}-{{{i}}}","labels":{"app":"bench","tier":"t{{{i % 10}}}","shard":"s{{{i % 7}}}"}},"data":{"key":"value-{{{i}}}","other":"some configuration text"}}""");
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("api/v1/namespaces/default/configmaps", content);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"create {prefix}-{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })));
    }
}
