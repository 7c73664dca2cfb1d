namespace Orkestra.Kubernetes.Configuration;

/// <summary>
/// How to reach one cluster as one user: what a kubeconfig context (or the in-cluster service account) resolves to.
/// File references are already resolved: certificates and keys are read, relative paths made absolute against the
/// kubeconfig's folder. A token file is kept as a path, to be read again as it rotates.
/// </summary>
/// <param name="Context">The context's name (<c>in-cluster</c> for the service account).</param>
/// <param name="Server">The API server's base address.</param>
/// <param name="Namespace">The context's namespace, or null (clients then use <c>default</c>).</param>
public sealed record ClusterConnection(string Context, Uri Server, string? Namespace)
{
    /// <summary>The cluster's CA certificates (PEM), or null to trust the system's roots.</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>Skip verifying the server's certificate (<c>insecure-skip-tls-verify</c>).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to verify the server's certificate against, when it is not the server's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>A bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding a bearer token, read again when it changes (service-account tokens rotate).</summary>
    public string? TokenFile { get; init; }

    /// <summary>The client certificate (PEM).</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>The client certificate's private key (PEM).</summary>
    public string? ClientKeyPem { get; init; }

    /// <summary>Basic authentication's user name.</summary>
    public string? Username { get; init; }

    /// <summary>Basic authentication's password.</summary>
    public string? Password { get; init; }

    /// <summary>An exec credential plugin that produces the credentials (EKS, GKE, AKS), or null.</summary>
    public ExecCredentialPlugin? Exec { get; init; }
}

/// <summary>An exec credential plugin (<c>users[].user.exec</c>): a command that prints an ExecCredential.</summary>
/// <param name="ApiVersion">The ExecCredential version it speaks (<c>client.authentication.k8s.io/v1</c>).</param>
/// <param name="Command">The command (made absolute against the kubeconfig's folder when it is a relative path with a slash).</param>
/// <param name="Args">Its arguments.</param>
/// <param name="Env">Extra environment variables.</param>
public sealed record ExecCredentialPlugin(string ApiVersion, string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env)
{
    /// <summary>What to tell a user whose machine lacks the command.</summary>
    public string? InstallHint { get; init; }

    /// <summary>Whether the plugin wants the cluster's details in <c>KUBERNETES_EXEC_INFO</c>.</summary>
    public bool ProvideClusterInfo { get; init; }
}

/// <summary>A kubeconfig that cannot be used: the message names the file, the line and column, and what to change.</summary>
public sealed class KubeConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public KubeConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public KubeConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
