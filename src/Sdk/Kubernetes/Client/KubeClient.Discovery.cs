using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes;

/// <summary>
/// Discovery: which kinds a group-version serves (<c>/api/v1</c>, <c>/apis/{group}/{version}</c>), cached per
/// group-version. A kind the cache lacks makes the group-version be fetched again, so a CRD installed a moment ago is
/// found; to spare the server, misses of one group-version refetch it at most <see cref="RefreshBurst"/> times in a row,
/// then once per <see cref="RefreshInterval"/>.
/// </summary>
public sealed partial class KubeClient
{
    private const int RefreshBurst = 3;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, GroupVersion> _discovery = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task<ApiResource?> FindResourceAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var groupVersion = _discovery.GetOrAdd(apiVersion, _ => new GroupVersion());
        if (groupVersion.Kinds?.GetValueOrDefault(kind) is { } known)
        {
            return known;
        }

        var fetchesBefore = Volatile.Read(ref groupVersion.Fetches);
        await groupVersion.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have fetched it while this one waited.
            if (groupVersion.Kinds is { } kinds && (kinds.GetValueOrDefault(kind) is { } found || groupVersion.Fetches != fetchesBefore))
            {
                return kinds.GetValueOrDefault(kind);
            }

            if (groupVersion.Kinds is not null && !groupVersion.TryTakeRefresh())
            {
                return null;
            }

            groupVersion.Kinds = await FetchGroupVersionAsync(apiVersion, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref groupVersion.Fetches);
            return groupVersion.Kinds.GetValueOrDefault(kind);
        }
        finally
        {
            groupVersion.Gate.Release();
        }
    }

    // The kind as served, or a KubeNotFoundException saying that the server does not serve it.
    private async Task<ApiResource> ResolveAsync(string apiVersion, string kind, string description, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw new ArgumentException($"{description}: the object needs an apiVersion and a kind");
        }

        return await FindResourceAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
            ?? throw new KubeNotFoundException(
                new ApiStatus(404, "NotFound", $"the server does not serve kind {kind} in {apiVersion}; " + (apiVersion.Contains('/', StringComparison.Ordinal) && !IsBuiltInGroup(apiVersion) ? "is the CRD installed?" : "is the apiVersion right?"))
                {
                    Kind = kind,
                },
                description);
    }

    private static bool IsBuiltInGroup(string apiVersion)
    {
        var group = apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)];
        return !group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, ApiResource>> FetchGroupVersionAsync(string apiVersion, CancellationToken cancellationToken)
    {
        var path = apiVersion.Contains('/', StringComparison.Ordinal) ? "apis/" + apiVersion : "api/" + apiVersion;
        var document = await SendAsync(new Request(HttpMethod.Get, path, "GET discovery " + apiVersion, Retry.Idempotent), notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        var kinds = new Dictionary<string, ApiResource>(StringComparer.Ordinal);
        foreach (var resource in (document?["resources"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var name = (string?)resource["name"];
            var kind = (string?)resource["kind"];
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(kind) || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            var verbs = (resource["verbs"] as JsonArray)?.Select(v => (string?)v).OfType<string>().ToList() ?? [];
            kinds.TryAdd(kind, new ApiResource(apiVersion, kind, name, resource["namespaced"] is JsonValue scope && scope.TryGetValue<bool>(out var namespaced) && namespaced, verbs));
        }

        return kinds;
    }

    /// <summary>One group-version's cached kinds and its refresh budget.</summary>
    private sealed class GroupVersion
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Fetches;
        private double _refreshes = RefreshBurst;
        private long _refilled = Stopwatch.GetTimestamp();

        /// <summary>The kinds by name, or null before the first fetch; replaced whole on each fetch.</summary>
        public volatile Dictionary<string, ApiResource>? Kinds;

        /// <summary>Whether a miss may fetch again now (called under <see cref="Gate"/>).</summary>
        public bool TryTakeRefresh()
        {
            var now = Stopwatch.GetTimestamp();
            _refreshes = Math.Min(RefreshBurst, _refreshes + (Stopwatch.GetElapsedTime(_refilled, now) / RefreshInterval));
            _refilled = now;
            if (_refreshes < 1)
            {
                return false;
            }

            _refreshes--;
            return true;
        }
    }
}
