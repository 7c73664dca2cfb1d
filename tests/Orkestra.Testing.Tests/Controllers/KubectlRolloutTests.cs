using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Controllers;

/// <summary>The real kubectl waits on simulated workloads as it would in a cluster.</summary>
public sealed class KubectlRolloutTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: nginx:1.27}]}
        """;

    private const string Job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: once}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: run, image: busybox}]
        """;

    [Fact(Timeout = 90_000)]
    public async Task Kubectl_rollout_status_succeeds_for_a_deployment_and_after_an_update()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(300) });
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", Deployment);

        Assert.Contains("successfully rolled out", await kubectl.SucceedAsync("rollout status deployment/web --timeout=20s"), StringComparison.Ordinal);

        await kubectl.SucceedAsync("set image deployment/web app=nginx:1.28");
        Assert.Contains("successfully rolled out", await kubectl.SucceedAsync("rollout status deployment/web --timeout=20s"), StringComparison.Ordinal);
        Assert.Equal("2", await kubectl.SucceedAsync("get deployment web -o jsonpath={.status.observedGeneration}"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Kubectl_wait_for_a_job_to_complete()
    {
        await using var server = await TestServer.StartAsync(new KubeApiServerOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(300) });
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", Job);

        Assert.Contains("condition met", await kubectl.SucceedAsync("wait --for=condition=complete job/once --timeout=20s"), StringComparison.Ordinal);
        Assert.Equal("1", await kubectl.SucceedAsync("get job once -o jsonpath={.status.succeeded}"));
    }

    [Fact(Timeout = 90_000)]
    public async Task Kubectl_shows_a_service_cluster_ip()
    {
        await using var server = await TestServer.StartAsync();
        using var kubectl = await Support.Kubectl.ForAsync(server.Server);
        await kubectl.SucceedAsync("apply -f -", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}\n");

        var ip = await kubectl.SucceedAsync("get service web -o jsonpath={.spec.clusterIP}");
        Assert.StartsWith("10.", ip, StringComparison.Ordinal);
    }
}
