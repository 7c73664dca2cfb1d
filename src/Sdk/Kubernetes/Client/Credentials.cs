using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Orkestra.Kubernetes.Configuration;

namespace Orkestra.Kubernetes.Client;

/// <summary>
/// The credentials a client presents: the <c>Authorization</c> header of each request (a bearer token, a token file
/// re-read when it changes, basic authentication, or an exec plugin's token cached until it expires) and the TLS client
/// certificate (static, or an exec plugin's). Thread-safe.
/// </summary>
internal sealed class Credentials : IDisposable
{
    // An exec credential is renewed this long before it expires.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(10);

    private readonly ClusterConnection _connection;
    private readonly SemaphoreSlim _execGate = new(1, 1);
    private readonly Lock _gate = new();
    private readonly X509Certificate2? _staticCertificate;
    private readonly TimeSpan _execTimeout;
    private (DateTime Modified, long Length, string Token)? _tokenFile;
    private ExecCredential? _exec;
    private X509Certificate2? _execCertificate;

    public Credentials(ClusterConnection connection, TimeSpan execTimeout)
    {
        _connection = connection;
        _execTimeout = execTimeout;
        if (connection.ClientCertificatePem is not null || connection.ClientKeyPem is not null)
        {
            if (connection.ClientCertificatePem is null || connection.ClientKeyPem is null)
            {
                throw new KubeConfigException($"context '{connection.Context}': the user has a client {(connection.ClientKeyPem is null ? "certificate but no key" : "key but no certificate")}; set both client-certificate(-data) and client-key(-data)");
            }

            _staticCertificate = LoadCertificate(connection.ClientCertificatePem, connection.ClientKeyPem, $"context '{connection.Context}'");
        }
    }

    /// <summary>Whether a 401 may be cured by fetching the credentials again (an exec plugin or a token file).</summary>
    public bool CanRefresh => _connection.Exec is not null || (_connection.Token is null && _connection.TokenFile is not null);

    /// <summary>The client certificate to present now, or null.</summary>
    public X509Certificate2? ClientCertificate
    {
        get
        {
            lock (_gate)
            {
                return _execCertificate ?? _staticCertificate;
            }
        }
    }

    /// <summary>The <c>Authorization</c> header for a request now, running the exec plugin when its credential is missing or expires.</summary>
    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_connection.Exec is { } plugin)
        {
            var credential = await GetExecCredentialAsync(plugin, cancellationToken).ConfigureAwait(false);
            return credential.Token is { } execToken ? new AuthenticationHeaderValue("Bearer", execToken) : null;
        }

        if (_connection.Token is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (_connection.TokenFile is { } tokenFile)
        {
            return new AuthenticationHeaderValue("Bearer", ReadTokenFile(tokenFile));
        }

        if (_connection.Username is { } user)
        {
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + _connection.Password)));
        }

        return null;
    }

    /// <summary>Forgets the cached exec credential and token file content, so the next request fetches them again (after a 401).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _exec = null;
            _tokenFile = null;
        }
    }

    public void Dispose()
    {
        _staticCertificate?.Dispose();
        _execCertificate?.Dispose();
        _execGate.Dispose();
    }

    private string ReadTokenFile(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            info.Refresh();
            lock (_gate)
            {
                if (_tokenFile is { } cached && cached.Modified == info.LastWriteTimeUtc && cached.Length == info.Length)
                {
                    return cached.Token;
                }
            }

            var token = File.ReadAllText(path).Trim();
            if (token.Length == 0)
            {
                throw new KubeConfigException($"context '{_connection.Context}': the token file {path} is empty");
            }

            lock (_gate)
            {
                _tokenFile = (info.LastWriteTimeUtc, info.Length, token);
            }

            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                // A rotation in progress: keep using the last token read, as client-go does.
                if (_tokenFile is { } cached)
                {
                    return cached.Token;
                }
            }

            throw new KubeConfigException($"context '{_connection.Context}': the token file {path} cannot be read: {ex.Message}", ex);
        }
    }

    private async ValueTask<ExecCredential> GetExecCredentialAsync(ExecCredentialPlugin plugin, CancellationToken cancellationToken)
    {
        if (Current() is { } fresh)
        {
            return fresh;
        }

        await _execGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Current() is { } renewed)
            {
                return renewed;
            }

            var credential = await ExecCredentialRunner.RunAsync(plugin, _connection, _execTimeout, cancellationToken).ConfigureAwait(false);
            var certificate = credential.ClientCertificatePem is { } pem
                ? LoadCertificate(pem, credential.ClientKeyPem!, $"the exec credential plugin '{plugin.Command}' of context '{_connection.Context}'")
                : null;
            lock (_gate)
            {
                _exec = credential;
                if (certificate is not null)
                {
                    // The previous certificate may still be in use by a handshake: it is left to the finalizer.
                    _execCertificate = certificate;
                }
            }

            return credential;
        }
        finally
        {
            _execGate.Release();
        }
    }

    private ExecCredential? Current()
    {
        lock (_gate)
        {
            return _exec is { } credential && (credential.Expires is not { } expires || DateTimeOffset.UtcNow < expires - RenewBefore) ? credential : null;
        }
    }

    private static X509Certificate2 LoadCertificate(string certificatePem, string keyPem, string owner)
    {
        try
        {
            using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);

            // Exported and re-imported so that the key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new KubeConfigException($"{owner}: the client certificate and key do not load ({ex.Message}); they must be PEM (CERTIFICATE and a PRIVATE KEY of the same pair)", ex);
        }
    }
}
