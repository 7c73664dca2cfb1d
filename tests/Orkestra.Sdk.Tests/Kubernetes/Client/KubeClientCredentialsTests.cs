using System.Net;
using System.Text.Json.Nodes;
using Orkestra.Kubernetes;
using Orkestra.Kubernetes.Configuration;
using Orkestra.Testing;
using static Orkestra.Sdk.Tests.Kubernetes.Client.ClientFixtures;

namespace Orkestra.Sdk.Tests.Kubernetes.Client;

/// <summary>
/// TLS trust and credentials against the embedded server's HTTPS modes: token, token file, client certificate (data and
/// files), exec plugins (token and certificate, caching, expiry, failures), CA as data and as file, insecure, in-cluster.
/// </summary>
public sealed class KubeClientCredentialsTests
{
    private const string ExecApiVersion = "client.authentication.k8s.io/v1";

    [Fact(Timeout = 20_000)]
    public async Task A_bearer_token_is_sent_and_a_wrong_one_is_401()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "s3cr3t" });
        using var kube = new KubeClient(Https(server) with { Token = "s3cr3t" });
        Assert.NotNull(await kube.GetAsync("v1", "Namespace", "default", null));

        using var wrong = new KubeClient(Https(server) with { Token = "wrong" });
        var refused = await Assert.ThrowsAsync<KubeForbiddenException>(() => wrong.GetAsync("v1", "Namespace", "default", null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("refused the credentials of context 'test'", refused.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_token_file_is_read_and_read_again_when_it_changes()
    {
        // The server accepts one token: the file first holds it, then a wrong one (refused: so the new content was
        // read, not a cached token), then the right one again (accepted).
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "rotating-1" });
        using var folder = Temp();
        var tokenFile = folder.File("token");
        await File.WriteAllTextAsync(tokenFile, "rotating-1\n");
        using var kube = new KubeClient(Https(server) with { TokenFile = tokenFile });
        Assert.NotNull(await kube.GetAsync("v1", "Namespace", "default", null));

        await File.WriteAllTextAsync(tokenFile, "revoked");
        File.SetLastWriteTimeUtc(tokenFile, DateTime.UtcNow.AddSeconds(1));
        await Assert.ThrowsAsync<KubeForbiddenException>(() => kube.GetAsync("v1", "Namespace", "default", null));

        await File.WriteAllTextAsync(tokenFile, "rotating-1");
        File.SetLastWriteTimeUtc(tokenFile, DateTime.UtcNow.AddSeconds(2));
        Assert.NotNull(await kube.GetAsync("v1", "Namespace", "default", null));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_client_certificate_from_pem_data_authenticates()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true });
        var (certificate, key) = server.IssueClientCertificate("jane", "system:masters");
        using var kube = new KubeClient(Https(server) with { ClientCertificatePem = certificate, ClientKeyPem = key });
        Assert.NotNull(await kube.CreateAsync(ConfigMap("by-jane")));

        using var anonymous = new KubeClient(Https(server));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<KubeForbiddenException>(() => anonymous.ListAsync("v1", "ConfigMap", null))).StatusCode);
    }

    [Fact(Timeout = 20_000)]
    public async Task Ca_and_client_certificate_files_named_by_a_kubeconfig_are_used()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true });
        using var folder = Temp();
        var (certificate, key) = server.IssueClientCertificate("jane", "system:masters");
        await File.WriteAllTextAsync(folder.File("ca.crt"), server.CertificateAuthorityPem);
        await File.WriteAllTextAsync(folder.File("jane.crt"), certificate);
        await File.WriteAllTextAsync(folder.File("jane.key"), key);
        await File.WriteAllTextAsync(folder.File("config"), $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "{{server.Url.GetLeftPart(UriPartial.Authority)}}", certificate-authority: ca.crt}
            users:
            - name: jane
              user: {client-certificate: jane.crt, client-key: jane.key}
            contexts:
            - name: files
              context: {cluster: c, user: jane, namespace: kube-public}
            current-context: files
            """);

        using var kube = KubeClient.Create(folder.File("config"));
        Assert.Equal(("files", "kube-public"), (kube.Connection.Context, kube.DefaultNamespace));
        var created = await kube.CreateAsync(ConfigMap("from-files"));
        Assert.Equal("kube-public", (string?)created["metadata"]!["namespace"]);
    }

    [Fact(Timeout = 20_000)]
    public async Task The_ca_as_kubeconfig_data_is_trusted_and_nothing_else_unless_insecure()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "t" });
        using var folder = Temp();
        await server.WriteKubeconfigAsync(folder.File("config"));
        using (var kube = KubeClient.Create(folder.File("config")))
        {
            Assert.Equal(KubeApiServer.ContextName, kube.Connection.Context);
            Assert.NotNull(await kube.GetAsync("v1", "Namespace", "default", null));
        }

        // Without the CA the system's roots do not trust the server; another CA does not either.
        var options = new KubeClientOptions { MaxRetries = 0 };
        using (var untrusted = new KubeClient(Https(server) with { CertificateAuthorityPem = null, Token = "t" }, options))
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => untrusted.GetAsync("v1", "Namespace", "default", null));
            Assert.Contains("certificate-authority", error.Message, StringComparison.Ordinal);
        }

        await using var other = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true });
        using (var wrongCa = new KubeClient(Https(server) with { CertificateAuthorityPem = other.CertificateAuthorityPem, Token = "t" }, options))
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => wrongCa.GetAsync("v1", "Namespace", "default", null));
            Assert.Contains("does not chain to the kubeconfig's certificate authority", error.Message, StringComparison.Ordinal);
        }

        using (var insecure = new KubeClient(Https(server) with { CertificateAuthorityPem = null, InsecureSkipTlsVerify = true, Token = "t" }))
        {
            Assert.NotNull(await insecure.GetAsync("v1", "Namespace", "default", null));
        }

        // tls-server-name: the certificate is checked against it (the server's is for localhost and 127.0.0.1).
        using (var named = new KubeClient(Https(server) with { TlsServerName = "localhost", Token = "t" }))
        {
            Assert.NotNull(await named.GetAsync("v1", "Namespace", "default", null));
        }

        using (var misnamed = new KubeClient(Https(server) with { TlsServerName = "api.example.com", Token = "t" }, options))
        {
            var error = await Assert.ThrowsAsync<HttpRequestException>(() => misnamed.GetAsync("v1", "Namespace", "default", null));
            Assert.Contains("api.example.com", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task An_exec_plugin_token_is_cached_renewed_when_expired_and_refetched_after_a_401()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "from-plugin" });
        using var folder = Temp();
        var counter = folder.File("runs");
        var info = folder.File("exec-info");
        var plugin = folder.Script("plugin.sh", $$$"""
            echo run >> "$COUNTER"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "{{{info}}}"
            printf '{"apiVersion":"{{{ExecApiVersion}}}","kind":"ExecCredential","status":{"token":"%s"%s}}' "$TOKEN" "$EXPIRY"
            """);
        ExecCredentialPlugin Plugin(string token, string expiry = "") =>
            new(ExecApiVersion, plugin, [], new Dictionary<string, string> { ["COUNTER"] = counter, ["TOKEN"] = token, ["EXPIRY"] = expiry }) { ProvideClusterInfo = true };

        using (var kube = new KubeClient(Https(server) with { Exec = Plugin("from-plugin") }))
        {
            await kube.GetAsync("v1", "Namespace", "default", null);
            await kube.ListAsync("v1", "ConfigMap", null);
            Assert.Single(await File.ReadAllLinesAsync(counter));
            var execInfo = JsonNode.Parse(await File.ReadAllTextAsync(info))!;
            Assert.Equal(("ExecCredential", false), ((string?)execInfo["kind"], (bool?)execInfo["spec"]!["interactive"]));
            Assert.Equal(server.Url.GetLeftPart(UriPartial.Authority), (string?)execInfo["spec"]!["cluster"]!["server"]);
            Assert.NotNull(execInfo["spec"]!["cluster"]!["certificate-authority-data"]);
        }

        File.Delete(counter);
        using (var expiring = new KubeClient(Https(server) with { Exec = Plugin("from-plugin", ",\"expirationTimestamp\":\"2001-01-01T00:00:00Z\"") }))
        {
            // An expired credential is fetched again for every request: discovery, then two reads.
            await expiring.GetAsync("v1", "Namespace", "default", null);
            await expiring.GetAsync("v1", "Namespace", "default", null);
            Assert.Equal(3, (await File.ReadAllLinesAsync(counter)).Length);
        }

        // A refused token is fetched again once: a plugin that keeps printing it fails after two runs.
        File.Delete(counter);
        using (var stale = new KubeClient(Https(server) with { Exec = Plugin("stale") }))
        {
            await Assert.ThrowsAsync<KubeForbiddenException>(() => stale.GetAsync("v1", "Namespace", "default", null));
            Assert.Equal(2, (await File.ReadAllLinesAsync(counter)).Length);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task An_exec_plugin_client_certificate_authenticates()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true });
        using var folder = Temp();
        var (certificate, key) = server.IssueClientCertificate("robot", "system:masters");
        var credential = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1beta1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = certificate, ["clientKeyData"] = key },
        };
        await File.WriteAllTextAsync(folder.File("credential.json"), credential.ToJsonString());
        var plugin = folder.Script("cert-plugin.sh", $"cat '{folder.File("credential.json")}'");

        using var kube = new KubeClient(Https(server) with { Exec = new ExecCredentialPlugin("client.authentication.k8s.io/v1beta1", plugin, [], new Dictionary<string, string>()) });
        Assert.NotNull(await kube.CreateAsync(ConfigMap("by-robot")));
    }

    [Fact(Timeout = 20_000)]
    public async Task A_failing_missing_or_hanging_exec_plugin_is_a_clear_error()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "t" });
        using var folder = Temp();
        var failing = folder.Script("failing.sh", "echo 'error: the SSO session expired, run aws sso login' >&2\nexit 3");
        using (var kube = new KubeClient(Https(server) with { Exec = new ExecCredentialPlugin(ExecApiVersion, failing, [], new Dictionary<string, string>()) }))
        {
            var error = await Assert.ThrowsAsync<KubeConfigException>(() => kube.GetAsync("v1", "Namespace", "default", null));
            Assert.Contains("exit code 3", error.Message, StringComparison.Ordinal);
            Assert.Contains("the SSO session expired", error.Message, StringComparison.Ordinal);
        }

        var missing = new ExecCredentialPlugin(ExecApiVersion, "orkestra-no-such-plugin", ["token"], new Dictionary<string, string>()) { InstallHint = "Install it with: brew install orkestra-plugin" };
        using (var kube = new KubeClient(Https(server) with { Exec = missing }))
        {
            var error = await Assert.ThrowsAsync<KubeConfigException>(() => kube.GetAsync("v1", "Namespace", "default", null));
            Assert.Contains("orkestra-no-such-plugin", error.Message, StringComparison.Ordinal);
            Assert.Contains("brew install orkestra-plugin", error.Message, StringComparison.Ordinal);
        }

        var hanging = folder.Script("hanging.sh", "sleep 30");
        using (var kube = new KubeClient(Https(server) with { Exec = new ExecCredentialPlugin(ExecApiVersion, hanging, [], new Dictionary<string, string>()) }, new KubeClientOptions { ExecTimeout = TimeSpan.FromMilliseconds(500) }))
        {
            var error = await Assert.ThrowsAsync<KubeConfigException>(() => kube.GetAsync("v1", "Namespace", "default", null));
            Assert.Contains("did not finish within 0.5 s", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 20_000)]
    public async Task In_cluster_configuration_uses_the_service_account_folder_and_variables()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, Token = "sa-token" });
        using var folder = Temp();
        await File.WriteAllTextAsync(folder.File("token"), "sa-token");
        await File.WriteAllTextAsync(folder.File("ca.crt"), server.CertificateAuthorityPem);
        await File.WriteAllTextAsync(folder.File("namespace"), "kube-system");
        var variables = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1", ["KUBERNETES_SERVICE_PORT"] = server.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        Assert.True(InClusterConfig.IsAvailable(folder.Path, variables.GetValueOrDefault));
        var connection = InClusterConfig.Load(folder.Path, variables.GetValueOrDefault);
        Assert.Equal(("in-cluster", "kube-system", folder.File("token")), (connection.Context, connection.Namespace, connection.TokenFile));
        using var kube = new KubeClient(connection);
        Assert.Equal("kube-system", kube.DefaultNamespace);
        Assert.Equal("kube-system", (string?)(await kube.CreateAsync(ConfigMap("in-cluster")))["metadata"]!["namespace"]);

        var ipv6 = InClusterConfig.Load(folder.Path, name => name == "KUBERNETES_SERVICE_HOST" ? "fd00::1" : "443");
        Assert.Equal("https://[fd00::1]/", ipv6.Server.AbsoluteUri);

        Assert.False(InClusterConfig.IsAvailable(folder.Path, _ => null));
        var outside = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(folder.Path, _ => null));
        Assert.Contains("KUBERNETES_SERVICE_HOST", outside.Message, StringComparison.Ordinal);
        var noToken = Assert.Throws<KubeConfigException>(() => InClusterConfig.Load(folder.File("nowhere"), variables.GetValueOrDefault));
        Assert.Contains(Path.Combine(folder.File("nowhere"), "token"), noToken.Message, StringComparison.Ordinal);
    }

    // The server over HTTPS, its CA trusted, no credentials.
    private static ClusterConnection Https(KubeApiServer server) =>
        new("test", server.Url, "default") { CertificateAuthorityPem = server.CertificateAuthorityPem };
}
