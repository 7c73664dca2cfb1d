using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Testing;
using static Orkestra.Sdk.Tests.Kubernetes.Client.ClientFixtures;

namespace Orkestra.Sdk.Tests.Kubernetes.Client;

/// <summary>The client's verbs, discovery, watch, errors, retries and rate limit, against the embedded API server over HTTP.</summary>
public sealed class KubeClientTests
{
    [Fact(Timeout = 20_000)]
    public async Task Discovery_maps_kinds_and_finds_a_crd_installed_after_a_miss()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);

        var secret = await kube.FindResourceAsync("v1", "Secret");
        Assert.Equal(new[] { "secrets", "True" }, new[] { secret!.Plural, secret.Namespaced.ToString() });
        Assert.Contains("watch", secret.Verbs);
        Assert.False((await kube.FindResourceAsync("v1", "Namespace"))!.Namespaced);
        Assert.Equal("deployments", (await kube.FindResourceAsync("apps/v1", "Deployment"))!.Plural);
        Assert.Null(await kube.FindResourceAsync(WebsiteApiVersion, "Website"));
        var unserved = await Assert.ThrowsAsync<KubeNotFoundException>(() => kube.GetAsync(WebsiteApiVersion, "Website", "x", null));
        Assert.Contains("the server does not serve kind Website in demo.orkestra.io/v1; is the CRD installed?", unserved.Message, StringComparison.Ordinal);

        await server.ApplyFileAsync(WebsiteCrdPath);

        var website = await kube.FindResourceAsync(WebsiteApiVersion, "Website");
        Assert.NotNull(website);
        Assert.Equal(("websites", true, "demo.orkestra.io"), (website.Plural, website.Namespaced, website.Group));
        Assert.Null(await kube.GetAsync(WebsiteApiVersion, "Website", "x", null));
    }

    [Fact(Timeout = 20_000)]
    public async Task Create_get_replace_and_delete_with_typed_errors()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);

        var created = await kube.CreateAsync(ConfigMap("settings"));
        Assert.Equal("default", (string?)created["metadata"]!["namespace"]);
        Assert.Equal(("v1", "ConfigMap"), ((string?)created["apiVersion"], (string?)created["kind"]));
        var exists = await Assert.ThrowsAsync<KubeAlreadyExistsException>(() => kube.CreateAsync(ConfigMap("settings")));
        Assert.StartsWith("POST v1 ConfigMap default/settings: ", exists.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);

        var read = await kube.GetAsync("v1", "ConfigMap", "settings", null);
        Assert.Equal("v", (string?)read!["data"]!["key"]);
        Assert.Null(await kube.GetAsync("v1", "ConfigMap", "missing", "default"));

        var stale = (JsonObject)read.DeepClone();
        read["data"]!["key"] = "w";
        var replaced = await kube.ReplaceAsync(read);
        Assert.Equal("w", (string?)replaced["data"]!["key"]);
        stale["data"]!["key"] = "stale";
        var conflict = await Assert.ThrowsAsync<KubeConflictException>(() => kube.ReplaceAsync(stale));
        Assert.Equal("Conflict", conflict.Status.Reason);

        var missing = await Assert.ThrowsAsync<KubeNotFoundException>(() => kube.PatchAsync("v1", "ConfigMap", "missing", null, PatchKind.Merge, new JsonObject()));
        Assert.StartsWith("PATCH v1 ConfigMap default/missing: ", missing.Message, StringComparison.Ordinal);

        var ns = await kube.CreateAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "team-a" } });
        Assert.Null(ns["metadata"]!["namespace"]);
        Assert.NotNull(await kube.GetAsync("v1", "Namespace", "team-a", "ignored-for-cluster-kinds"));

        Assert.True(await kube.DeleteAsync("v1", "ConfigMap", "settings", "default"));
        Assert.False(await kube.DeleteAsync("v1", "ConfigMap", "settings", "default"));
    }

    [Fact(Timeout = 30_000)]
    public async Task List_reads_every_page_filters_by_labels_and_fields_and_sets_apiVersion_and_kind()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);
        await kube.CreateAsync(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "bulk" } });
        await Parallel.ForEachAsync(Enumerable.Range(0, 520), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await kube.CreateAsync(ConfigMap($"cm-{i:D3}", "bulk", new() { ["parity"] = i % 2 == 0 ? "even" : "odd" }), ct));
        await kube.CreateAsync(ConfigMap("elsewhere", "default", new() { ["parity"] = "even" }));

        var all = await kube.ListAsync("v1", "ConfigMap", "bulk");
        Assert.Equal(520, all.Count);
        Assert.Equal(520, all.Select(o => (string?)o["metadata"]!["name"]).Distinct().Count());
        Assert.All(all, o => Assert.Equal(("v1", "ConfigMap"), ((string?)o["apiVersion"], (string?)o["kind"])));
        Assert.False(string.IsNullOrEmpty(all.ResourceVersion));

        Assert.Equal(260, (await kube.ListAsync("v1", "ConfigMap", "bulk", "parity=even")).Count);
        Assert.Equal(261, (await kube.ListAsync("v1", "ConfigMap", null, "parity=even")).Count);
        var one = await kube.ListAsync("v1", "ConfigMap", null, fieldSelector: "metadata.name=cm-007");
        Assert.Equal("bulk", (string?)Assert.Single(one)["metadata"]!["namespace"]);
    }

    [Fact(Timeout = 20_000)]
    public async Task Status_is_replaced_and_patched_through_its_subresource_and_three_patch_kinds_work()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(WebsiteCrdPath);
        using var kube = NewClient(server);

        var site = await kube.CreateAsync(Website("blog"));
        Assert.Equal(1, (int?)site["spec"]!["replicas"]);
        site["status"] = new JsonObject { ["phase"] = "Pending" };
        site["spec"]!["image"] = "ignored-by-the-status-subresource";
        var withStatus = await kube.ReplaceAsync(site, "status");
        Assert.Equal("Pending", (string?)withStatus["status"]!["phase"]);
        Assert.Equal("nginx:1.27", (string?)withStatus["spec"]!["image"]);

        var merged = await kube.PatchAsync(WebsiteApiVersion, "Website", "blog", "default", PatchKind.Merge, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 3 } });
        Assert.Equal(3, (int?)merged["spec"]!["replicas"]);
        var status = await kube.PatchAsync(WebsiteApiVersion, "Website", "blog", null, PatchKind.Merge, new JsonObject { ["status"] = new JsonObject { ["phase"] = "Ready" } }, "status");
        Assert.Equal("Ready", (string?)status["status"]!["phase"]);

        var jsonPatch = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = (string?)status["metadata"]!["resourceVersion"] },
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/image", ["value"] = "nginx:1.28" });
        Assert.Equal("nginx:1.28", (string?)(await kube.PatchAsync(WebsiteApiVersion, "Website", "blog", null, PatchKind.Json, jsonPatch))["spec"]!["image"]);

        await kube.CreateAsync(ConfigMap("strategic"));
        var strategic = await kube.PatchAsync("v1", "ConfigMap", "strategic", null, PatchKind.StrategicMerge, new JsonObject { ["data"] = new JsonObject { ["other"] = "x" } });
        Assert.Equal(("v", "x"), ((string?)strategic["data"]!["key"], (string?)strategic["data"]!["other"]));
    }

    [Fact(Timeout = 20_000)]
    public async Task Apply_records_the_field_manager_conflicts_with_another_and_force_takes_over()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);

        var applied = await kube.ApplyAsync(ConfigMap("applied", "default", value: "a"), new ApplyOptions("manager-a"));
        Assert.Contains(applied["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "manager-a" && (string?)e["operation"] == "Apply");

        // What was read back (managedFields included) can be applied again.
        Assert.Equal("a", (string?)(await kube.ApplyAsync(applied, new ApplyOptions("manager-a")))["data"]!["key"]);

        var conflict = await Assert.ThrowsAsync<KubeConflictException>(() => kube.ApplyAsync(ConfigMap("applied", "default", value: "b"), new ApplyOptions("manager-b")));
        Assert.Contains("manager-a", conflict.Message, StringComparison.Ordinal);

        var forced = await kube.ApplyAsync(ConfigMap("applied", "default", value: "b"), new ApplyOptions("manager-b", Force: true));
        Assert.Equal("b", (string?)forced["data"]!["key"]);
        Assert.Contains(forced["metadata"]!["managedFields"]!.AsArray(), e => (string?)e!["manager"] == "manager-b");
    }

    [Fact(Timeout = 20_000)]
    public async Task Delete_sends_propagation_and_preconditions()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);
        var owner = await kube.CreateAsync(ConfigMap("owner"));
        var child = ConfigMap("child");
        child["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = (string?)owner["metadata"]!["uid"],
        });
        await kube.CreateAsync(child);

        var mismatch = await Assert.ThrowsAsync<KubeConflictException>(() => kube.DeleteAsync("v1", "ConfigMap", "owner", null, new DeleteOptions(Uid: "not-the-uid")));
        Assert.Contains("not-the-uid", mismatch.Message, StringComparison.Ordinal);
        Assert.NotNull(await kube.GetAsync("v1", "ConfigMap", "owner", null));

        Assert.True(await kube.DeleteAsync("v1", "ConfigMap", "owner", null, new DeleteOptions(PropagationPolicy.Orphan, Uid: (string?)owner["metadata"]!["uid"])));
        await server.WaitForAsync("v1", "ConfigMap", "child", c => c["metadata"]!["ownerReferences"] is null or JsonArray { Count: 0 });
    }

    [Fact(Timeout = 20_000)]
    public async Task Invalid_objects_are_422_with_the_field_at_fault()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(WebsiteCrdPath);
        using var kube = NewClient(server);

        var invalid = await Assert.ThrowsAsync<KubeInvalidException>(() => kube.CreateAsync(Website("bad", image: null)));
        Assert.Equal("Invalid", invalid.Status.Reason);
        Assert.Contains(invalid.Status.Causes, c => c.Field == "spec.image");
        Assert.Contains("spec.image", invalid.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task Watch_streams_events_in_order_with_bookmarks_and_ends_when_the_server_drops_it()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        using var kube = NewClient(server);
        var start = await kube.ListAsync("v1", "ConfigMap", "default");
        var events = new List<WatchEvent>();
        var gotDelete = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in kube.WatchAsync("v1", "ConfigMap", "default", start.ResourceVersion))
            {
                lock (events)
                {
                    events.Add(change);
                }

                if (change.Type == WatchEventType.Deleted)
                {
                    gotDelete.TrySetResult();
                }
            }
        });

        var cm = await kube.CreateAsync(ConfigMap("watched"));
        cm["data"]!["key"] = "changed";
        await kube.ReplaceAsync(cm);
        await kube.DeleteAsync("v1", "ConfigMap", "watched", null);
        await gotDelete.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(500);

        server.DropWatches();
        await watching.WaitAsync(TimeSpan.FromSeconds(10));

        List<WatchEvent> seen;
        lock (events)
        {
            seen = [.. events];
        }

        Assert.Equal(
            [WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted],
            seen.Where(e => e.Type != WatchEventType.Bookmark).Select(e => e.Type));
        Assert.All(seen.Where(e => e.Type != WatchEventType.Bookmark), e => Assert.Equal("watched", (string?)e.Object["metadata"]!["name"]));
        Assert.Contains(seen, e => e.Type == WatchEventType.Bookmark && !string.IsNullOrEmpty(e.ResourceVersion));
        var versions = seen.Where(e => e.Type != WatchEventType.Bookmark).Select(e => long.Parse(e.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact(Timeout = 20_000)]
    public async Task Cancelling_a_quiet_watch_ends_it_at_once()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in kube.WatchAsync("v1", "ConfigMap", "default", null, cancellationToken: cancel.Token))
            {
                started.TrySetResult();
            }
        });
        await kube.CreateAsync(ConfigMap("first"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_watch_from_a_compacted_version_is_gone()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);
        var old = (await kube.ListAsync("v1", "ConfigMap", "default")).ResourceVersion;
        await kube.CreateAsync(ConfigMap("a"));
        await kube.CreateAsync(ConfigMap("b"));
        server.CompactHistory();

        var gone = await Assert.ThrowsAsync<KubeGoneException>(async () =>
        {
            await foreach (var _ in kube.WatchAsync("v1", "ConfigMap", "default", old))
            {
            }
        });
        Assert.StartsWith("WATCH v1 ConfigMap in default from resourceVersion " + old, gone.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task Reads_are_retried_on_503_and_429_honouring_retry_after_but_a_create_is_not_retried_on_500()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server);
        await kube.CreateAsync(ConfigMap("present"));

        server.FailNextRequests(2, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(await kube.GetAsync("v1", "ConfigMap", "present", null));

        server.FailNextRequests(1, HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        Assert.NotNull(await kube.GetAsync("v1", "ConfigMap", "present", null));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"the retry came after {clock.Elapsed.TotalMilliseconds} ms, before Retry-After: 1");

        server.FailNextRequests(1, HttpStatusCode.InternalServerError);
        var failed = await Assert.ThrowsAsync<KubeApiException>(() => kube.CreateAsync(ConfigMap("not-created")));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Null(await kube.GetAsync("v1", "ConfigMap", "not-created", null));

        using var impatient = NewClient(server, new KubeClientOptions { Qps = 0, MaxRetries = 2 });
        await impatient.FindResourceAsync("v1", "ConfigMap");
        server.FailNextRequests(3, HttpStatusCode.ServiceUnavailable);
        var exhausted = await Assert.ThrowsAsync<KubeApiException>(() => impatient.GetAsync("v1", "ConfigMap", "present", null));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exhausted.StatusCode);
    }

    [Fact(Timeout = 20_000)]
    public async Task The_rate_limiter_spaces_requests_beyond_the_burst()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server, new KubeClientOptions { Qps = 20, Burst = 1 });
        await kube.FindResourceAsync("v1", "ConfigMap");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            await kube.GetAsync("v1", "ConfigMap", "none", null);
        }

        // One token at most is in the bucket; the other five wait 50 ms each.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(240), $"6 requests at 20 qps took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact(Timeout = 20_000)]
    public async Task A_slow_server_times_out_and_an_unreachable_one_names_the_server_and_context()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var kube = NewClient(server, new KubeClientOptions { Qps = 0, Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 });
        await kube.FindResourceAsync("v1", "ConfigMap");
        server.RequestLatency = TimeSpan.FromSeconds(2);
        var slow = await Assert.ThrowsAsync<TimeoutException>(() => kube.GetAsync("v1", "ConfigMap", "x", null));
        Assert.Contains("GET v1 ConfigMap default/x", slow.Message, StringComparison.Ordinal);
        Assert.Contains("0.3 s", slow.Message, StringComparison.Ordinal);

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var nowhere = new KubeClient(new ClusterConnection("nowhere-context", new Uri($"http://127.0.0.1:{port}"), null), new KubeClientOptions { MaxRetries = 1 });
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => nowhere.ListAsync("v1", "ConfigMap", null));
        Assert.Contains($"http://127.0.0.1:{port}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere-context", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task Typed_models_are_applied_read_listed_and_deleted()
    {
        await using var server = await KubeApiServer.StartAsync();
        await server.ApplyFileAsync(WebsiteCrdPath);
        using var kube = NewClient(server);

        var site = new Site { Spec = new SiteSpec { Image = "nginx:1.27" } };
        site.Metadata.Name = "typed";
        site.Metadata.Labels = new() { ["tier"] = "web" };
        var applied = await kube.ApplyAsync(site);
        Assert.Equal(1, applied.Spec.Replicas);
        Assert.False(string.IsNullOrEmpty(applied.Metadata.Uid));
        Assert.Equal("default", applied.Metadata.Namespace);

        var read = await kube.GetAsync<Site>("typed", "default");
        Assert.Equal("nginx:1.27", read!.Spec.Image);
        Assert.Equal(("demo.orkestra.io/v1", "Website"), (read.ApiVersion, read.Kind));
        Assert.Null(await kube.GetAsync<Site>("other", null));
        Assert.Equal("typed", Assert.Single(await kube.ListAsync<Site>(null, "tier=web")).Metadata.Name);
        Assert.Empty(await kube.ListAsync<Site>("default", "tier=db"));

        // Re-applying what was read (with managedFields and resourceVersion) works.
        read.Spec.Replicas = 4;
        Assert.Equal(4, (await kube.ApplyAsync(read, new ApplyOptions(Force: true))).Spec.Replicas);

        var json = KubeJson.Serialize(read);
        Assert.Equal("Website", (string?)json["kind"]);
        Assert.Equal(4, KubeJson.Deserialize<Site>(json).Spec.Replicas);

        Assert.True(await kube.DeleteAsync<Site>("typed", null));
        Assert.False(await kube.DeleteAsync<Site>("typed", null));
    }
}
