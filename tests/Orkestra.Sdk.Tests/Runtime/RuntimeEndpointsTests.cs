using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Sdk.Tests.Kubernetes.Client;
using Orkestra.Testing;

namespace Orkestra.Sdk.Tests.Runtime;

/// <summary>The runtime's HTTP endpoints over a real listener, with the website example on the embedded API server.</summary>
public sealed class RuntimeEndpointsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static string ExampleDirectory => Path.Combine(ClientFixtures.RepoRoot, "examples", "website");

    [Fact]
    public async Task Probes_metrics_and_the_katalog_follow_the_runtime()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "crd.yaml"));
        await using var run = await Run.CreateAsync(server, Path.Combine(ExampleDirectory, "katalog.yaml"));

        // Before the runtime runs: alive, but neither started nor ready, and the katalog is pending.
        var (status, body) = await run.GetJsonAsync("/startup");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("starting", (string?)body["status"]);
        (status, body) = await run.GetJsonAsync("/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", (string?)body["status"]);
        (status, _) = await run.GetJsonAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body) = await run.GetJsonAsync("/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("website", (string?)body["reasons"]![0], StringComparison.Ordinal);
        (status, body) = await run.GetJsonAsync("/katalog");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(1, (int?)body["statusCounts"]!["pending"]);

        run.Start();
        await run.WaitForAsync("/startup", HttpStatusCode.OK);
        (status, body) = await run.GetJsonAsync("/startup");
        Assert.Equal("started", (string?)body["status"]);
        (status, body) = await run.GetJsonAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", (string?)body["status"]);
        Assert.True((bool?)body["isKonductor"]);

        await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "cr.yaml"));
        await server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "hello", "Ready", timeout: Deadline);
        var metrics = await run.WaitForTextAsync("/metrics", m => m.Contains("controller_reconcile_total{crd=\"website\",result=\"success\"}", StringComparison.Ordinal));
        Assert.StartsWith("text/plain; version=0.0.4", metrics.ContentType, StringComparison.Ordinal);
        Assert.Contains("controller_resource_count{crd=\"website\"} 1\n", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("controller_workers_active{crd=\"website\"} 2\n", metrics.Text, StringComparison.Ordinal);
        Assert.Contains("# TYPE controller_queue_depth gauge\ncontroller_queue_depth{crd=\"website\"} ", metrics.Text, StringComparison.Ordinal);

        body = await run.WaitForAsync("/katalog", HttpStatusCode.OK);
        Assert.Equal("website-operator", (string?)body["name"]);
        Assert.Equal("v0.1.0", (string?)body["version"]);
        Assert.True((bool?)body["healthy"]);
        Assert.Equal(200, (int?)body["status"]);
        Assert.Null(body["degradedReason"]);
        Assert.Equal(1, (int?)body["total"]);
        Assert.Equal(1, (int?)body["enabled"]);
        Assert.Equal(0, (int?)body["degraded"]);
        Assert.Equal(1, (int?)body["statusCounts"]!["healthy"]);
        Assert.Equal(0, (int?)body["statusCounts"]!["pending"]);
        Assert.Equal(["default"], body["namespaces"]!.AsArray().Select(n => (string?)n));
        var crd = body["crds"]!.AsArray().Single()!;
        Assert.Equal("website", (string?)crd["name"]);
        Assert.Equal("Website", (string?)crd["kind"]);
        Assert.Equal("demo.orkestra.io/v1", (string?)crd["apiVersion"]);
        Assert.Equal("healthy", (string?)crd["state"]);
        Assert.Equal(2, (int?)crd["workers"]);
        Assert.Equal("30s", (string?)crd["resync"]);
        Assert.NotNull(crd["queueDepth"]);
        Assert.Equal(1, (int?)crd["resources"]);

        (status, body) = await run.GetJsonAsync("/katalog/website");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Website", (string?)body["kind"]);
        Assert.True((bool?)body["namespaced"]);
        Assert.Equal(2, (int?)body["workers"]!["current"]);
        Assert.Equal("configured", (string?)body["workers"]!["source"]);
        Assert.Equal("30s", (string?)body["resync"]);
        Assert.NotNull(body["queue"]!["depth"]);
        Assert.Empty(body["dependsOn"]!.AsArray());
        Assert.True((long?)body["metrics"]!["succeeded"] >= 1);
        Assert.Equal(100.0, (double?)body["metrics"]!["successRate"]);
        Assert.Equal(0.0, (double?)body["metrics"]!["errorRate"]);
        Assert.Equal("healthy", (string?)body["state"]);

        (status, body) = await run.GetJsonAsync("/katalog/website/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", (string?)body["state"]);
        Assert.True((bool?)body["isKonductor"]);
        Assert.Equal(0, (int?)body["consecutiveFailures"]);
        Assert.Equal(0L, (long?)body["failed"]);
        Assert.Null(body["lastError"]);
        Assert.False((bool?)body["hasUnhealthyDependencies"]);

        (status, body) = await run.GetJsonAsync("/katalog/nope");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("website", (string?)body["error"], StringComparison.Ordinal);
        (status, _) = await run.GetJsonAsync("/nope");
        Assert.Equal(HttpStatusCode.NotFound, status);

        using var post = await run.Http.PostAsync(new Uri("/katalog", UriKind.Relative), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET"], post.Content.Headers.Allow);
        Assert.Equal("application/json", post.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_controller_failing_every_reconcile_is_degraded_in_the_katalog_and_its_health()
    {
        var folder = Path.Combine(Path.GetTempPath(), "orkestra-endpoints-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.Copy(Path.Combine(ExampleDirectory, "crd.yaml"), Path.Combine(folder, "crd.yaml"));
            var katalogPath = Path.Combine(folder, "katalog.yaml");
            await File.WriteAllTextAsync(katalogPath, """
                apiVersion: orkestra.orkspace.io/v1
                kind: Katalog
                metadata:
                  name: broken-operator
                  version: v0.0.1
                spec:
                  crds:
                    website:
                      crdFile: ./crd.yaml
                      operatorBox:
                        reconcile:
                          onReconcile:
                            deployments:
                              - name: "{{ .metadata.name }}"
                                image: "{{ .spec.image }}"
                                replicas: "{{ .spec.image }}"
                """);

            await using var server = await KubeApiServer.StartAsync();
            await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "crd.yaml"));
            await using var run = await Run.CreateAsync(server, katalogPath, new RuntimeOptions { FailureThreshold = 1 });
            run.Start();
            await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "cr.yaml"));

            var health = await run.WaitForAsync("/katalog/website/health", HttpStatusCode.ServiceUnavailable, b => (string?)b["state"] == "degraded");
            Assert.True((int?)health["consecutiveFailures"] >= 1);
            Assert.True((long?)health["failed"] >= 1);
            Assert.False(string.IsNullOrEmpty((string?)health["lastError"]));

            var (status, katalog) = await run.GetJsonAsync("/katalog");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.False((bool?)katalog["healthy"]);
            Assert.Equal(503, (int?)katalog["status"]);
            Assert.Equal(1, (int?)katalog["degraded"]);
            Assert.Equal(1, (int?)katalog["statusCounts"]!["degraded"]);
            Assert.Contains("website", (string?)katalog["degradedReason"], StringComparison.Ordinal);
            Assert.Equal("degraded", (string?)katalog["crds"]![0]!["state"]);

            var (readyStatus, ready) = await run.GetJsonAsync("/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
            Assert.Contains("degraded", (string?)ready["reasons"]![0], StringComparison.Ordinal);

            var (detailStatus, detail) = await run.GetJsonAsync("/katalog/website");
            Assert.Equal(HttpStatusCode.OK, detailStatus);
            Assert.Equal("degraded", (string?)detail["state"]);
            Assert.Equal("default", (string?)detail["workers"]!["source"]);
            Assert.Equal(3, (int?)detail["workers"]!["current"]);
            Assert.True((double?)detail["metrics"]!["errorRate"] > 0);

            var metrics = await run.WaitForTextAsync("/metrics", m => m.Contains("controller_reconcile_total{crd=\"website\",result=\"error\"}", StringComparison.Ordinal));
            Assert.DoesNotContain("controller_reconcile_total{crd=\"website\",result=\"error\"} 0\n", metrics.Text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_crs_their_children_and_their_events_are_served_from_the_runtimes_caches()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "crd.yaml"));
        await using var run = await Run.CreateAsync(server, Path.Combine(ExampleDirectory, "katalog.yaml"));
        run.Start();
        await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "cr.yaml"));
        await server.ApplyAsync("apiVersion: demo.orkestra.io/v1\nkind: Website\nmetadata: {name: blog, namespace: default}\nspec: {image: \"httpd:2.4\"}\n");
        await server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "hello", "Ready", timeout: Deadline);
        await server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "blog", "Ready", timeout: Deadline);

        var crs = await run.WaitForAsync("/katalog/website/cr", HttpStatusCode.OK, b => (int?)b["count"] == 2);
        Assert.Equal(["blog", "hello"], crs["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]));
        Assert.All(crs["items"]!.AsArray(), i => Assert.Null(i!["metadata"]!["managedFields"]));
        var images = (await run.GetJsonAsync("/katalog/website/cr?field=.spec.image")).Body;
        Assert.Equal("spec.image", (string?)images["field"]);
        Assert.Equal(["httpd:2.4", "nginx:1.27"], images["items"]!.AsArray().Select(i => (string?)i!["value"]));
        Assert.Equal("default", (string?)images["items"]![0]!["namespace"]);
        var conditions = (await run.GetJsonAsync("/katalog/website/cr?field=status.conditions.0.type")).Body;
        Assert.All(conditions["items"]!.AsArray(), i => Assert.Equal("Ready", (string?)i!["value"]));
        var missing = (await run.GetJsonAsync("/katalog/website/cr?field=spec.nothing")).Body;
        Assert.All(missing["items"]!.AsArray(), i => Assert.Null(i!["value"]));

        var (status, hello) = await run.GetJsonAsync("/katalog/website/cr/default/hello");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("hello", (string?)hello["object"]!["metadata"]!["name"]);
        Assert.False((bool?)hello["gated"]);
        Assert.Equal(["Deployment", "Service"], hello["children"]!.AsObject().Select(p => p.Key));
        Assert.Equal("hello", (string?)hello["children"]!["Deployment"]![0]!["metadata"]!["name"]);
        Assert.Equal("hello-svc", (string?)hello["children"]!["Service"]![0]!["metadata"]!["name"]);

        var (notFound, error) = await run.GetJsonAsync("/katalog/website/cr/default/nope");
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Contains("/katalog/website/cr/{namespace}/{name}", (string?)error["error"], StringComparison.Ordinal);

        var events = (await run.GetJsonAsync("/katalog/website/events")).Body;
        Assert.Contains(events["events"]!.AsArray(), e => (string?)e!["name"] == "hello" && (string?)e["reason"] == "Reconciled" && (string?)e["type"] == "Normal"
            && ((string?)e["message"])!.Contains("created Deployment default/hello", StringComparison.Ordinal));
        Assert.Contains(events["events"]!.AsArray(), e => (string?)e!["name"] == "blog");
        var helloEvents = (await run.GetJsonAsync("/katalog/website/cr/default/hello/events")).Body;
        Assert.NotEmpty(helloEvents["events"]!.AsArray());
        Assert.All(helloEvents["events"]!.AsArray(), e => Assert.Equal("hello", (string?)e!["name"]));
        Assert.Equal(helloEvents["events"]!.AsArray().Count, (int?)helloEvents["count"]);
    }

    [Fact]
    public async Task A_controller_holding_back_a_gated_cr_is_healthy_and_says_it_is_gated()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "crd.yaml"));
        await using var run = await Run.CreateAsync(server, Path.Combine(ClientFixtures.RepoRoot, "tests", "Orkestra.Sdk.Tests", "Runtime", "Katalogs", "website-gated.yaml"));
        run.Start();
        const string Paused = "apiVersion: demo.orkestra.io/v1\nkind: Website\nmetadata: {name: held, namespace: default, labels: {paused: \"true\"}}\nspec: {image: nginx}\n";
        await server.ApplyAsync(Paused);

        var health = await run.WaitForAsync("/katalog/website/health", HttpStatusCode.OK, h => (bool?)h["gated"] == true);
        Assert.Equal("gated", (string?)health["state"]);
        Assert.True((bool?)health["healthy"]);
        Assert.Equal(1, (int?)health["gatedResources"]);
        var (status, katalog) = await run.GetJsonAsync("/katalog");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool?)katalog["healthy"]);
        Assert.Equal(1, (int?)katalog["statusCounts"]!["gated"]);
        Assert.Equal(0, (int?)katalog["statusCounts"]!["healthy"]);
        Assert.Equal("gated", (string?)katalog["crds"]![0]!["state"]);
        (status, _) = await run.GetJsonAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, held) = await run.GetJsonAsync("/katalog/website/cr/default/held");
        Assert.True((bool?)held["gated"]);
        Assert.Equal("spec.crds.website.operatorBox.preReconcile", (string?)held["gatedBy"]);
        Assert.Empty(held["children"]!.AsObject());

        await server.ApplyAsync(Paused.Replace("\"true\"", "\"false\"", StringComparison.Ordinal));
        health = await run.WaitForAsync("/katalog/website/health", HttpStatusCode.OK, h => (bool?)h["gated"] == false);
        Assert.Equal("healthy", (string?)health["state"]);
        Assert.Equal(0, (int?)health["gatedResources"]);
    }

    [Fact]
    public async Task A_follower_is_ready_but_its_controllers_are_pending()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(Path.Combine(ExampleDirectory, "crd.yaml"));
        var election = new LeaderElectionOptions { LeaseDuration = TimeSpan.FromSeconds(30), RenewDeadline = TimeSpan.FromSeconds(2), RetryPeriod = TimeSpan.FromMilliseconds(500) };
        var katalog = Path.Combine(ExampleDirectory, "katalog.yaml");
        await using var leader = await Run.CreateAsync(server, katalog, new RuntimeOptions { LeaderElection = election with { Identity = "leader" } });
        leader.Start();
        await leader.WaitForAsync("/katalog/website/health", HttpStatusCode.OK);

        await using var follower = await Run.CreateAsync(server, katalog, new RuntimeOptions { LeaderElection = election with { Identity = "follower" } });
        follower.Start();
        var ready = await follower.WaitForAsync("/ready", HttpStatusCode.OK);
        Assert.False((bool?)ready["isKonductor"]);

        var (status, health) = await follower.GetJsonAsync("/katalog/website/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("pending", (string?)health["state"]);
        Assert.False((bool?)health["isKonductor"]);
        var (katalogStatus, body) = await follower.GetJsonAsync("/katalog");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, katalogStatus);
        Assert.Equal(1, (int?)body["statusCounts"]!["pending"]);
        Assert.Contains("konductor", (string?)body["degradedReason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_stops_listening_and_a_second_dispose_is_harmless()
    {
        await using var server = await KubeApiServer.StartAsync();
        await using var run = await Run.CreateAsync(server, Path.Combine(ExampleDirectory, "katalog.yaml"));
        var (status, _) = await run.GetJsonAsync("/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(0, run.Endpoints.Port);

        await run.Endpoints.DisposeAsync();
        await run.Endpoints.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => run.Http.GetAsync(new Uri("/health", UriKind.Relative)));
    }

    [Fact]
    public async Task Listening_on_every_interface_serves_loopback_too()
    {
        await using var server = await KubeApiServer.StartAsync();
        var (katalog, _) = OperatorRuntime.LoadKatalog(Path.Combine(ExampleDirectory, "katalog.yaml"));
        using var client = new KubeClient(new ClusterConnection("test", server.Url, "default"));
        await using var endpoints = new RuntimeEndpoints(OperatorRuntime.Create(katalog!, client), NullLogger.Instance);
        await endpoints.StartAsync(0);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{endpoints.Port}/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    // A runtime (not running until Start) with its endpoints listening on a free loopback port, and a client for them.
    private sealed class Run : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly KubeClient _client;
        private Task _running = Task.CompletedTask;

        private Run(OperatorRuntime runtime, KubeClient client, RuntimeEndpoints endpoints)
        {
            Runtime = runtime;
            _client = client;
            Endpoints = endpoints;
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{endpoints.Port}/"), Timeout = TimeSpan.FromSeconds(10) };
        }

        public OperatorRuntime Runtime { get; }

        public RuntimeEndpoints Endpoints { get; }

        public HttpClient Http { get; }

        public static async Task<Run> CreateAsync(KubeApiServer server, string katalogPath, RuntimeOptions? options = null)
        {
            var (katalog, diagnostics) = OperatorRuntime.LoadKatalog(katalogPath);
            Assert.True(katalog is not null, string.Join("\n", diagnostics));
            var client = new KubeClient(new ClusterConnection("test", server.Url, "default"));
            var runtime = OperatorRuntime.Create(katalog!, client, options);
            var endpoints = new RuntimeEndpoints(runtime, NullLogger.Instance);
            await endpoints.StartAsync(0, loopbackOnly: true);
            return new Run(runtime, client, endpoints);
        }

        public void Start() => _running = Runtime.RunAsync(_stop.Token);

        public async Task<(HttpStatusCode Status, JsonObject Body)> GetJsonAsync(string path)
        {
            using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            return (response.StatusCode, body);
        }

        // Polls path until it answers status (and the body satisfies condition); fails after the deadline.
        public async Task<JsonObject> WaitForAsync(string path, HttpStatusCode status, Func<JsonObject, bool>? condition = null)
        {
            var deadline = DateTime.UtcNow + Deadline;
            while (true)
            {
                var (actual, body) = await GetJsonAsync(path);
                if (actual == status && (condition is null || condition(body)))
                {
                    return body;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{path} still answers {(int)actual} {body.ToJsonString()}");
                await Task.Delay(50);
            }
        }

        public async Task<(string Text, string ContentType)> WaitForTextAsync(string path, Func<string, bool> condition)
        {
            var deadline = DateTime.UtcNow + Deadline;
            while (true)
            {
                using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && condition(text))
                {
                    return (text, response.Content.Headers.ContentType?.ToString() ?? string.Empty);
                }

                Assert.True(DateTime.UtcNow < deadline, $"{path} still answers {(int)response.StatusCode} {text}");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running.WaitAsync(TimeSpan.FromSeconds(30));
            await Endpoints.DisposeAsync();
            Http.Dispose();
            _client.Dispose();
            _stop.Dispose();
        }
    }
}
