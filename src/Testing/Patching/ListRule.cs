using System.Text.Json.Nodes;

namespace Orkestra.Testing.Patching;

/// <summary>How server-side apply treats a list: replaced whole, a set of scalars, or a map keyed by some fields.</summary>
internal enum ListKind
{
    Atomic,
    Set,
    Map,
}

/// <summary>One key field of a map-list item, with the value a missing key takes (as <c>protocol</c> defaults to TCP).</summary>
internal sealed record ListMapKey(string Name, JsonNode? Default = null);

/// <summary>
/// How one list merges. <see cref="Kind"/> and <see cref="Keys"/> drive server-side apply
/// (<c>x-kubernetes-list-type</c>/<c>list-map-keys</c>); <see cref="PatchMergeKey"/> drives strategic merge patch
/// (<c>patchMergeKey</c>; a <see cref="ListKind.Set"/> list without one merges as a set of scalars).
/// </summary>
internal sealed record ListRule(ListKind Kind, IReadOnlyList<ListMapKey> Keys, string? PatchMergeKey)
{
    /// <summary>The keys by name, the order of their fields in a <c>k:</c> token.</summary>
    public IReadOnlyList<ListMapKey> SortedKeys { get; } = Keys.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();

    public static ListRule Set { get; } = new(ListKind.Set, [], null);

    public static ListRule MapBy(params string[] keys) => new(ListKind.Map, keys.Select(k => new ListMapKey(k)).ToList(), keys[0]);

    /// <summary>Keyed by port (and protocol, TCP when absent) for apply, by <paramref name="portField"/> alone for strategic merge.</summary>
    public static ListRule Ports(string portField) => new(ListKind.Map, [new ListMapKey(portField), new ListMapKey("protocol", "TCP")], portField);
}
