using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Controllers;

/// <summary>The simulated workload and Job controllers: status converges after the configured delay.</summary>
public sealed class SimulatedControllerTests
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";
    private const string StatefulSets = "/apis/apps/v1/namespaces/default/statefulsets";
    private const string ReplicaSets = "/apis/apps/v1/namespaces/default/replicasets";
    private const string DaemonSets = "/apis/apps/v1/namespaces/default/daemonsets";
    private const string Jobs = "/apis/batch/v1/namespaces/default/jobs";
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    internal static KubeApiServerOptions Fast => new() { WorkloadReadyDelay = Delay };

    internal static string Workload(string kind, string name, int? replicas = 1, string image = "nginx:1.27")
    {
        var replicasField = replicas is { } r ? $"\"replicas\":{r}," : "";
        var apiVersion = kind == "Job" ? "batch/v1" : "apps/v1";
        return "{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name + "\"},"
            + "\"spec\":{" + replicasField + "\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
            + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\"}]}}}}";
    }

    private static string Job(string name, string extraSpec = "") =>
        "{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + extraSpec
        + "\"template\":{\"spec\":{\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"run\",\"image\":\"busybox\"}]}}}}";

    /// <summary>Polls until <paramref name="done"/> holds for the object, or fails after 10 s.</summary>
    internal static async Task<JsonObject> WaitForAsync(TestServer server, string path, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var current = (await server.GetAsync(path)).Object;
            if (done(current))
            {
                return current;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not get there: {current["status"]}");
            await Task.Delay(20);
        }
    }

    private static JsonObject? Condition(JsonObject obj, string type) =>
        obj["status"]?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    private static long ObservedGeneration(JsonObject obj) => (long?)obj["status"]?["observedGeneration"] ?? 0;

    [Fact(Timeout = 30_000)]
    public async Task A_deployment_becomes_available_after_the_delay_as_kube_controller_manager_reports_it()
    {
        await using var server = await TestServer.StartAsync(Fast);
        var created = await server.CreateAsync(Deployments, Workload("Deployment", "web", replicas: 3));
        Assert.Null(created["status"]);

        var ready = await WaitForAsync(server, $"{Deployments}/web", d => ObservedGeneration(d) == 1);
        var status = ready["status"]!;
        Assert.Equal(3, (int)status["replicas"]!);
        Assert.Equal(3, (int)status["readyReplicas"]!);
        Assert.Equal(3, (int)status["availableReplicas"]!);
        Assert.Equal(3, (int)status["updatedReplicas"]!);
        var available = Condition(ready, "Available")!;
        Assert.Equal("True", (string?)available["status"]);
        Assert.Equal("MinimumReplicasAvailable", (string?)available["reason"]);
        Assert.NotNull(available["lastUpdateTime"]);
        Assert.NotNull(available["lastTransitionTime"]);
        var progressing = Condition(ready, "Progressing")!;
        Assert.Equal("True", (string?)progressing["status"]);
        Assert.Equal("NewReplicaSetAvailable", (string?)progressing["reason"]);
        Assert.StartsWith("ReplicaSet \"web-", (string?)progressing["message"], StringComparison.Ordinal);

        Assert.Equal(1, (long)ready["metadata"]!["generation"]!);
        Assert.True(long.Parse((string)ready["metadata"]!["resourceVersion"]!) > long.Parse((string)created["metadata"]!["resourceVersion"]!));
        var manager = ready["metadata"]!["managedFields"]!.AsArray().OfType<JsonObject>().Single(m => (string?)m["subresource"] == "status");
        Assert.Equal("kube-controller-manager", (string?)manager["manager"]);
        Assert.Equal("Update", (string?)manager["operation"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_spec_change_converges_again_for_the_new_generation_and_watchers_see_each_status_write()
    {
        await using var server = await TestServer.StartAsync(Fast);
        var created = await server.CreateAsync(Deployments, Workload("Deployment", "web"));
        await using var watch = await WatchStream.OpenAsync(server, $"{Deployments}?watch=true&resourceVersion={created["metadata"]!["resourceVersion"]}");
        var first = await watch.NextAsync();
        Assert.Equal("MODIFIED", (string?)first["type"]);
        Assert.Equal(1, ObservedGeneration(first["object"]!.AsObject()));
        Assert.Equal(1, (long)first["object"]!["metadata"]!["generation"]!);
        var availableSince = (string?)Condition(first["object"]!.AsObject(), "Available")!["lastTransitionTime"];

        var patched = await server.PatchAsync($"{Deployments}/web", "application/merge-patch+json", """{"spec":{"replicas":2}}""");
        Assert.Equal(2, (long)patched.Object["metadata"]!["generation"]!);
        Assert.Equal(1, ObservedGeneration(patched.Object));
        Assert.Equal("MODIFIED", (string?)(await watch.NextAsync())["type"]); // the spec change
        var second = await watch.NextAsync();
        Assert.Equal("MODIFIED", (string?)second["type"]);
        var obj = second["object"]!.AsObject();
        Assert.Equal(2, ObservedGeneration(obj));
        Assert.Equal(2, (long)obj["metadata"]!["generation"]!);
        Assert.Equal(2, (int)obj["status"]!["readyReplicas"]!);
        Assert.Equal(availableSince, (string?)Condition(obj, "Available")!["lastTransitionTime"]);

        await Task.Delay(Delay * 4);
        var later = (await server.GetAsync($"{Deployments}/web")).Object;
        Assert.Equal((string?)obj["metadata"]!["resourceVersion"], (string?)later["metadata"]!["resourceVersion"]); // converged: no more writes
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deployment_scaled_to_zero_has_no_replicas_and_stays_available()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(Deployments, Workload("Deployment", "web", replicas: 2));
        await WaitForAsync(server, $"{Deployments}/web", d => ObservedGeneration(d) == 1);
        await server.PatchAsync($"{Deployments}/web/scale", "application/merge-patch+json", """{"spec":{"replicas":0}}""");

        var scaled = await WaitForAsync(server, $"{Deployments}/web", d => ObservedGeneration(d) == 2);
        Assert.Equal(0, (int?)scaled["status"]!["replicas"] ?? 0);
        Assert.Equal(0, (int?)scaled["status"]!["readyReplicas"] ?? 0);
        Assert.Equal("True", (string?)Condition(scaled, "Available")!["status"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task Status_a_client_writes_for_a_converged_generation_is_left_alone()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(Deployments, Workload("Deployment", "web"));
        await WaitForAsync(server, $"{Deployments}/web", d => ObservedGeneration(d) == 1);

        var degraded = await server.PatchAsync($"{Deployments}/web/status", "application/merge-patch+json", """{"status":{"readyReplicas":0}}""");
        Assert.Equal(200, degraded.Code);
        await Task.Delay(Delay * 4);
        Assert.Equal(0, (int)(await server.GetAsync($"{Deployments}/web")).Object["status"]!["readyReplicas"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_statefulset_replicaset_and_daemonset_become_ready()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(StatefulSets, Workload("StatefulSet", "db", replicas: 2));
        await server.CreateAsync(ReplicaSets, Workload("ReplicaSet", "rs", replicas: null));
        await server.CreateAsync(DaemonSets, Workload("DaemonSet", "agent", replicas: null));

        var sts = (await WaitForAsync(server, $"{StatefulSets}/db", s => ObservedGeneration(s) == 1))["status"]!;
        Assert.Equal(2, (int)sts["replicas"]!);
        Assert.Equal(2, (int)sts["readyReplicas"]!);
        Assert.Equal(2, (int)sts["currentReplicas"]!);
        Assert.Equal(2, (int)sts["updatedReplicas"]!);
        Assert.Equal(2, (int)sts["availableReplicas"]!);
        Assert.StartsWith("db-", (string?)sts["currentRevision"], StringComparison.Ordinal);
        Assert.Equal((string?)sts["currentRevision"], (string?)sts["updateRevision"]);

        var rs = (await WaitForAsync(server, $"{ReplicaSets}/rs", s => ObservedGeneration(s) == 1))["status"]!;
        Assert.Equal(1, (int)rs["replicas"]!);
        Assert.Equal(1, (int)rs["readyReplicas"]!);
        Assert.Equal(1, (int)rs["availableReplicas"]!);

        var ds = (await WaitForAsync(server, $"{DaemonSets}/agent", s => ObservedGeneration(s) == 1))["status"]!;
        Assert.Equal(1, (int)ds["desiredNumberScheduled"]!);
        Assert.Equal(1, (int)ds["numberReady"]!);
        Assert.Equal(1, (int)ds["numberAvailable"]!);
        Assert.Equal(0, (int)ds["numberMisscheduled"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_statefulset_template_change_gets_a_new_revision()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(StatefulSets, Workload("StatefulSet", "db"));
        var before = (string?)(await WaitForAsync(server, $"{StatefulSets}/db", s => ObservedGeneration(s) == 1))["status"]!["updateRevision"];
        await server.PutAsync($"{StatefulSets}/db", JsonNode.Parse(Workload("StatefulSet", "db", image: "nginx:1.28"))!);

        var after = await WaitForAsync(server, $"{StatefulSets}/db", s => ObservedGeneration(s) == 2);
        Assert.NotEqual(before, (string?)after["status"]!["updateRevision"]);
        Assert.Equal(2, (long)after["metadata"]!["generation"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_job_completes_after_the_delay()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(Jobs, Job("once", "\"completions\":3,"));

        var done = await WaitForAsync(server, $"{Jobs}/once", j => Condition(j, "Complete") is not null);
        var status = done["status"]!;
        Assert.Equal(3, (int)status["succeeded"]!);
        Assert.NotNull(status["startTime"]);
        Assert.NotNull(status["completionTime"]);
        foreach (var type in new[] { "SuccessCriteriaMet", "Complete" })
        {
            var condition = Condition(done, type)!;
            Assert.Equal("True", (string?)condition["status"]);
            Assert.Equal("CompletionsReached", (string?)condition["reason"]);
            Assert.Equal("Reached expected number of succeeded pods", (string?)condition["message"]);
        }
        Assert.Equal(["SuccessCriteriaMet", "Complete"], done["status"]!["conditions"]!.AsArray().Select(c => (string?)c!["type"]));
        Assert.Equal(1, (long)done["metadata"]!["generation"]!);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_suspended_job_does_not_run_until_it_is_resumed()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(Jobs, Job("later", "\"suspend\":true,"));

        var suspended = await WaitForAsync(server, $"{Jobs}/later", j => Condition(j, "Suspended") is not null);
        Assert.Equal("True", (string?)Condition(suspended, "Suspended")!["status"]);
        await Task.Delay(Delay * 3);
        var still = (await server.GetAsync($"{Jobs}/later")).Object;
        Assert.Null(still["status"]!["succeeded"]);
        Assert.Null(Condition(still, "Complete"));

        await server.PatchAsync($"{Jobs}/later", "application/merge-patch+json", """{"spec":{"suspend":false}}""");
        var done = await WaitForAsync(server, $"{Jobs}/later", j => Condition(j, "Complete") is not null);
        Assert.Equal(1, (int)done["status"]!["succeeded"]!);
        Assert.Equal("False", (string?)Condition(done, "Suspended")!["status"]);
        Assert.Equal("JobResumed", (string?)Condition(done, "Suspended")!["reason"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task With_a_zero_delay_status_converges_at_once()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.Zero });
        await server.CreateAsync(Deployments, Workload("Deployment", "web"));
        await server.CreateAsync(Jobs, Job("once"));
        await WaitForAsync(server, $"{Deployments}/web", d => ObservedGeneration(d) == 1);
        await WaitForAsync(server, $"{Jobs}/once", j => Condition(j, "Complete") is not null);
    }

    [Fact(Timeout = 30_000)]
    public async Task Switched_off_the_status_stays_empty()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions
        {
            SimulateWorkloads = false,
            SimulateJobs = false,
            WorkloadReadyDelay = TimeSpan.Zero,
        });
        await server.CreateAsync(Deployments, Workload("Deployment", "web"));
        await server.CreateAsync(StatefulSets, Workload("StatefulSet", "db"));
        await server.CreateAsync(Jobs, Job("once"));
        await Task.Delay(Delay * 3);

        Assert.Null((await server.GetAsync($"{Deployments}/web")).Object["status"]);
        Assert.Null((await server.GetAsync($"{StatefulSets}/db")).Object["status"]);
        Assert.Null((await server.GetAsync($"{Jobs}/once")).Object["status"]);
    }

    [Fact(Timeout = 30_000)]
    public async Task The_simulation_survives_dropped_watches_and_a_restart()
    {
        await using var server = await TestServer.StartAsync(Fast);
        server.Server.DropWatches();
        await server.Server.RestartAsync();
        server.Server.CompactHistory();
        await server.CreateAsync(Deployments, Workload("Deployment", "web"));
        await WaitForAsync(server, $"{Deployments}/web", d => ObservedGeneration(d) == 1);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_object_deleted_or_replaced_before_it_is_due_is_not_written_and_the_rest_carries_on()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await server.CreateAsync(Deployments, Workload("Deployment", "gone"));
        await server.CreateAsync(Deployments, Workload("Deployment", "again"));
        Assert.Equal(200, (await server.DeleteAsync($"{Deployments}/gone")).Code);
        Assert.Equal(200, (await server.DeleteAsync($"{Deployments}/again")).Code);
        var replaced = await server.CreateAsync(Deployments, Workload("Deployment", "again", replicas: 2));

        var ready = await WaitForAsync(server, $"{Deployments}/again", d => ObservedGeneration(d) == 1);
        Assert.Equal((string?)replaced["metadata"]!["uid"], (string?)ready["metadata"]!["uid"]);
        Assert.Equal(2, (int)ready["status"]!["readyReplicas"]!);
        Assert.Equal(404, (await server.GetAsync($"{Deployments}/gone")).Code);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_negative_delay_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            KubeApiServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.FromSeconds(-1) }));
    }
}
