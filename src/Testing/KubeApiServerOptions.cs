namespace Orkestra.Testing;

/// <summary>Settings of an embedded <see cref="KubeApiServer"/>.</summary>
public sealed class KubeApiServerOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>How many changes the watch history keeps; a watch from an older resourceVersion gets 410 Gone.</summary>
    public int WatchHistorySize { get; set; } = 10_000;

    /// <summary>How often a watch that allows bookmarks gets a BOOKMARK event.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Serve HTTPS instead of plain HTTP, with a certificate from a CA made for this server; the kubeconfig carries
    /// the CA (<c>certificate-authority-data</c>), so clients verify the server as they would a cluster's.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>
    /// A bearer token every request must carry (<c>Authorization: Bearer …</c>); the kubeconfig's user has it. Without
    /// a token or <see cref="ClientCertificates"/>, requests are not authenticated. kubectl sends a token only over
    /// HTTPS, so use it with <see cref="Https"/>.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// With <see cref="Https"/>: accept client certificates issued by the server's CA as authentication (the
    /// kubeconfig's user gets one, for the user <c>orkestra-dev</c> in the group <c>system:masters</c>;
    /// <see cref="KubeApiServer.IssueClientCertificate"/> makes more).
    /// </summary>
    public bool ClientCertificates { get; set; }
}
