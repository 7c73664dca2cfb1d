using System.Text.Json.Nodes;

namespace Orkestra.Testing.Tests.Support;

/// <summary>A watch request read line by line, each read bounded by a timeout.</summary>
internal sealed class WatchStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<WatchStream> OpenAsync(TestServer server, string path)
    {
        using var cts = new CancellationTokenSource(TestServer.Timeout);
        var response = await server.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(200, (int)response.StatusCode);
        return new WatchStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token)));
    }

    public async Task<JsonObject> NextAsync() => await NextOrEndAsync() ?? throw new InvalidOperationException("the watch ended");

    public async Task<JsonObject?> NextOrEndAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var line = await _reader.ReadLineAsync(cts.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
