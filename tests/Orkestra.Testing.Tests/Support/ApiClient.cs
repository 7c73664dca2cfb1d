using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orkestra.Testing.Tests.Support;

/// <summary>An answer from the server: its status code, headers and body (parsed when JSON).</summary>
internal sealed record ApiResponse(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Message)
{
    public int Code => (int)Status;

    public JsonObject Object => Body as JsonObject ?? throw new InvalidOperationException($"not a JSON object: {Body}");

    public string? Reason => (string?)Body?["reason"];

    public string? ErrorMessage => (string?)Body?["message"];
}

/// <summary>A server started for one test, with an HttpClient on it; disposing stops both.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private TestServer(KubeApiServer server)
    {
        Server = server;
        Http = server.CreateHttpClient(); // the server's CA and credentials, when it has them
        Http.Timeout = Timeout;
    }

    public KubeApiServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<TestServer> StartAsync(KubeApiServerOptions? options = null)
    {
        using var cts = new CancellationTokenSource(Timeout);
        return new TestServer(await KubeApiServer.StartAsync(options, cts.Token));
    }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null);

    public Task<ApiResponse> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body, "application/json");

    public Task<ApiResponse> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body, "application/json");

    public Task<ApiResponse> PatchAsync(string path, string contentType, object body) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<ApiResponse> DeleteAsync(string path, object? body = null) => SendAsync(HttpMethod.Delete, path, body, "application/json");

    /// <summary>Creates an object and checks it was created.</summary>
    public async Task<JsonObject> CreateAsync(string path, string json)
    {
        var response = await PostAsync(path, json);
        Assert.True(response.Code == 201, $"create at {path}: {response.Code} {response.Body}");
        return response.Object;
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body, string? contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body is string s ? s : ((JsonNode)body).ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var cts = new CancellationTokenSource(Timeout);
        var response = await Http.SendAsync(request, cts.Token);
        var content = await response.Content.ReadAsStringAsync(cts.Token);
        JsonNode? parsed = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && content.Length > 0)
        {
            parsed = JsonNode.Parse(content);
        }
        return new ApiResponse(response.StatusCode, parsed ?? (content.Length > 0 ? JsonValue.Create(content) : null), response);
    }

    /// <summary>Polls until the condition holds (the background controllers are asynchronous), failing after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
