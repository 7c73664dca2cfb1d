using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.Server;

public sealed class ServerLifecycleTests
{
    [Fact(Timeout = 30_000)]
    public async Task Starts_on_a_free_loopback_port_and_serves_health()
    {
        await using var a = await TestServer.StartAsync();
        await using var b = await TestServer.StartAsync();
        Assert.Equal("127.0.0.1", a.Server.Url.Host);
        Assert.NotEqual(a.Server.Url.Port, b.Server.Url.Port);
        foreach (var path in new[] { "/healthz", "/readyz", "/livez" })
        {
            var response = await a.GetAsync(path);
            Assert.Equal(200, response.Code);
            Assert.Equal("ok", (string?)response.Body);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Writes_a_kubeconfig_for_its_context()
    {
        await using var server = await TestServer.StartAsync();
        var path = Path.Combine(Path.GetTempPath(), $"orkestra-{Guid.NewGuid():N}", "config");
        try
        {
            await server.Server.WriteKubeconfigAsync(path);
            var text = await File.ReadAllTextAsync(path);
            Assert.Equal(server.Server.Kubeconfig, text);
            Assert.Contains($"server: http://127.0.0.1:{server.Server.Url.Port}", text, StringComparison.Ordinal);
            Assert.Contains("current-context: orkestra-dev", text, StringComparison.Ordinal);
            Assert.Contains("insecure-skip-tls-verify: true", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Starts_like_a_fresh_cluster()
    {
        await using var server = await TestServer.StartAsync();
        var list = await server.GetAsync("/api/v1/namespaces");
        var names = list.Object["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]).ToList();
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], names);
        Assert.All(list.Object["items"]!.AsArray(), i => Assert.Equal("Active", (string?)i!["status"]!["phase"]));
    }

    [Fact(Timeout = 30_000)]
    public async Task Dispose_ends_open_watches()
    {
        var server = await TestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.Server.Url };
        using var response = await http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var dispose = server.DisposeAsync().AsTask();
        using var reader = new StreamReader(stream);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Null(await reader.ReadLineAsync(cts.Token));
        await dispose.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
