using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orkestra.Kubernetes.Configuration;

/// <summary>What an exec credential plugin printed: a bearer token, or a client certificate and key, and when they expire.</summary>
/// <param name="Token">The bearer token, or null.</param>
/// <param name="ClientCertificatePem">The client certificate (PEM), or null.</param>
/// <param name="ClientKeyPem">Its private key (PEM), or null.</param>
/// <param name="Expires">When the credential expires; null when it does not.</param>
internal sealed record ExecCredential(string? Token, string? ClientCertificatePem, string? ClientKeyPem, DateTimeOffset? Expires);

/// <summary>
/// Runs an exec credential plugin as kubectl does (<c>client.authentication.k8s.io/v1</c> and <c>v1beta1</c>): the
/// command with its arguments, the process environment plus the plugin's, and <c>KUBERNETES_EXEC_INFO</c> (with the
/// cluster when the plugin asks for it); stdin is not offered (the client is not interactive). Its stdout must be an
/// ExecCredential of the same apiVersion.
/// </summary>
internal static class ExecCredentialRunner
{
    /// <summary>How long a plugin may run before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<ExecCredential> RunAsync(ExecCredentialPlugin plugin, ClusterConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var what = $"the exec credential plugin '{plugin.Command}' of context '{connection.Context}'";
        var start = new ProcessStartInfo(plugin.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in plugin.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in plugin.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = ExecInfo(plugin, connection);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            var hint = plugin.InstallHint is { Length: > 0 } installHint ? " " + installHint.Trim() : " Install it or put it on the PATH.";
            throw new KubeConfigException($"{what} cannot be started: {ex.Message}.{hint}", ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new KubeConfigException(
                $"{what} did not finish within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was stopped; does it wait for input (a login prompt)? Run it by hand to see.");
        }

        var output = await stdout.ConfigureAwait(false);
        var errors = (await stderr.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            throw new KubeConfigException(
                $"{what} failed with exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}"
                + (errors.Length > 0 ? ": " + Truncate(errors) : " (it wrote nothing to stderr)")
                + (plugin.InstallHint is { Length: > 0 } hint ? " " + hint.Trim() : string.Empty));
        }

        return Parse(output, plugin, what);
    }

    internal static ExecCredential Parse(string output, ExecCredentialPlugin plugin, string what)
    {
        JsonObject credential;
        try
        {
            credential = JsonNode.Parse(output) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new KubeConfigException($"{what} printed no ExecCredential JSON ({ex.Message}): {Truncate(output.Trim())}", ex);
        }

        var kind = Text(credential, "kind");
        var apiVersion = Text(credential, "apiVersion");
        if (kind != "ExecCredential")
        {
            throw new KubeConfigException($"{what} printed a '{kind}', not an ExecCredential");
        }

        if (apiVersion != plugin.ApiVersion)
        {
            throw new KubeConfigException($"{what} printed an ExecCredential of apiVersion '{apiVersion}', but the kubeconfig says '{plugin.ApiVersion}'; set users[].user.exec.apiVersion to what the plugin speaks");
        }

        var status = credential["status"] as JsonObject
            ?? throw new KubeConfigException($"{what} printed an ExecCredential without status");
        var token = Text(status, "token");
        var certificate = Text(status, "clientCertificateData");
        var key = Text(status, "clientKeyData");
        if ((certificate is null) != (key is null))
        {
            throw new KubeConfigException($"{what} printed only one of status.clientCertificateData and status.clientKeyData; both are needed");
        }

        if (string.IsNullOrEmpty(token) && certificate is null)
        {
            throw new KubeConfigException($"{what} printed an ExecCredential with neither status.token nor status.clientCertificateData");
        }

        DateTimeOffset? expires = null;
        if (Text(status, "expirationTimestamp") is { } expiration)
        {
            expires = KubernetesTime.TryParse(expiration, out var parsed)
                ? parsed
                : throw new KubeConfigException($"{what} printed status.expirationTimestamp '{expiration}', which is not an RFC 3339 time");
        }

        return new ExecCredential(string.IsNullOrEmpty(token) ? null : token, certificate, key, expires);
    }

    // What kubectl puts in KUBERNETES_EXEC_INFO: the ExecCredential spec (interactive, and the cluster when asked for).
    private static string ExecInfo(ExecCredentialPlugin plugin, ClusterConnection connection)
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (plugin.ProvideClusterInfo)
        {
            var cluster = new JsonObject { ["server"] = connection.Server.AbsoluteUri.TrimEnd('/') };
            if (connection.TlsServerName is { } serverName)
            {
                cluster["tls-server-name"] = serverName;
            }

            if (connection.InsecureSkipTlsVerify)
            {
                cluster["insecure-skip-tls-verify"] = true;
            }

            if (connection.CertificateAuthorityPem is { } ca)
            {
                cluster["certificate-authority-data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(ca));
            }

            spec["cluster"] = cluster;
        }

        return new JsonObject { ["apiVersion"] = plugin.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec }.ToJsonString();
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000] + "…";
}
