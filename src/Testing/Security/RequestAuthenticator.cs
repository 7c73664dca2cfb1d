using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Orkestra.Testing.Security;

/// <summary>
/// Who may call the server when authentication is on: a request with the configured bearer token, or with a client
/// certificate the server's CA issued. As in a cluster with its default roles, <c>/version</c> and the health paths
/// stay open to anonymous callers; everything else answers 401.
/// </summary>
internal sealed class RequestAuthenticator(string? token, CertificateAuthority? clientAuthority)
{
    private static readonly string[] PublicPaths = ["/version", "/healthz", "/livez", "/readyz"];
    private readonly byte[]? _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    /// <summary>Whether <paramref name="path"/> is <c>/version</c> or a health path, open to anyone and never failed by injected faults.</summary>
    public static bool IsPublic(PathString path) => PublicPaths.Contains(path.Value, StringComparer.Ordinal);

    /// <summary>Whether requests must authenticate at all.</summary>
    public bool Enabled => _token is not null || clientAuthority is not null;

    /// <summary>Whether <paramref name="context"/>'s request may proceed.</summary>
    public bool Allows(HttpContext context)
    {
        if (!Enabled || IsPublic(context.Request.Path))
        {
            return true;
        }

        if (_token is not null
            && context.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), _token))
        {
            return true;
        }

        return clientAuthority is not null
            && context.Connection.ClientCertificate is { } certificate
            && clientAuthority.Issued(certificate);
    }
}
