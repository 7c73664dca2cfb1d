using System.Text.Json.Nodes;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Orkestra.Sdk.Tests.Kubernetes.Client;

namespace Orkestra.Sdk.Tests.Runtime;

/// <summary>
/// The runtime end to end on the embedded API server with the website example: real HTTP, real watches, the
/// server's garbage collector and simulated Deployment controller.
/// </summary>
public sealed class WebsiteRuntimeTests
{
    private const string Site = """
        apiVersion: demo.orkestra.io/v1
        kind: Website
        metadata:
          name: shop
          namespace: default
        spec:
          image: nginx:1.27
          replicas: 2
          port: 8080
        """;

    private static string ExampleKatalog => Path.Combine(ClientFixtures.RepoRoot, "examples", "website", "katalog.yaml");

    private static string ExtrasKatalog => Path.Combine(ClientFixtures.RepoRoot, "tests", "Orkestra.Sdk.Tests", "Runtime", "Katalogs", "website-extras.yaml");

    [Fact]
    public async Task A_website_yields_its_deployment_and_service_and_becomes_ready()
    {
        await using var run = await Run.StartAsync(ExampleKatalog);
        await run.Server.ApplyAsync(Site);

        var website = await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", timeout: TimeSpan.FromSeconds(20));
        var uid = (string)website["metadata"]!["uid"]!;
        var deployment = await run.Server.GetAsync("apps/v1", "Deployment", "shop");
        var service = await run.Server.GetAsync("v1", "Service", "shop-svc");
        foreach (var child in new[] { deployment!, service! })
        {
            var owner = child["metadata"]!["ownerReferences"]![0]!;
            Assert.Equal(uid, (string?)owner["uid"]);
            Assert.True((bool?)owner["controller"]);
            Assert.Equal("orkestra", (string?)child["metadata"]!["labels"]!["managed-by"]);
            Assert.Equal(uid, (string?)child["metadata"]!["labels"]!["orkestra.io/owner-uid"]);
        }

        Assert.Equal(2, (int?)deployment!["spec"]!["replicas"]);
        Assert.Equal("nginx:1.27", (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal(1L, (long?)website["status"]!["observedGeneration"]);
        Assert.Contains("orkestra.orkspace.io/cleanup", website["metadata"]!["finalizers"]!.AsArray().Select(f => (string?)f));
        Assert.Equal("true", (string?)website["metadata"]!["labels"]!["orkestra.orkspace.io/managed"]);
        Assert.Equal("website-operator", (string?)website["metadata"]!["annotations"]!["orkestra.orkspace.io/managed-by"]);

        // The declared status fields, once the simulated Deployment is ready.
        website = await run.Server.WaitForAsync("demo.orkestra.io/v1", "Website", "shop", w => (string?)w["status"]?["phase"] == "Running", timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(2L, (long?)website["status"]!["availableReplicas"]);
        Assert.Equal("http://shop-svc.default.svc.cluster.local", (string?)website["status"]!["url"]);
    }

    [Fact]
    public async Task The_runtime_does_not_reconcile_again_for_its_own_writes()
    {
        const int Sites = 20;
        await using var run = await Run.StartAsync(ExampleKatalog);
        for (var i = 0; i < Sites; i++)
        {
            await run.Server.ApplyAsync(Site.Replace("name: shop", $"name: shop-{i}", StringComparison.Ordinal));
        }

        for (var i = 0; i < Sites; i++)
        {
            await run.Server.WaitForAsync("demo.orkestra.io/v1", "Website", $"shop-{i}", w => (string?)w["status"]?["phase"] == "Running", timeout: TimeSpan.FromSeconds(30));
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // anything still queued runs meanwhile

        // Per website: one reconcile applies the children (the watch events of its finalizer patch and of its applies
        // need no reconcile of their own, even when they arrive before the writes' answers), one more sees the
        // Deployment become ready. Reacting to its own writes would cost a third; a little slack is left for a slow
        // machine, where the simulated Deployment controller's status writes can fall on either side of a reconcile.
        var reports = run.Reports.Where(r => r.Name.StartsWith("shop-", StringComparison.Ordinal)).ToList();
        Assert.All(Enumerable.Range(0, Sites), i => Assert.Single(reports, r => r.Name == $"shop-{i}" && r.Changes.Count(c => c.Action == ChildAction.Created) == 2));
        Assert.InRange(reports.Count, 2 * Sites, (2 * Sites) + (Sites / 4));
    }

    [Fact]
    public async Task A_spec_change_updates_the_children_and_observed_generation()
    {
        await using var run = await Run.StartAsync(ExampleKatalog);
        await run.Server.ApplyAsync(Site);
        await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", timeout: TimeSpan.FromSeconds(20));

        await run.Client.PatchAsync("demo.orkestra.io/v1", "Website", "shop", "default", PatchKind.Merge, JsonNode.Parse("""{"spec":{"image":"nginx:1.28","replicas":3}}""")!);

        var deployment = await run.Server.WaitForAsync("apps/v1", "Deployment", "shop", d => (int?)d["spec"]!["replicas"] == 3, timeout: TimeSpan.FromSeconds(20));
        Assert.Equal("nginx:1.28", (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        await run.Server.WaitForAsync("demo.orkestra.io/v1", "Website", "shop", w => (long?)w["status"]?["observedGeneration"] == 2, timeout: TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_child_deleted_or_edited_by_hand_is_restored()
    {
        await using var run = await Run.StartAsync(ExampleKatalog);
        await run.Server.ApplyAsync(Site);
        await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", timeout: TimeSpan.FromSeconds(20));
        var before = await run.Server.GetAsync("v1", "Service", "shop-svc");

        Assert.True(await run.Client.DeleteAsync("v1", "Service", "shop-svc", "default"));
        var restored = await run.Server.WaitForAsync("v1", "Service", "shop-svc", s => (string?)s["metadata"]!["uid"] != (string?)before!["metadata"]!["uid"], timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(8080, (int?)restored["spec"]!["ports"]![0]!["targetPort"]);

        // An edit by another field manager (kubectl scale, say) is corrected back to the katalog's value.
        await run.Client.PatchAsync("apps/v1", "Deployment", "shop", "default", PatchKind.Merge, JsonNode.Parse("""{"spec":{"replicas":7}}""")!);
        await run.Server.WaitForAsync("apps/v1", "Deployment", "shop", d => (int?)d["spec"]!["replicas"] == 2, timeout: TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_child_no_longer_desired_is_pruned_and_create_only_children_are_kept()
    {
        await using var run = await Run.StartAsync(ExtrasKatalog);
        await run.Server.ApplyAsync(Site);
        await run.Server.WaitForAsync("v1", "ConfigMap", "shop-scale", _ => true, timeout: TimeSpan.FromSeconds(20));
        Assert.NotNull(await run.Server.GetAsync("v1", "Secret", "shop-secret"));
        var labels = (await run.Server.GetAsync("demo.orkestra.io/v1", "Website", "shop"))!["metadata"]!["labels"]!;
        Assert.Equal("web", (string?)labels["team"]);
        Assert.Equal("shop", (string?)labels["site"]);

        await run.Client.PatchAsync("demo.orkestra.io/v1", "Website", "shop", "default", PatchKind.Merge, JsonNode.Parse("""{"spec":{"replicas":1}}""")!);

        await WaitUntilAsync(async () => await run.Server.GetAsync("v1", "ConfigMap", "shop-scale") is null);
        await run.Server.WaitForAsync("demo.orkestra.io/v1", "Website", "shop", w => (long?)w["status"]?["observedGeneration"] == 2, timeout: TimeSpan.FromSeconds(20));
        Assert.NotNull(await run.Server.GetAsync("v1", "Secret", "shop-secret"));
        Assert.NotNull(await run.Server.GetAsync("apps/v1", "Deployment", "shop"));
        Assert.Contains(run.Reports, r => r.Changes.Any(c => c.Action == ChildAction.Deleted && c.Name == "shop-scale"));
    }

    [Fact]
    public async Task A_violated_validation_rule_stops_the_pipeline_until_the_cr_is_fixed()
    {
        await using var run = await Run.StartAsync(ExtrasKatalog);
        await run.Server.ApplyAsync(Site.Replace("replicas: 2", "replicas: 9", StringComparison.Ordinal));

        var website = await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", status: "False", timeout: TimeSpan.FromSeconds(20));
        var ready = website["status"]!["conditions"]!.AsArray().First(c => (string?)c!["type"] == "Ready")!;
        Assert.Equal("a website runs at most 5 replicas; spec.replicas is 9", (string?)ready["message"]);
        Assert.Null(await run.Server.GetAsync("apps/v1", "Deployment", "shop"));

        await run.Client.PatchAsync("demo.orkestra.io/v1", "Website", "shop", "default", PatchKind.Merge, JsonNode.Parse("""{"spec":{"replicas":3}}""")!);
        await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(3, (int?)(await run.Server.GetAsync("apps/v1", "Deployment", "shop"))!["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Mutation_rules_shape_what_is_rendered_and_warn_rules_record_events()
    {
        await using var run = await Run.StartAsync(ExtrasKatalog);
        await run.Server.ApplyAsync(Site.Replace("  namespace: default", "  namespace: default\n  labels: {tier: dev}", StringComparison.Ordinal).Replace("nginx:1.27", "nginx:latest", StringComparison.Ordinal));

        await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", timeout: TimeSpan.FromSeconds(20));
        Assert.Equal(1, (int?)(await run.Server.GetAsync("apps/v1", "Deployment", "shop"))!["spec"]!["replicas"]);
        Assert.Equal(2L, (long?)(await run.Server.GetAsync("demo.orkestra.io/v1", "Website", "shop"))!["spec"]!["replicas"]); // the CR itself is not rewritten
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20); // events are written in the background
        while (!(await run.Client.ListAsync("v1", "Event", "default")).Any(e => (string?)e["reason"] == "ValidationWarning" && (string?)e["message"] == "pin the image to a version instead of latest" && (string?)e["type"] == "Warning"))
        {
            Assert.True(DateTime.UtcNow < deadline, "no ValidationWarning event was recorded");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_crd_waits_for_its_dependency_whose_crd_is_installed_later()
    {
        var katalogs = Path.Combine(ClientFixtures.RepoRoot, "tests", "Orkestra.Sdk.Tests", "Runtime", "Katalogs");
        await using var run = await Run.StartAsync(Path.Combine(katalogs, "depends-on.yaml"));
        await run.Server.ApplyAsync(Site);
        await Task.Delay(1500);
        Assert.Null(await run.Server.GetAsync("v1", "ConfigMap", "shop-site"));
        Assert.Equal(ControllerState.Pending, run.Runtime.Controllers.Single(c => c.Name == "website").State);

        await run.Server.ApplyFileAsync(Path.Combine(katalogs, "backend-crd.yaml"));

        await run.Server.WaitForAsync("v1", "ConfigMap", "shop-site", _ => true, timeout: TimeSpan.FromSeconds(40));
        Assert.Equal(ControllerState.Healthy, run.Runtime.Controllers.Single(c => c.Name == "backend").State);
    }

    [Fact]
    public async Task Shutdown_lets_the_reconcile_in_flight_finish()
    {
        var run = await Run.StartAsync(Path.Combine(ClientFixtures.RepoRoot, "tests", "Orkestra.Sdk.Tests", "Runtime", "Katalogs", "slow.yaml"));
        await using (run)
        {
            await run.Server.ApplyAsync(Site);
            await run.Server.WaitForAsync("apps/v1", "Deployment", "shop", _ => true, timeout: TimeSpan.FromSeconds(20));
            Assert.Null(await run.Server.GetAsync("v1", "ConfigMap", "shop-late"));

            await run.StopAsync(); // while the reconcile sleeps before the ConfigMap

            Assert.NotNull(await run.Server.GetAsync("v1", "ConfigMap", "shop-late"));
            Assert.Contains(run.Reports, r => r.Changes.Any(c => c.Name == "shop-late"));
        }
    }

    [Fact]
    public async Task Deleting_the_website_runs_the_delete_path_and_its_children_go()
    {
        await using var run = await Run.StartAsync(ExampleKatalog);
        await run.Server.ApplyAsync(Site);
        await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", "shop", "Ready", timeout: TimeSpan.FromSeconds(20));

        await run.Client.DeleteAsync("demo.orkestra.io/v1", "Website", "shop", "default");

        await WaitUntilAsync(async () => await run.Server.GetAsync("demo.orkestra.io/v1", "Website", "shop") is null);
        await WaitUntilAsync(async () => await run.Server.GetAsync("apps/v1", "Deployment", "shop") is null && await run.Server.GetAsync("v1", "Service", "shop-svc") is null);
        Assert.Contains(run.Reports, r => r.Deleting && r.Error is null);
    }

    [Fact]
    public async Task A_converged_website_is_not_reconciled_in_a_loop()
    {
        await using var run = await Run.StartAsync(ExampleKatalog);
        await run.Server.ApplyAsync(Site);
        await run.Server.WaitForAsync("demo.orkestra.io/v1", "Website", "shop", w => (string?)w["status"]?["phase"] == "Running", timeout: TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        var converged = run.Reports.Count;

        await Task.Delay(2000);

        // Nothing changes, so at most a stray event's reconcile; resync is 30 s.
        Assert.InRange(run.Reports.Count - converged, 0, 2);
        Assert.All(run.Reports.Skip(converged), r => Assert.Empty(r.Changes));
        Assert.True(converged <= 8, $"{converged} reconciles to converge one website");
    }

    [Fact]
    public async Task Dropped_watches_compaction_and_bursts_of_500_and_429_still_converge_every_website_once()
    {
        await using var run = await Run.StartAsync(ExampleKatalog);
        using var writer = new KubeClient(new ClusterConnection("writer", run.Server.Url, "default"), new KubeClientOptions { MaxRetries = 40 });
        const int Count = 20;
        for (var i = 0; i < Count; i++)
        {
            var website = JsonNode.Parse("""{"apiVersion":"demo.orkestra.io/v1","kind":"Website","metadata":{"name":"shop-N","namespace":"default"},"spec":{"image":"nginx:1.27","replicas":2,"port":8080}}""".Replace("shop-N", $"shop-{i}", StringComparison.Ordinal))!.AsObject();
            await writer.ApplyAsync(website, new ApplyOptions("test"));
            switch (i)
            {
                case 4:
                    run.Server.DropWatches();
                    break;
                case 8:
                    run.Server.CompactHistory();
                    run.Server.DropWatches();
                    break;
                case 12:
                    run.Server.FailNextRequests(15, System.Net.HttpStatusCode.InternalServerError);
                    break;
                case 16:
                    run.Server.FailNextRequests(10, System.Net.HttpStatusCode.TooManyRequests, TimeSpan.FromMilliseconds(300));
                    break;
            }
        }

        await AllConvergedAsync(run, Count);
        var total = run.Reports.Count;
        Assert.True(total < Count * 10, $"{total} reconciles for {Count} websites");
    }

    [Fact]
    public async Task An_api_server_restart_with_its_data_directory_loses_and_duplicates_nothing()
    {
        var data = Path.Combine(Path.GetTempPath(), "orkestra-runtime-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var run = await Run.StartAsync(ExampleKatalog, data);
            const int Count = 10;
            for (var i = 0; i < Count; i++)
            {
                await run.Server.ApplyAsync(Site.Replace("name: shop", $"name: shop-{i}", StringComparison.Ordinal));
                if (i == Count / 2)
                {
                    await run.Server.RestartAsync();
                }
            }

            await AllConvergedAsync(run, Count);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    // Every website Ready at generation 1 with exactly one Deployment and one Service each.
    private static async Task AllConvergedAsync(Run run, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var website = await run.Server.WaitForConditionAsync("demo.orkestra.io/v1", "Website", $"shop-{i}", "Ready", timeout: TimeSpan.FromSeconds(60));
            Assert.Equal(1L, (long?)website["status"]!["observedGeneration"]);
        }

        var deployments = await run.Client.ListAsync("apps/v1", "Deployment", "default");
        var services = await run.Client.ListAsync("v1", "Service", "default", labelSelector: "managed-by=orkestra");
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"shop-{i}").Order(), deployments.Select(d => (string)d["metadata"]!["name"]!).Order());
        Assert.Equal(count, services.Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the condition");
            await Task.Delay(50);
        }
    }
}
