using System.Diagnostics;
using System.Text.Json.Nodes;
using Orkestra.Testing.Tests.Support;

namespace Orkestra.Testing.Tests.JsClient;

/// <summary>
/// The official Kubernetes JavaScript client (<c>@kubernetes/client-node</c>, installed in <c>tests/js-client</c> by
/// <c>npm ci</c>, which test.sh runs): its informer lists and watches the server, sees adds, updates and deletes, and
/// recovers when the server drops its watch.
/// </summary>
public sealed class JsClientInformerTests : IAsyncLifetime
{
    private static readonly string ClientFolder = Path.Combine(Repository.Root, "tests", "js-client");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ork-js-client-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;
    private Process _informer = null!;
    private readonly System.Threading.Channels.Channel<JsonObject> _events = System.Threading.Channels.Channel.CreateUnbounded<JsonObject>();

    public async Task InitializeAsync()
    {
        Assert.True(
            Directory.Exists(Path.Combine(ClientFolder, "node_modules", "@kubernetes", "client-node")),
            $"the JavaScript client is not installed: run 'npm ci' in {ClientFolder} (./test.sh does)");
        Directory.CreateDirectory(_folder);
        _server = await TestServer.StartAsync();
        var kubeconfig = Path.Combine(_folder, "kubeconfig");
        await _server.Server.WriteKubeconfigAsync(kubeconfig);

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = ClientFolder };
        start.ArgumentList.Add("informer.mjs");
        start.ArgumentList.Add(kubeconfig);
        start.ArgumentList.Add("default");
        _informer = Process.Start(start)!;
        _informer.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                _events.Writer.TryWrite(JsonNode.Parse(line)!.AsObject());
            }
        };
        _informer.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                _events.Writer.TryWrite(new JsonObject { ["type"] = "stderr", ["message"] = line });
            }
        };
        _informer.BeginOutputReadLine();
        _informer.BeginErrorReadLine();
        await NextAsync("started");
    }

    public async Task DisposeAsync()
    {
        if (_informer is { HasExited: false })
        {
            _informer.Kill(entireProcessTree: true);
            await _informer.WaitForExitAsync();
        }

        _informer?.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_informer_sees_adds_updates_and_deletes_and_recovers_after_the_watch_is_dropped()
    {
        await _server.CreateAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"one"},"data":{"k":"1"}}""");
        var added = await NextAsync("add");
        Assert.Equal("one", (string?)added["name"]);

        var patched = await _server.PatchAsync("/api/v1/namespaces/default/configmaps/one", "application/merge-patch+json", """{"data":{"k":"2"}}""");
        Assert.Equal(200, patched.Code);
        var updated = await NextAsync("update");
        Assert.Equal("2", (string?)updated["data"]!["k"]);

        Assert.Equal(200, (await _server.DeleteAsync("/api/v1/namespaces/default/configmaps/one")).Code);
        Assert.Equal("one", (string?)(await NextAsync("delete"))["name"]);

        // The server ends every watch; the informer watches again (or re-lists) and sees what happens next.
        _server.Server.Objects.Store.CloseWatches();
        await _server.CreateAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"two"}}""");
        Assert.Equal("two", (string?)(await NextAsync("add"))["name"]);
    }

    // The next event of the given type; events of other types on the way (connect, error) are skipped, but a deleted,
    // added or updated object that was not asked for fails the test.
    private async Task<JsonObject> NextAsync(string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                seen.Add(next.ToJsonString());
                var actual = (string?)next["type"];
                if (actual == type)
                {
                    return next;
                }

                Assert.False(actual is "add" or "update" or "delete", $"expected '{type}', got: {string.Join("\n", seen)}");
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no '{type}' event within 30 s; the informer printed:\n{string.Join("\n", seen)}");
            throw;
        }
    }
}
