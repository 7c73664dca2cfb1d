using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Orkestra.Kubernetes.Configuration;

/// <summary>
/// The connection of a process running in a Pod, as client-go's <c>rest.InClusterConfig</c> builds it: the API server
/// from <c>KUBERNETES_SERVICE_HOST</c> and <c>KUBERNETES_SERVICE_PORT</c>, and the service account's token (kept as a
/// file, re-read as the kubelet rotates it), CA and namespace from its mounted secret.
/// </summary>
public static class InClusterConfig
{
    /// <summary>Where the kubelet mounts the service account's token, CA and namespace.</summary>
    public const string DefaultRoot = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The context name of an in-cluster <see cref="ClusterConnection"/>.</summary>
    public const string ContextName = "in-cluster";

    /// <summary>
    /// Whether the process runs in a cluster: both service variables are set and the token file exists.
    /// </summary>
    /// <param name="root">The service account's folder.</param>
    /// <param name="environment">Reads an environment variable; the process environment when null.</param>
    public static bool IsAvailable(string root = DefaultRoot, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
            && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"))
            && File.Exists(Path.Combine(root, "token"));
    }

    /// <summary>The in-cluster connection.</summary>
    /// <param name="root">The service account's folder (<c>token</c>, <c>ca.crt</c>, <c>namespace</c>).</param>
    /// <param name="environment">Reads an environment variable; the process environment when null.</param>
    /// <exception cref="KubeConfigException">A variable or the token file is missing, or the CA cannot be read.</exception>
    public static ClusterConnection Load(string root = DefaultRoot, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            var missing = string.IsNullOrEmpty(host) ? "KUBERNETES_SERVICE_HOST" : "KUBERNETES_SERVICE_PORT";
            throw new KubeConfigException(
                $"in-cluster configuration: the environment variable {missing} is not set; the process does not run in a Kubernetes Pod (use a kubeconfig: --kubeconfig or KUBECONFIG)");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new KubeConfigException($"in-cluster configuration: KUBERNETES_SERVICE_PORT '{port}' is not a port number");
        }

        var tokenFile = Path.GetFullPath(Path.Combine(root, "token"));
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException(
                $"in-cluster configuration: the service account token {tokenFile} does not exist; mount the service account token (automountServiceAccountToken: true) or use a kubeconfig");
        }

        var hostPart = IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + host + "]" : host;
        if (!Uri.TryCreate("https://" + hostPart + ":" + portNumber.ToString(CultureInfo.InvariantCulture) + "/", UriKind.Absolute, out var server))
        {
            throw new KubeConfigException($"in-cluster configuration: KUBERNETES_SERVICE_HOST '{host}' is not a host name or address");
        }

        var caFile = Path.Combine(root, "ca.crt");
        string? ca = null;
        if (File.Exists(caFile))
        {
            try
            {
                ca = File.ReadAllText(caFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubeConfigException($"in-cluster configuration: the cluster CA {caFile} cannot be read: {ex.Message}", ex);
            }
        }

        var namespaceFile = Path.Combine(root, "namespace");
        string? ns = null;
        if (File.Exists(namespaceFile))
        {
            try
            {
                ns = File.ReadAllText(namespaceFile).Trim() is { Length: > 0 } text ? text : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubeConfigException($"in-cluster configuration: the namespace file {namespaceFile} cannot be read: {ex.Message}", ex);
            }
        }

        return new ClusterConnection(ContextName, server, ns)
        {
            CertificateAuthorityPem = ca,
            TokenFile = tokenFile,
        };
    }
}
