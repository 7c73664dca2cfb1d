using System.Security.Cryptography.X509Certificates;
using Orkestra.Testing.Security;

namespace Orkestra.Testing.Tests.Security;

/// <summary>The per-run CA signs a server certificate for loopback and client certificates naming a user and groups.</summary>
public class CertificateAuthorityTests
{
    [Fact]
    public void The_server_certificate_is_for_loopback_and_chains_to_the_ca()
    {
        using var ca = CertificateAuthority.Create("orkestra-dev-ca");
        using var server = ca.IssueServerCertificate();

        Assert.True(server.HasPrivateKey);
        Assert.True(ca.Issued(server));
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.True(server.MatchesHostname("127.0.0.1"));
    }

    [Fact]
    public void A_client_certificate_names_the_user_and_groups_and_another_cas_is_not_issued_by_it()
    {
        using var ca = CertificateAuthority.Create("orkestra-dev-ca");
        using var other = CertificateAuthority.Create("other-ca");
        using var client = ca.IssueClientCertificate("jane", ["system:masters", "dev"]);
        using var foreign = other.IssueClientCertificate("jane", []);

        Assert.True(ca.Issued(client));
        Assert.False(ca.Issued(foreign));
        Assert.Equal("jane", client.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        Assert.Contains("O=system:masters", client.Subject, StringComparison.Ordinal);
        Assert.Contains("O=dev", client.Subject, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", Pem.PrivateKey(client), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Pem.Certificate(client), StringComparison.Ordinal);
    }
}
