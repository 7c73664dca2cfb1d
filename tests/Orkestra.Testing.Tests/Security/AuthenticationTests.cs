using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace Orkestra.Testing.Tests.Security;

/// <summary>
/// HTTPS with a CA made for the server, and authentication by bearer token or client certificate: the real kubectl
/// works with the kubeconfig the server writes, and requests without valid credentials get 401.
/// </summary>
public class AuthenticationTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: websites.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: websites, singular: website, kind: Website}
          versions:
          - name: v1
            served: true
            storage: true
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """;

    [Theory(Timeout = 90_000)]
    [InlineData(false, null, false)]
    [InlineData(true, "s3cr3t-token", false)]
    [InlineData(true, null, true)]
    public async Task Kubectl_works_with_the_kubeconfigs_credentials_and_a_wrong_token_is_unauthorized(bool https, string? token, bool clientCertificates)
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = https, Token = token, ClientCertificates = clientCertificates });
        using var kubectl = await Support.Kubectl.ForAsync(server);
        Assert.Equal(https ? "https" : "http", server.Url.Scheme);

        Assert.Contains("namespace/default", await kubectl.SucceedAsync("get namespaces -o name"), StringComparison.Ordinal);
        await kubectl.SucceedAsync("apply -f -", Crd);
        await kubectl.SucceedAsync("wait --for condition=established crd/websites.example.com --timeout=20s");
        Assert.Contains("created", await kubectl.SucceedAsync("apply -f -", "apiVersion: example.com/v1\nkind: Website\nmetadata: {name: site}\nspec: {image: nginx}\n"), StringComparison.Ordinal);

        if (token is not null)
        {
            var wrong = await kubectl.RunAsync("get namespaces --token=wrong");
            Assert.NotEqual(0, wrong.ExitCode);
            Assert.Contains("Unauthorized", wrong.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_credentials_a_request_is_401_but_version_and_health_stay_open()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true, Token = "t" });
        using var http = Client(server, certificate: null);

        var denied = await http.GetAsync("api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Contains("\"reason\":\"Unauthorized\"", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_client_certificate_of_the_servers_ca_authenticates_and_one_of_another_ca_does_not()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { Https = true, ClientCertificates = true });
        var (certificatePem, keyPem) = server.IssueClientCertificate("jane", "dev");
        using var mine = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        using var other = Orkestra.Testing.Security.CertificateAuthority.Create("other");
        using var foreign = other.IssueClientCertificate("jane", []);

        using (var http = Client(server, mine))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/namespaces")).StatusCode);
        }

        using (var http = Client(server, foreign))
        {
            // The TLS handshake refuses a certificate the CA did not issue, or the request is 401: either way, no access.
            var refused = await Record.ExceptionAsync(async () => Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/v1/namespaces")).StatusCode));
            Assert.True(refused is null or HttpRequestException, refused?.ToString());
        }

    }

    [Fact]
    public async Task Client_certificates_need_https()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => KubeApiServer.StartAsync(new KubeApiServerOptions { ClientCertificates = true }));
        await using var plain = await KubeApiServer.StartAsync();
        Assert.Throws<InvalidOperationException>(() => plain.IssueClientCertificate("jane"));
        Assert.Null(plain.CertificateAuthorityPem);
    }

    // An HttpClient that trusts the server's CA only (and offers a client certificate when given one).
    private static HttpClient Client(KubeApiServer server, X509Certificate2? certificate)
    {
        using var authority = X509Certificate2.CreateFromPem(server.CertificateAuthorityPem!);
        var trusted = X509CertificateLoader.LoadCertificate(authority.RawData);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return presented is X509Certificate2 leaf && chain.Build(leaf);
        };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler) { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(20) };
    }
}
