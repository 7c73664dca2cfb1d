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
}
