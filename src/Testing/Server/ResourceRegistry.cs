using System.Collections.Immutable;

namespace Orkestra.Testing.Server;

/// <summary>
/// The resources served right now: the built-in kinds plus the versions of every established CRD. Readers see an
/// immutable snapshot; CRD writes swap in a new one.
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<ResourceType> _builtIn = BuiltInResources.Create();
    private ImmutableDictionary<string, IReadOnlyList<ResourceType>> _byCrd = ImmutableDictionary<string, IReadOnlyList<ResourceType>>.Empty;
    private IReadOnlyList<ResourceType> _all;

    public ResourceRegistry() => _all = _builtIn;

    /// <summary>Every served resource, built-in kinds first, in a stable order; a new list after every change.</summary>
    public IReadOnlyList<ResourceType> All => Volatile.Read(ref _all);

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Any served version of a resource, by its storage key (<see cref="ResourceType.QualifiedResource"/>).</summary>
    public ResourceType? FindByStorageKey(string qualifiedResource) =>
        All.FirstOrDefault(t => t.QualifiedResource == qualifiedResource);

    public ResourceType BuiltIn(string group, string plural) => _builtIn.First(t => t.Group == group && t.Plural == plural);

    /// <summary>The group versions served, each group's versions in preference order, the core group first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var groups = new List<(string, IReadOnlyList<string>)>();
        foreach (var group in All.Select(t => t.Group).Distinct())
        {
            var versions = All.Where(t => t.Group == group).Select(t => t.Version).Distinct()
                .OrderBy(v => v, VersionPriority.Comparer).ToList();
            groups.Add((group, versions));
        }
        return groups;
    }

    /// <summary>Serves (or re-serves) the versions a CRD declares; an empty list stops serving it.</summary>
    public void SetCustomResource(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            _byCrd = types.Count == 0 ? _byCrd.Remove(crdName) : _byCrd.SetItem(crdName, types);
            Volatile.Write(ref _all, [.. _builtIn, .. _byCrd.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)]);
        }
    }
}

/// <summary>Kubernetes version priority: GA before beta before alpha, higher numbers first, others alphabetically last.</summary>
internal static class VersionPriority
{
    public static readonly IComparer<string> Comparer = Comparer<string>.Create(Compare);

    private static int Compare(string a, string b)
    {
        var (ka, ma, na) = Parse(a);
        var (kb, mb, nb) = Parse(b);
        if (ka != kb)
        {
            return ka.CompareTo(kb);
        }
        if (ka == 3)
        {
            return string.CompareOrdinal(a, b);
        }
        return ma != mb ? mb.CompareTo(ma) : nb.CompareTo(na);
    }

    // kind 0 = GA, 1 = beta, 2 = alpha, 3 = not a Kubernetes version.
    private static (int Kind, int Major, int Minor) Parse(string v)
    {
        var match = System.Text.RegularExpressions.Regex.Match(v, "^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$");
        if (!match.Success)
        {
            return (3, 0, 0);
        }
        var major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (!match.Groups[2].Success)
        {
            return (0, major, 0);
        }
        var minor = int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (match.Groups[2].Value == "beta" ? 1 : 2, major, minor);
    }
}
