using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Orkestra.Testing.Server;

/// <summary>
/// The controllers that finish deletions, as kube-controller-manager and the apiextensions server do: the garbage
/// collector (ownerReferences by uid; background, foreground), the namespace controller (a terminating namespace's
/// contents are deleted, then the namespace) and CRD cleanup (a deleted CRD's custom resources go first). They run on
/// one background loop, level-triggered: each deletion wakes a sweep over the whole store.
/// </summary>
internal sealed class ClusterControllers : IAsyncDisposable
{
    private readonly ObjectService _service;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ClusterControllers(ObjectService service)
    {
        _service = service;
        service.DeletionProgressed += Wake;
        _loop = Task.Run(RunAsync);
    }

    public void Wake() => _wake.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        _service.DeletionProgressed -= Wake;
        await _stop.CancelAsync();
        _wake.Writer.TryComplete();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for work.
        }
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var _ in _wake.Reader.ReadAllAsync(_stop.Token))
        {
            Sweep();
        }
    }

    /// <summary>One pass of every controller over the current state.</summary>
    internal void Sweep()
    {
        var all = _service.Store.All();
        var byUid = all.GroupBy(p => ObjectMeta.Uid(p.Object)).ToDictionary(g => g.Key, g => g.First().Object);
        CollectGarbage(all, byUid);
        FinishForegroundDeletions(all);
        CleanUpNamespaces(all);
        CleanUpCustomResourceDefinitions(all);
    }

    private void CollectGarbage(IReadOnlyList<(string StorageKey, JsonObject Object)> all, Dictionary<string, JsonObject> byUid)
    {
        foreach (var (storageKey, dependent) in all)
        {
            var owners = ObjectMeta.OwnerUids(dependent).ToList();
            if (owners.Count == 0 || ObjectMeta.IsDeleting(dependent))
            {
                continue;
            }
            var solid = owners.Where(u => byUid.TryGetValue(u, out var owner) && !WaitsForDependents(owner)).ToList();
            if (solid.Count > 0)
            {
                if (solid.Count < owners.Count)
                {
                    DropOwnerReferences(storageKey, dependent, owners.Except(solid).ToHashSet());
                }
                continue;
            }
            var foreground = owners.Any(u => byUid.ContainsKey(u));
            Delete(storageKey, dependent, foreground ? "Foreground" : "Background");
        }
    }

    private void FinishForegroundDeletions(IReadOnlyList<(string StorageKey, JsonObject Object)> all)
    {
        foreach (var (storageKey, owner) in all.Where(p => WaitsForDependents(p.Object)))
        {
            var uid = ObjectMeta.Uid(owner);
            if (all.Any(p => ObjectMeta.OwnerUids(p.Object, blockingOnly: true).Contains(uid)))
            {
                continue;
            }
            RemoveFinalizer(storageKey, owner, ObjectService.ForegroundFinalizer);
        }
    }

    private void CleanUpNamespaces(IReadOnlyList<(string StorageKey, JsonObject Object)> all)
    {
        foreach (var (_, ns) in all.Where(p => p.StorageKey == "namespaces" && ObjectMeta.IsDeleting(p.Object)))
        {
            var name = ObjectMeta.Name(ns);
            var contents = all.Where(p => p.StorageKey != "namespaces" && ObjectMeta.Namespace(p.Object) == name).ToList();
            foreach (var (storageKey, obj) in contents.Where(p => !ObjectMeta.IsDeleting(p.Object)))
            {
                Delete(storageKey, obj, "Background");
            }
            if (contents.Count == 0 && ObjectMeta.Finalizers(ns).Count == 0)
            {
                _service.Remove(_service.Registry.BuiltIn("", "namespaces"), "", name);
            }
        }
    }

    private void CleanUpCustomResourceDefinitions(IReadOnlyList<(string StorageKey, JsonObject Object)> all)
    {
        const string crdKey = CustomResourceDefinitions.StorageKey;
        foreach (var (_, crd) in all.Where(p => p.StorageKey == crdKey && ObjectMeta.IsDeleting(p.Object)))
        {
            var resources = all.Where(p => p.StorageKey == ObjectMeta.Name(crd)).ToList();
            foreach (var (storageKey, obj) in resources.Where(p => !ObjectMeta.IsDeleting(p.Object)))
            {
                Delete(storageKey, obj, "Background");
            }
            if (resources.Count == 0)
            {
                RemoveFinalizer(crdKey, crd, CustomResourceDefinitions.CleanupFinalizer);
            }
        }
    }

    private static bool WaitsForDependents(JsonObject owner) =>
        ObjectMeta.IsDeleting(owner) && ObjectMeta.Finalizers(owner).Contains(ObjectService.ForegroundFinalizer);

    private void Delete(string storageKey, JsonObject obj, string policy)
    {
        if (_service.Registry.FindByStorageKey(storageKey) is not { } type)
        {
            return;
        }
        Tolerate(() => _service.Delete(type, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj),
            new DeleteRequest(policy, ObjectMeta.Uid(obj), PreconditionResourceVersion: null, DryRun: false)));
    }

    private void RemoveFinalizer(string storageKey, JsonObject obj, string finalizer) =>
        Update(storageKey, obj, next => ObjectMeta.SetFinalizers(next, ObjectMeta.Finalizers(next).Where(f => f != finalizer).ToList()));

    private void DropOwnerReferences(string storageKey, JsonObject obj, HashSet<string> uids) =>
        Update(storageKey, obj, next =>
        {
            var references = (JsonArray)next["metadata"]!["ownerReferences"]!;
            foreach (var reference in references.OfType<JsonObject>().Where(r => uids.Contains(ObjectMeta.StringOf(r["uid"]) ?? "")).ToList())
            {
                references.Remove(reference);
            }
        });

    private void Update(string storageKey, JsonObject obj, Action<JsonObject> change)
    {
        if (_service.Registry.FindByStorageKey(storageKey) is not { } type)
        {
            return;
        }
        var uid = ObjectMeta.Uid(obj);
        Tolerate(() => _service.Modify(type, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), Subresource.None, WriteOptions.Default, [], current =>
        {
            if (ObjectMeta.Uid(current) != uid)
            {
                throw StatusErrors.NotFound(type, ObjectMeta.Name(obj));
            }
            var next = (JsonObject)current.DeepClone();
            ObjectMeta.Metadata(next).Remove("resourceVersion");
            change(next);
            return next;
        }));
    }

    // Another writer got there first (the object went away or changed): the next sweep sees the new state.
    private static void Tolerate(Action write)
    {
        try
        {
            write();
        }
        catch (ApiException e) when (e.Code is 404 or 409 or 422)
        {
            // Nothing to do: the next sweep sees the new state.
        }
    }
}
