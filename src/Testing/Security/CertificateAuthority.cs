using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orkestra.Testing.Security;

/// <summary>
/// A certificate authority made for one server run: it signs the server's certificate (for 127.0.0.1 and localhost)
/// and client certificates whose subject is a Kubernetes user (CN) and its groups (O), as a cluster's CA does. Keys
/// are ECDSA P-256; nothing is written to disk or to a certificate store.
/// </summary>
internal sealed class CertificateAuthority : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM: what a kubeconfig's <c>certificate-authority-data</c> holds (base64 of it).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Creates a self-signed CA named <paramref name="name"/>.</summary>
    public static CertificateAuthority Create(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=" + name), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new CertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime));
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and localhost, with its private key.</summary>
    public X509Certificate2 IssueServerCertificate()
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        return Issue("CN=orkestra-dev-apiserver", names.Build(), new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") });
    }

    /// <summary>A client certificate for the Kubernetes user <paramref name="user"/> in <paramref name="groups"/>, with its private key.</summary>
    public X509Certificate2 IssueClientCertificate(string user, IEnumerable<string> groups)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var subject = new X500DistinguishedNameBuilder();
        foreach (var group in groups)
        {
            subject.AddOrganizationName(group);
        }

        subject.AddCommonName(user);
        return Issue(subject.Build().Name, extension: null, new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") });
    }

    /// <summary>Whether <paramref name="certificate"/> was issued by this CA and is valid now.</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span);
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(string subject, X509Extension? extension, OidCollection usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (extension is not null)
        {
            request.CertificateExtensions.Add(extension);
        }

        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F; // a positive serial number
        // Within the CA's own validity: a certificate may not outlive its issuer.
        var now = DateTimeOffset.UtcNow;
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        using var issued = request.Create(Certificate, now.AddMinutes(-5), now + Lifetime < caNotAfter ? now + Lifetime : caNotAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }
}

/// <summary>PEM text of a certificate and its private key, as kubeconfigs carry them.</summary>
internal static class Pem
{
    /// <summary>The certificate's PEM.</summary>
    public static string Certificate(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    /// <summary>The certificate's private key as PKCS#8 PEM.</summary>
    public static string PrivateKey(X509Certificate2 certificate) =>
        (certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the certificate has no ECDSA private key")).ExportPkcs8PrivateKeyPem();

    /// <summary>Base64 of the PEM text: the <c>*-data</c> fields of a kubeconfig.</summary>
    public static string Data(string pem) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
}
