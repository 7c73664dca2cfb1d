using Microsoft.Extensions.Logging;
using Orkestra.Kubernetes;

namespace Orkestra.Hooks;

/// <summary>What <see cref="INotFoundHook"/> gets: which CR is gone, the client and a logger.</summary>
/// <param name="Namespace">The CR's namespace; null for a cluster-scoped CRD.</param>
/// <param name="Name">The CR's name.</param>
/// <param name="Client">The Kubernetes client.</param>
/// <param name="Logger">A logger whose scope names the CR.</param>
public sealed record NotFoundContext(string? Namespace, string Name, IKubeClient Client, ILogger Logger);
