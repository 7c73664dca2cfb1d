using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orkestra.Hooks;
using Orkestra.Hosting;
using Orkestra.Kubernetes;

namespace Orkestra.Sdk.Tests.Hooks;

public class HookApiTests
{
    [Fact]
    public void Hook_results_say_what_comes_next_and_refuse_meaningless_values()
    {
        Assert.Equal(HookOutcome.Done, HookResult.Done.Outcome);
        var requeue = HookResult.RequeueAfter(TimeSpan.FromSeconds(30));
        Assert.Equal((HookOutcome.Requeue, TimeSpan.FromSeconds(30)), (requeue.Outcome, requeue.Delay));
        var terminal = HookResult.Terminal("spec.replicas must be at most 10");
        Assert.Equal((HookOutcome.Terminal, "spec.replicas must be at most 10"), (terminal.Outcome, terminal.Message));

        Assert.Throws<ArgumentOutOfRangeException>(() => HookResult.RequeueAfter(TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => HookResult.Terminal(" "));
    }

    [Fact]
    public void Args_read_text_numbers_booleans_and_sections_and_absent_keys_are_null()
    {
        var args = new HookArgs(JsonNode.Parse("""
            {"region": "eu-west-1", "replicas": 2, "quoted": "3", "backup": true, "flag": "false",
             "database": {"engine": "postgres"}, "list": [1, 2]}
            """)!.AsObject());

        Assert.Equal("eu-west-1", args.String("region"));
        Assert.Equal("2", args.String("replicas"));
        Assert.Equal(2, args.Int("replicas"));
        Assert.Equal(3, args.Int("quoted"));
        Assert.Null(args.Int("region"));
        Assert.True(args.Bool("backup"));
        Assert.False(args.Bool("flag"));
        Assert.Equal("postgres", args.Section("database").String("engine"));
        Assert.Null(args.Section("missing").String("engine"));
        Assert.Null(args.String("list"));
        Assert.Null(args.String("missing"));
    }

    [Fact]
    public void Children_applied_through_the_context_are_kept_in_order_and_must_name_themselves()
    {
        var context = Context(new Shop());

        context.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "a" } });
        context.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "b" } });

        Assert.Equal(["Secret", "ConfigMap"], context.AppliedChildren.Select(c => (string?)c["kind"]));
        Assert.Throws<ArgumentException>(() => context.Apply(new JsonObject { ["kind"] = "Secret" }));
    }

    [Fact]
    public async Task The_builder_registers_a_hooks_class_under_the_interfaces_it_implements()
    {
        var builder = OrkestraHost.CreateBuilder(["run", "--katalog", "katalog.yaml"]);
        builder.Services.AddSingleton(new Counter());

        builder.AddHooks<ShopHooks, Shop>("shop");

        var registration = Assert.Single(builder.Hooks);
        Assert.Equal(("shop", typeof(ShopHooks), typeof(Shop), HookKinds.Reconcile | HookKinds.Delete), (registration.CrdKey, registration.HooksType, registration.ResourceType, registration.Kinds));
        Assert.Equal(["run", "--katalog", "katalog.yaml"], builder.Args);

        using var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using (var scope = provider.CreateScope())
        {
            var reconcile = scope.ServiceProvider.GetRequiredService<IReconcileHook<Shop>>();
            var delete = scope.ServiceProvider.GetRequiredService<IDeleteHook<Shop>>();
            Assert.Same(reconcile, delete); // one instance per reconcile scope
            var result = await reconcile.ReconcileAsync(Context(new Shop()), CancellationToken.None);
            Assert.Equal(HookOutcome.Done, result.Outcome);
        }

        Assert.Equal(1, provider.GetRequiredService<Counter>().Calls);
    }

    [Fact]
    public void A_crd_has_one_hooks_class_and_a_hooks_class_implements_a_hook()
    {
        var builder = OrkestraHost.CreateBuilder([]);
        builder.AddHooks<ShopHooks, Shop>("shop");

        var twice = Assert.Throws<InvalidOperationException>(() => builder.AddHooks<OtherShopHooks, Shop>("shop"));
        Assert.Contains("already has the hooks class", twice.Message, StringComparison.Ordinal);
        var none = Assert.Throws<InvalidOperationException>(() => builder.AddHooks<NotAHook, Shop>("other"));
        Assert.Contains("implements no hook interface", none.Message, StringComparison.Ordinal);
    }

    private static ReconcileContext<Shop> Context(Shop shop) =>
        new(shop, HookArgs.Empty, new UnusedClient(), NullLogger.Instance, new NoEvents());

    public sealed class Shop : CustomResource<ShopSpec, ShopStatus>
    {
    }

    public sealed class ShopSpec
    {
        public int Replicas { get; set; }
    }

    public sealed class ShopStatus
    {
        public string? Phase { get; set; }
    }

    public sealed class Counter
    {
        public int Calls { get; set; }
    }

    public sealed class ShopHooks(Counter counter) : IReconcileHook<Shop>, IDeleteHook<Shop>
    {
        public Task<HookResult> ReconcileAsync(ReconcileContext<Shop> context, CancellationToken cancellationToken)
        {
            counter.Calls++;
            context.Resource.Status = new ShopStatus { Phase = "Ready" };
            return Task.FromResult(HookResult.Done);
        }

        public Task<HookResult> DeleteAsync(ReconcileContext<Shop> context, CancellationToken cancellationToken) => Task.FromResult(HookResult.Done);
    }

    public sealed class OtherShopHooks : IReconcileHook<Shop>
    {
        public Task<HookResult> ReconcileAsync(ReconcileContext<Shop> context, CancellationToken cancellationToken) => Task.FromResult(HookResult.Done);
    }

    public sealed class NotAHook
    {
    }

    private sealed class NoEvents : IEventRecorder
    {
        public void Normal(string reason, string message)
        {
        }

        public void Warning(string reason, string message)
        {
        }
    }

    // The hooks under test never call the API; any call is a test failure.
    private sealed class UnusedClient : IKubeClient
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
}
