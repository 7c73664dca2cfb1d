namespace Orkestra.Kubernetes;

/// <summary>
/// A kind's static metadata: its group, version, kind and plural, whether it is namespaced and which subresources it
/// has; what a client needs to build the kind's API paths.
/// </summary>
public sealed record ResourceType
{
    /// <summary>Creates a kind's metadata.</summary>
    /// <param name="group">The API group; empty for the core group.</param>
    /// <param name="version">The version (<c>v1</c>).</param>
    /// <param name="kind">The kind (<c>Website</c>).</param>
    /// <param name="plural">The plural resource name used in URLs (<c>websites</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="version"/>, <paramref name="kind"/> or <paramref name="plural"/> is null or empty.</exception>
    public ResourceType(string group, string version, string kind, string plural)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(plural);
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
    }

    /// <summary>The API group (<c>example.com</c>, <c>apps</c>); empty for the core group.</summary>
    public string Group { get; }

    /// <summary>The version (<c>v1</c>, <c>v1alpha1</c>).</summary>
    public string Version { get; }

    /// <summary>The kind (<c>Website</c>).</summary>
    public string Kind { get; }

    /// <summary>The plural resource name used in URLs (<c>websites</c>).</summary>
    public string Plural { get; }

    /// <summary>The singular resource name (<c>website</c>), when declared.</summary>
    public string? Singular { get; init; }

    /// <summary>Whether objects of the kind live in a namespace (otherwise the kind is cluster-scoped). True by default.</summary>
    public bool Namespaced { get; init; } = true;

    /// <summary>The subresources the kind has.</summary>
    public ResourceSubresources Subresources { get; init; }

    /// <summary>The API version objects of the kind carry: <c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
