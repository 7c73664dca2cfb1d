using System.Text.Json.Nodes;
using Orkestra.Runtime;
using Orkestra.Sdk.Tests.Kubernetes.Client;

namespace Orkestra.Sdk.Tests.Runtime;

/// <summary>
/// The <c>preReconcile</c> block at run time on the embedded API server: the reconcile gate holds a CR back, the enqueue
/// gate drops it, and the sentinels decide which changes queue a CR and tell its templates what changed.
/// </summary>
public sealed class PreReconcileRuntimeTests
{
    private const string Website = "demo.orkestra.io/v1";

    private static string GatedKatalog => Path.Combine(ClientFixtures.RepoRoot, "tests", "Orkestra.Sdk.Tests", "Runtime", "Katalogs", "website-gated.yaml");

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Site(string name, string image = "nginx:1.27", string labels = "{}", string annotations = "{}", string ns = "default") => $"""
        apiVersion: demo.orkestra.io/v1
        kind: Website
        metadata:
          name: {name}
          namespace: {ns}
          labels: {labels}
          annotations: {annotations}
        spec:
          image: {image}
        """;

    [Fact]
    public async Task A_gated_site_is_not_touched_until_its_gate_opens_and_its_deletion_still_runs()
    {
        await using var run = await Run.StartAsync(GatedKatalog);
        var controller = run.Runtime.Controllers.Single();
        await run.Server.ApplyAsync(Site("held", labels: "{paused: \"true\"}"));

        await Until(() => run.Reports.Any(r => r.Name == "held" && r.GatedBy == "spec.crds.website.operatorBox.preReconcile"));
        Assert.Equal(ControllerState.Gated, controller.State);
        Assert.True(controller.IsHealthy);
        Assert.Equal(1, controller.GatedCount);
        Assert.Matches("controller_reconcile_total\\{crd=\"website\",result=\"gated\"\\} [1-9]", run.Runtime.Metrics.ToPrometheusText());
        var held = await run.Server.GetAsync(Website, "Website", "held");
        Assert.Null(held!["metadata"]!["finalizers"]);
        Assert.Null(held["status"]);
        Assert.Null(await run.Server.GetAsync("apps/v1", "Deployment", "held"));

        // The label goes: the gate opens and the site is reconciled.
        await run.Server.ApplyAsync(Site("held"));
        await run.Server.WaitForConditionAsync(Website, "Website", "held", "Ready", timeout: Wait);
        Assert.NotNull(await run.Server.GetAsync("apps/v1", "Deployment", "held"));
        await Until(() => controller.GatedCount == 0 && controller.State == ControllerState.Healthy);

        // Paused again: held back, its children left as they are.
        var gatedBefore = run.Reports.Count(r => r.Name == "held" && r.GatedBy is not null);
        await run.Server.ApplyAsync(Site("held", image: "nginx:1.28", labels: "{paused: \"true\"}"));
        await Until(() => run.Reports.Count(r => r.Name == "held" && r.GatedBy is not null) == gatedBefore + 1);
        var deployment = await run.Server.GetAsync("apps/v1", "Deployment", "held");
        Assert.Equal("nginx:1.27", (string?)deployment!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);

        // Deleting it runs the delete path all the same (its finalizer would otherwise keep it forever).
        await run.Client.DeleteAsync(Website, "Website", "held", "default");
        await Until(async () => await run.Server.GetAsync(Website, "Website", "held") is null);
        await Until(() => controller.GatedCount == 0);
    }

    [Fact]
    public async Task A_site_the_enqueue_gate_refuses_is_dropped_without_a_trace()
    {
        await using var run = await Run.StartAsync(GatedKatalog);
        var controller = run.Runtime.Controllers.Single();
        await run.Server.ApplyAsync("apiVersion: v1\nkind: Namespace\nmetadata: {name: ignored}\n");
        await run.Server.ApplyAsync(Site("elsewhere", ns: "ignored"));
        await run.Server.ApplyAsync(Site("shop"));

        await run.Server.WaitForConditionAsync(Website, "Website", "shop", "Ready", timeout: Wait);
        await Task.Delay(500);
        Assert.DoesNotContain(run.Reports, r => r.Name == "elsewhere");
        Assert.Null(await run.Server.GetAsync("apps/v1", "Deployment", "elsewhere", "ignored"));
        Assert.Null((await run.Server.GetAsync(Website, "Website", "elsewhere", "ignored"))!["status"]);
        Assert.Equal(0, controller.GatedCount);
    }

    [Fact]
    public async Task Sentinels_queue_a_site_only_for_spec_and_label_changes_and_tell_its_templates_what_changed()
    {
        await using var run = await Run.StartAsync(GatedKatalog);
        await run.Server.ApplyAsync(Site("shop"));
        await WaitForChange(run, "true");

        // Quiet: the Deployment's simulated rollout is over and nothing is queued.
        await run.Server.WaitForAsync("apps/v1", "Deployment", "shop", d => (long?)d["status"]?["readyReplicas"] >= 1, timeout: Wait);
        await Task.Delay(500);
        var before = run.Reports.Count(r => r.Name == "shop");

        // An annotation is no sentinel: no reconcile.
        await run.Server.ApplyAsync(Site("shop", annotations: "{note: hello}"));
        await Task.Delay(1000);
        Assert.Equal(before, run.Reports.Count(r => r.Name == "shop"));

        // A label is: reconciled, and the spec did not change since the last reconcile.
        await run.Server.ApplyAsync(Site("shop", labels: "{team: web}", annotations: "{note: hello}"));
        await WaitForChange(run, "false");

        // A spec change: reconciled, and the templates see it.
        await run.Server.ApplyAsync(Site("shop", image: "nginx:1.28", labels: "{team: web}", annotations: "{note: hello}"));
        await WaitForChange(run, "true");
        var deployment = await run.Server.GetAsync("apps/v1", "Deployment", "shop");
        Assert.Equal("nginx:1.28", (string?)deployment!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    private static Task<JsonObject> WaitForChange(Run run, string generationChanged) =>
        run.Server.WaitForAsync("v1", "ConfigMap", "shop-changes", c => (string?)c["data"]?["generationChanged"] == generationChanged, timeout: Wait);

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }
}
