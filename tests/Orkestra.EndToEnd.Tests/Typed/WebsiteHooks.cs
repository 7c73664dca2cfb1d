using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Orkestra.Hooks;

namespace Orkestra.EndToEnd.Tests.Typed;

/// <summary>What one call of <see cref="WebsiteHooks.ReconcileAsync"/> saw.</summary>
/// <param name="Name">The CR's name (typed metadata).</param>
/// <param name="Image">The typed <c>spec.image</c>.</param>
/// <param name="Replicas">The typed <c>spec.replicas</c>.</param>
/// <param name="Greeting">The rendered <c>args.greeting</c>.</param>
public sealed record ReconcileCall(string Name, string Image, int? Replicas, string? Greeting);

/// <summary>What one call of <see cref="WebsiteHooks.DeleteAsync"/> saw.</summary>
/// <param name="Name">The CR's name.</param>
/// <param name="Deleting">Whether the typed CR it got carries a deletionTimestamp.</param>
/// <param name="FinalizerPresent">Whether the CR, read from the API server during the hook, still held the runtime's finalizer.</param>
public sealed record DeleteCall(string Name, bool Deleting, bool FinalizerPresent);

/// <summary>
/// The typed hooks of the katalog's <c>website</c> CRD (the model <see cref="Website"/> is generated from
/// examples/website/crd.yaml). A CR's image switches on faults: <c>fail/throw</c> throws, <c>fail/hang</c> never
/// returns (ignoring its token), <c>fail/slow</c> returns two seconds late (ignoring its token), <c>fail/terminal</c>
/// returns a terminal result. The hooks are a scoped service: the runtime disposes them with their DI scope.
/// </summary>
[KatalogHooks("website")]
public sealed class WebsiteHooks : IReconcileHook<Website>, IDeleteHook<Website>, IDisposable
{
    private volatile bool _disposed;
    private string? _name;

    /// <summary>The runtime's cleanup finalizer.</summary>
    public const string CleanupFinalizer = "orkestra.orkspace.io/cleanup";

    /// <summary>The image that makes the reconcile hook throw.</summary>
    public const string ThrowImage = "fail/throw";

    /// <summary>The image that makes the reconcile hook hang.</summary>
    public const string HangImage = "fail/hang";

    /// <summary>The image that makes the reconcile hook return two seconds late, past its timeout.</summary>
    public const string SlowImage = "fail/slow";

    /// <summary>For each CR whose hook ran late: whether the hook's scope had been disposed under it when it ended.</summary>
    public static ConcurrentDictionary<string, bool> DisposedWhileRunning { get; } = new(StringComparer.Ordinal);

    /// <summary>The CRs whose hooks instance was disposed (with its scope).</summary>
    public static ConcurrentDictionary<string, bool> Disposed { get; } = new(StringComparer.Ordinal);

    /// <summary>The image that makes the reconcile hook return a terminal result.</summary>
    public const string TerminalImage = "fail/terminal";

    /// <summary>The reconcile calls so far, by CR name (tests use distinct names, so tests running at once do not mix).</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<ReconcileCall>> Reconciles { get; } = new(StringComparer.Ordinal);

    /// <summary>The delete calls so far, by CR name.</summary>
    public static ConcurrentDictionary<string, ConcurrentQueue<DeleteCall>> Deletes { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<HookResult> ReconcileAsync(ReconcileContext<Website> context, CancellationToken cancellationToken)
    {
        var website = context.Resource;
        var name = website.Metadata.Name!;
        _name = name;
        var greeting = context.Args.String("greeting");
        Reconciles.GetOrAdd(name, _ => new ConcurrentQueue<ReconcileCall>()).Enqueue(new ReconcileCall(name, website.Spec.Image, website.Spec.Replicas, greeting));
        switch (website.Spec.Image)
        {
            case ThrowImage:
                throw new InvalidOperationException("boom");
            case HangImage:
                // Ignores its token on purpose: the runtime must time the hook out anyway.
                await Task.Delay(Timeout.Infinite, CancellationToken.None).ConfigureAwait(false);
                break;
            case SlowImage:
                // Ignores its token on purpose: the runtime must keep its services alive until it ends.
                await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
                DisposedWhileRunning[name] = _disposed;
                return HookResult.Done;
            case TerminalImage:
                return HookResult.Terminal("the image fail/terminal can never run; pick another one");
        }

        context.Apply(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name + "-config" },
            ["data"] = new JsonObject
            {
                ["greeting"] = greeting,
                ["image"] = website.Spec.Image,
                ["replicas"] = (website.Spec.Replicas ?? 1).ToString(CultureInfo.InvariantCulture),
            },
        });
        website.Status ??= new WebsiteStatus();
        website.Status.Phase = "Configured";
        website.Status.Url = "http://set-by-the-hook"; // the katalog declares url too: its value wins
        context.Events.Normal("ConfigWritten", $"config {name}-config written for {website.Spec.Image}");
        return HookResult.Done;
    }

    /// <inheritdoc />
    public async Task<HookResult> DeleteAsync(ReconcileContext<Website> context, CancellationToken cancellationToken)
    {
        var metadata = context.Resource.Metadata;
        var live = await context.Client.GetAsync(context.Resource.ApiVersion!, context.Resource.Kind!, metadata.Name!, metadata.Namespace, cancellationToken).ConfigureAwait(false);
        var finalizer = (live?["metadata"]?["finalizers"] as JsonArray)?.Any(f => (string?)f == CleanupFinalizer) == true;
        Deletes.GetOrAdd(metadata.Name!, _ => new ConcurrentQueue<DeleteCall>()).Enqueue(new DeleteCall(metadata.Name!, metadata.DeletionTimestamp is not null, finalizer));
        return HookResult.Done;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        if (_name is { } name)
        {
            Disposed[name] = true;
        }
    }
}
