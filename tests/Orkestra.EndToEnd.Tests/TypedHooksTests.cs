using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.EndToEnd.Tests.Typed;
using Orkestra.Hosting;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Runtime;
using Xunit.Abstractions;

namespace Orkestra.EndToEnd.Tests;

/// <summary>
/// Typed hooks at run time: the generated <see cref="Website"/> model and <c>AddGeneratedHooks()</c>, the runtime,
/// the embedded API server (real HTTP, watches, garbage collection). Each test uses its own server, runtime and CR
/// names (the hooks record their calls by CR name).
/// </summary>
public sealed class TypedHooksTests(ITestOutputHelper output)
{
    private const string GoodImage = "nginx:1.27";

    [Fact]
    public void The_generator_registers_the_hooks_class_for_the_website_crd()
    {
        var builder = OrkestraHost.CreateBuilder([]);
        builder.AddGeneratedHooks();

        var registration = Assert.Single(builder.Hooks);
        Assert.Equal("website", registration.CrdKey);
        Assert.Equal(typeof(WebsiteHooks), registration.HooksType);
        Assert.Equal(typeof(Website), registration.ResourceType);
        Assert.Equal(HookKinds.Reconcile | HookKinds.Delete, registration.Kinds);
    }

    [Fact]
    public async Task The_hook_gets_the_typed_cr_and_rendered_args_and_its_config_map_is_owned_and_status_written()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("alpha", GoodImage, replicas: 2);

        var website = await run.Server.WaitForAsync(
            TypedRun.ApiVersion,
            TypedRun.Kind,
            "alpha",
            w => (string?)TypedRun.Ready(w)?["status"] == "True" && (string?)w["status"]?["phase"] == "Configured" && w["status"]?["url"] is not null,
            timeout: TimeSpan.FromSeconds(10));
        var uid = (string)website["metadata"]!["uid"]!;

        // The hook saw the typed CR and its args rendered for it.
        var call = Assert.Single(WebsiteHooks.Reconciles["alpha"].Distinct());
        Assert.Equal(new ReconcileCall("alpha", GoodImage, 2, "hello alpha"), call);

        // Its ConfigMap, completed like the katalog's own children: owner reference and managed labels.
        var config = await run.Server.GetAsync("v1", "ConfigMap", "alpha-config");
        Assert.NotNull(config);
        Assert.Equal("hello alpha", (string?)config["data"]!["greeting"]);
        Assert.Equal(GoodImage, (string?)config["data"]!["image"]);
        Assert.Equal("2", (string?)config["data"]!["replicas"]);
        var owner = Assert.Single(config["metadata"]!["ownerReferences"]!.AsArray())!;
        Assert.Equal(uid, (string?)owner["uid"]);
        Assert.Equal("alpha", (string?)owner["name"]);
        Assert.Equal(TypedRun.Kind, (string?)owner["kind"]);
        Assert.True((bool?)owner["controller"]);
        Assert.Equal("orkestra", (string?)config["metadata"]!["labels"]!["managed-by"]);
        Assert.Equal(uid, (string?)config["metadata"]!["labels"]!["orkestra.io/owner-uid"]);

        // The template's Deployment too.
        var deployment = await run.Server.GetAsync("apps/v1", "Deployment", "alpha");
        Assert.NotNull(deployment);
        Assert.Equal(uid, (string?)deployment["metadata"]!["ownerReferences"]![0]!["uid"]);
        Assert.Equal(GoodImage, (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);

        // Status: Ready with observedGeneration, the hook's phase, and the declared url (which wins over the hook's).
        var ready = TypedRun.Ready(website)!;
        Assert.Equal(1L, (long?)ready["observedGeneration"]);
        Assert.Equal(1L, (long?)website["status"]!["observedGeneration"]);
        Assert.Equal("http://alpha.default.svc.cluster.local", (string?)website["status"]!["url"]);

        // The hook's event, written after it returned.
        await TypedRun.WaitUntilAsync(
            async () => (await run.Client.ListAsync("v1", "Event", "default")).Any(e => (string?)e["reason"] == "ConfigWritten" && (string?)e["involvedObject"]?["name"] == "alpha" && (string?)e["type"] == "Normal"),
            "the hook's ConfigWritten event exists");
        Assert.False(run.Running.IsCompleted);
    }

    [Fact]
    public async Task The_hooks_config_map_survives_pruning_and_follows_the_spec()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("beta", GoodImage, replicas: 2);
        await run.WaitForReadyAsync("beta", "True");
        var before = await run.Server.WaitForAsync("v1", "ConfigMap", "beta-config", _ => true, timeout: TimeSpan.FromSeconds(10));

        await run.Client.PatchAsync(TypedRun.ApiVersion, TypedRun.Kind, "beta", "default", PatchKind.Merge, JsonNode.Parse("""{"spec":{"replicas":3}}""")!);

        await run.Server.WaitForAsync("apps/v1", "Deployment", "beta", d => (int?)d["spec"]!["replicas"] == 3, timeout: TimeSpan.FromSeconds(10));
        await run.Server.WaitForAsync("v1", "ConfigMap", "beta-config", c => (string?)c["data"]?["replicas"] == "3", timeout: TimeSpan.FromSeconds(10));
        await run.Server.WaitForAsync(TypedRun.ApiVersion, TypedRun.Kind, "beta", w => (long?)w["status"]?["observedGeneration"] == 2, timeout: TimeSpan.FromSeconds(10));

        // Several more reconciles (a label change is a reconcile, not a spec change), each pruning what it did not apply.
        for (var i = 0; i < 3; i++)
        {
            var seen = run.ReportsOf("beta").Count;
            await run.Client.PatchAsync(TypedRun.ApiVersion, TypedRun.Kind, "beta", "default", PatchKind.Merge, new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["round"] = i.ToString(CultureInfo.InvariantCulture) } } });
            await TypedRun.WaitUntilAsync(() => Task.FromResult(run.ReportsOf("beta").Skip(seen).Any(r => r.Error is null)), $"reconcile {i} after the label change");
        }

        var after = await run.Server.GetAsync("v1", "ConfigMap", "beta-config");
        Assert.NotNull(after);
        Assert.Equal((string?)before["metadata"]!["uid"], (string?)after["metadata"]!["uid"]);
        Assert.Equal("3", (string?)after["data"]!["replicas"]);
        Assert.DoesNotContain(run.ReportsOf("beta"), r => r.Changes.Any(c => c.Action == ChildAction.Deleted));
        Assert.All(run.ReportsOf("beta"), r => Assert.Null(r.Error));
        Assert.Contains(WebsiteHooks.Reconciles["beta"], c => c.Replicas == 3);
    }

    [Fact]
    public async Task A_hook_that_throws_sets_ready_false_with_backoff_and_recovers_once_the_cr_is_fixed()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("gamma", WebsiteHooks.ThrowImage);

        var website = await run.WaitForReadyAsync("gamma", "False", m => m.Contains("boom", StringComparison.Ordinal));
        Assert.Contains("WebsiteHooks.ReconcileAsync", (string?)TypedRun.Ready(website)!["message"], StringComparison.Ordinal);
        await TypedRun.WaitUntilAsync(
            async () => (await run.Client.ListAsync("v1", "Event", "default")).Any(e =>
                (string?)e["reason"] == "ReconcileError" && (string?)e["type"] == "Warning" && (string?)e["involvedObject"]?["name"] == "gamma"
                && ((string?)e["message"])?.Contains("boom", StringComparison.Ordinal) == true),
            "a ReconcileError warning event exists");

        // Retried with exponential backoff: a bounded number of reconciles, and the runtime keeps running.
        var start = run.ReportsOf("gamma").Count;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var retries = run.ReportsOf("gamma").Count - start;
        output.WriteLine($"reconciles of the throwing CR: {start} before the 3 s window, {retries} within it");
        Assert.InRange(retries, 1, 30);
        Assert.All(run.ReportsOf("gamma"), r => Assert.Contains("boom", r.Error, StringComparison.Ordinal));
        Assert.False(run.Running.IsCompleted, "the runtime stopped: " + run.Running.Exception);

        // Fixing the CR converges it.
        await run.Client.PatchAsync(TypedRun.ApiVersion, TypedRun.Kind, "gamma", "default", PatchKind.Merge, new JsonObject { ["spec"] = new JsonObject { ["image"] = GoodImage } });
        website = await run.WaitForReadyAsync("gamma", "True");
        Assert.Equal(2L, (long?)website["status"]!["observedGeneration"]);
        await run.Server.WaitForAsync("v1", "ConfigMap", "gamma-config", c => (string?)c["data"]?["image"] == GoodImage, timeout: TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_hook_that_hangs_times_out_while_other_crs_keep_reconciling()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("delta", WebsiteHooks.HangImage);

        var website = await run.WaitForReadyAsync("delta", "False", m => m.Contains("timeout", StringComparison.Ordinal));
        var message = (string)TypedRun.Ready(website)!["message"]!;
        Assert.Contains("WebsiteHooks.ReconcileAsync", message, StringComparison.Ordinal);
        Assert.Contains("1s", message, StringComparison.Ordinal);

        // Meanwhile (the hung CR is retried), a good CR converges.
        await run.ApplyWebsiteAsync("epsilon", GoodImage);
        await run.WaitForReadyAsync("epsilon", "True");
        Assert.NotNull(await run.Server.GetAsync("v1", "ConfigMap", "epsilon-config"));
        Assert.Null(await run.Server.GetAsync("v1", "ConfigMap", "delta-config"));
        Assert.False(run.Running.IsCompleted, "the runtime stopped: " + run.Running.Exception);
    }

    [Fact]
    public async Task A_hook_that_ends_after_its_timeout_keeps_its_services_until_it_ends()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("eta", WebsiteHooks.SlowImage);

        await run.WaitForReadyAsync("eta", "False", m => m.Contains("timeout", StringComparison.Ordinal));
        await TypedRun.WaitUntilAsync(() => Task.FromResult(WebsiteHooks.DisposedWhileRunning.ContainsKey("eta")), "the late hook to end");
        Assert.False(WebsiteHooks.DisposedWhileRunning["eta"], "the hook's DI scope was disposed while the hook still ran");
        await TypedRun.WaitUntilAsync(() => Task.FromResult(WebsiteHooks.Disposed.ContainsKey("eta")), "the late hook's scope to be disposed once it ended");
    }

    [Fact]
    public async Task A_terminal_result_sets_ready_false_and_is_not_retried()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("zeta", WebsiteHooks.TerminalImage);

        await run.WaitForReadyAsync("zeta", "False", m => m.Contains("can never run", StringComparison.Ordinal));
        await run.Server.WaitForAsync("apps/v1", "Deployment", "zeta", d => d["status"]?["readyReplicas"] is not null, timeout: TimeSpan.FromSeconds(10));

        // Not retried: at most a reconcile for a stray event (the Deployment's status settling) over a few seconds.
        var start = run.ReportsOf("zeta").Count;
        await Task.Delay(TimeSpan.FromSeconds(3));
        output.WriteLine($"reconciles of the terminal CR: {start} before the 3 s window, {run.ReportsOf("zeta").Count - start} within it");
        Assert.InRange(run.ReportsOf("zeta").Count - start, 0, 2);
        Assert.InRange(run.ReportsOf("zeta").Count, 1, 5);
        Assert.All(run.ReportsOf("zeta"), r => Assert.Contains("can never run", r.Error, StringComparison.Ordinal));
        Assert.Null(await run.Server.GetAsync("v1", "ConfigMap", "zeta-config"));
    }

    [Fact]
    public async Task Deleting_the_cr_runs_the_delete_hook_before_the_finalizer_goes_then_its_children_go()
    {
        await using var run = await TypedRun.StartAsync();
        await run.ApplyWebsiteAsync("eta", GoodImage);
        await run.WaitForReadyAsync("eta", "True");
        Assert.NotNull(await run.Server.GetAsync("v1", "ConfigMap", "eta-config"));
        Assert.False(WebsiteHooks.Deletes.ContainsKey("eta"));

        Assert.True(await run.Client.DeleteAsync(TypedRun.ApiVersion, TypedRun.Kind, "eta", "default"));

        await TypedRun.WaitUntilAsync(async () => await run.Server.GetAsync(TypedRun.ApiVersion, TypedRun.Kind, "eta") is null, "the website is gone");
        // Run at least once (again if the finalizer's removal met a conflict), always before the finalizer went.
        Assert.NotEmpty(WebsiteHooks.Deletes["eta"]);
        Assert.All(WebsiteHooks.Deletes["eta"], delete =>
        {
            Assert.True(delete.Deleting, "the delete hook got a CR without deletionTimestamp");
            Assert.True(delete.FinalizerPresent, "the finalizer was gone before the delete hook ran");
        });
        Assert.Contains(run.ReportsOf("eta"), r => r.Deleting && r.Error is null);

        await TypedRun.WaitUntilAsync(
            async () => await run.Server.GetAsync("v1", "ConfigMap", "eta-config") is null && await run.Server.GetAsync("apps/v1", "Deployment", "eta") is null,
            "the children are garbage-collected");
    }

    [Fact]
    public void A_runtime_without_the_katalogs_hooks_refuses_to_start()
    {
        var katalog = TypedRun.LoadKatalog();
        using var client = new KubeClient(new ClusterConnection("test", new Uri("http://127.0.0.1:9"), "default"));

        var error = Assert.Throws<RuntimeConfigurationException>(() => OperatorRuntime.Create(katalog, client, new RuntimeOptions(), hooks: Array.Empty<HookRegistration>()));

        Assert.Contains("website", error.Message, StringComparison.Ordinal);
        Assert.Contains("Orkestra.EndToEnd.Tests.Typed.WebsiteHooks", error.Message, StringComparison.Ordinal);
    }
}
