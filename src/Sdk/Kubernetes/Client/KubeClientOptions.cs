using System.Reflection;

namespace Orkestra.Kubernetes;

/// <summary>Settings of a <see cref="KubeClient"/>; the defaults follow controller-runtime's.</summary>
public sealed record KubeClientOptions
{
    /// <summary>The sustained requests per second of the client-side rate limiter; 0 or less for no limit.</summary>
    public double Qps { get; init; } = 50;

    /// <summary>How many requests may go at once above <see cref="Qps"/> (the token bucket's size).</summary>
    public int Burst { get; init; } = 100;

    /// <summary>How long one attempt of a request may take (not a watch stream, whose headers only it bounds).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a request is retried after a 429, a 500/502/503/504 or a transport error: reads, replaces, deletes and
    /// applies (idempotent) on all of them; creates and other patches only on 429 (the server did not process them).
    /// </summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>How long an exec credential plugin may run before it is stopped.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>User-Agent</c> of requests (<c>orkestra/0.1.0</c>).</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    private static string DefaultUserAgent { get; } =
        "orkestra/" + (typeof(KubeClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(KubeClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
}
