// What a user's test does: wire the hooks the generator found, read a CR from YAML into the generated model, and
// call the hook through dependency injection.
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orkestra.Hooks;
using Orkestra.Hosting;
using Orkestra.Katalogs.Yaml;
using Orkestra.Kubernetes;
using Shop.Operator;

var builder = OrkestraHost.CreateBuilder(args);
builder.AddGeneratedHooks();
foreach (var hooks in builder.Hooks)
{
    Console.WriteLine($"hooks: {hooks.CrdKey} -> {hooks.HooksType.FullName} ({hooks.Kinds}) for {hooks.ResourceType.FullName}");
}

var yaml = YamlReader.Read("cr.yaml", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cr.yaml")));
var website = JsonSerializer.Deserialize<Website>(YamlValues.ToJson(yaml.Documents[0])!.ToJsonString())!;

using var services = builder.Services.BuildServiceProvider();
using var scope = services.CreateScope();
var hook = scope.ServiceProvider.GetRequiredService<IReconcileHook<Website>>();
var context = new ReconcileContext<Website>(website, HookArgs.Empty, new NoClient(), NullLogger.Instance, new NoEvents());
var result = await hook.ReconcileAsync(context, CancellationToken.None);
Console.WriteLine($"result: {result.Outcome}; status: {JsonSerializer.Serialize(website)}");

internal sealed class NoEvents : IEventRecorder
{
    public void Normal(string reason, string message)
    {
    }

    public void Warning(string reason, string message)
    {
    }
}

// The hook under test never calls the API.
internal sealed class NoClient : IKubeClient
{
    public Task<ApiResource?> FindResourceAsync(string apiVersion, string kind, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string name, string? @namespace, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ResourceList> ListAsync(string apiVersion, string kind, string? @namespace, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IAsyncEnumerable<WatchEvent> WatchAsync(string apiVersion, string kind, string? @namespace, string? resourceVersion, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> CreateAsync(JsonObject obj, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> ReplaceAsync(JsonObject obj, string? subresource = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> ApplyAsync(JsonObject obj, ApplyOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<JsonObject> PatchAsync(string apiVersion, string kind, string name, string? @namespace, PatchKind patchKind, JsonNode patch, string? subresource = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string apiVersion, string kind, string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<T?> GetAsync<T>(string name, string? @namespace, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider => throw new NotSupportedException();

    public Task<IReadOnlyList<T>> ListAsync<T>(string? @namespace, string? labelSelector = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider => throw new NotSupportedException();

    public Task<T> ApplyAsync<T>(T obj, ApplyOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider => throw new NotSupportedException();

    public Task<bool> DeleteAsync<T>(string name, string? @namespace, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : class, ICustomResource, IResourceTypeProvider => throw new NotSupportedException();
}
