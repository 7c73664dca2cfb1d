using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orkestra.Kubernetes.Client;

namespace Orkestra.Kubernetes;

/// <summary>The request pipeline: rate limit, credentials, timeout, retries, errors as typed exceptions.</summary>
public sealed partial class KubeClient
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>When a failed request may be sent again.</summary>
    private enum Retry
    {
        /// <summary>On 429, 500, 502, 503, 504 and transport errors: the request is idempotent.</summary>
        Idempotent,

        /// <summary>Only on 429: the server did not process the request.</summary>
        TooManyRequestsOnly,
    }

    /// <summary>One request.</summary>
    /// <param name="Method">The HTTP method.</param>
    /// <param name="Path">The path and query, relative to the server's base address (no leading slash).</param>
    /// <param name="Description">What is asked, for messages (<c>PATCH apps/v1 Deployment default/web</c>).</param>
    /// <param name="Retry">When it may be sent again.</param>
    /// <param name="Body">The body (made again for each attempt), or null.</param>
    /// <param name="ContentType">The body's media type.</param>
    private sealed record Request(HttpMethod Method, string Path, string Description, Retry Retry, JsonNode? Body = null, string ContentType = "application/json");

    /// <summary>Sends a request and reads its JSON answer; null when it is 404 and <paramref name="notFoundIsNull"/>.</summary>
    private async Task<JsonObject?> SendAsync(Request request, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, stream: false, notFoundIsNull, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        // The body was read into the buffer within the request's timeout.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return body.Length == 0 ? [] : JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{request.Description}: the API server {ServerText} answered with something that is not a JSON object ({ex.Message})", ex);
        }
    }

    /// <summary>Opens a streamed response (a watch): the headers are read, the body is left to the caller.</summary>
    private async Task<HttpResponseMessage> OpenStreamAsync(Request request, CancellationToken cancellationToken) =>
        (await SendCoreAsync(request, stream: true, notFoundIsNull: false, cancellationToken).ConfigureAwait(false))!;

    private async Task<HttpResponseMessage?> SendCoreAsync(Request request, bool stream, bool notFoundIsNull, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var reauthenticated = false;
        for (var attempt = 0; ; attempt++)
        {
            await _bucket.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            HttpResponseMessage? response = null;
            TimeSpan? retryDelay = null;
            try
            {
                using var message = new HttpRequestMessage(request.Method, new Uri(_baseAddress + request.Path));
                if (_hostHeader is not null)
                {
                    message.Headers.Host = _hostHeader;
                }

                message.Headers.Authorization = await _credentials.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
                if (request.Body is not null)
                {
                    message.Content = new ByteArrayContent(JsonSerializerUtf8(request.Body));
                    message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
                }

                try
                {
                    response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        if (!stream)
                        {
                            await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
                        }

                        var done = response;
                        response = null;
                        return done;
                    }

                    if (response.StatusCode == HttpStatusCode.Unauthorized && !reauthenticated && _credentials.CanRefresh)
                    {
                        // The exec credential or the token file may have been renewed: fetch it again, once.
                        reauthenticated = true;
                        _credentials.Invalidate();
                        attempt--;
                        continue;
                    }

                    if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
                    {
                        return null;
                    }

                    var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                    var status = ApiStatusReader.Read(response.StatusCode, body, RetryAfterOf(response));
                    if (attempt < _options.MaxRetries && IsRetryable(response.StatusCode, request.Retry))
                    {
                        retryDelay = status.RetryAfter ?? Backoff(attempt);
                    }
                    else
                    {
                        if (status.Code == 401)
                        {
                            status = status with { Message = $"{status.Message} (the server {ServerText} refused the credentials of context '{Connection.Context}': check its user's token, client certificate or exec plugin)" };
                        }

                        throw KubeApiException.Create(status, request.Description);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                {
                    if (attempt < _options.MaxRetries && request.Retry == Retry.Idempotent)
                    {
                        retryDelay = Backoff(attempt);
                    }
                    else
                    {
                        throw new TimeoutException(
                            $"{request.Description}: the API server {ServerText} (context '{Connection.Context}') did not answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
                    }
                }
                catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var tls = ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException;
                    if (!tls && attempt < _options.MaxRetries && request.Retry == Retry.Idempotent)
                    {
                        retryDelay = Backoff(attempt);
                    }
                    else
                    {
                        throw TransportError(request, ex, tls);
                    }
                }
            }
            finally
            {
                response?.Dispose();
            }

            await Task.Delay(retryDelay!.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestException TransportError(Request request, HttpRequestException ex, bool tls)
    {
        var detail = ex.InnerException is { } inner && inner.Message != ex.Message ? ex.Message + " " + inner.Message : ex.Message;
        var hint = tls
            ? (Volatile.Read(ref _lastTlsProblem) is { } problem ? " " + problem : string.Empty)
                + " Check the cluster's certificate-authority(-data), tls-server-name and the client certificate in the kubeconfig."
            : " Is the server running and reachable from here?";
        return new HttpRequestException(
            ex.HttpRequestError,
            $"{request.Description}: cannot reach the API server {ServerText} (context '{Connection.Context}'): {detail}{hint}",
            ex,
            ex.StatusCode);
    }

    private static bool IsRetryable(HttpStatusCode code, Retry retry) => code switch
    {
        HttpStatusCode.TooManyRequests => true,
        HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => retry == Retry.Idempotent,
        _ => false,
    };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    // 100 ms doubling per attempt, at most 5 s, with up to 50% jitter.
    private static TimeSpan Backoff(int attempt)
    {
        var delay = FirstBackoff * Math.Pow(2, Math.Min(attempt, 16));
        if (delay > MaxBackoff)
        {
            delay = MaxBackoff;
        }

        return delay * (1 + (Random.Shared.NextDouble() * 0.5));
    }

    private static byte[] JsonSerializerUtf8(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    // The server's certificate: the connection's CA only when it has one (else the system's roots), its name, or nothing
    // at all with insecure-skip-tls-verify.
    private bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Connection.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            Volatile.Write(ref _lastTlsProblem, "The server presented no certificate.");
            return false;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            Volatile.Write(ref _lastTlsProblem, $"The server's certificate ({certificate.Subject}) is not valid for the name '{_hostHeader ?? Connection.Server.Host}'.");
            return false;
        }

        if (_roots is null)
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            Volatile.Write(ref _lastTlsProblem, $"The server's certificate ({certificate.Subject}) is not trusted by the system's roots and the kubeconfig gives no certificate-authority.");
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (custom.Build(leaf))
        {
            return true;
        }

        var reasons = string.Join(", ", custom.ChainStatus.Select(s => s.Status.ToString()).Distinct(StringComparer.Ordinal));
        Volatile.Write(ref _lastTlsProblem, $"The server's certificate ({certificate.Subject}) does not chain to the kubeconfig's certificate authority ({reasons}).");
        return false;
    }
}
