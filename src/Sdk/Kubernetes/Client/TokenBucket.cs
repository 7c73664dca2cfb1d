using System.Diagnostics;

namespace Orkestra.Kubernetes.Client;

/// <summary>
/// client-go's client-side rate limiter: a token bucket holding up to <c>burst</c> tokens, refilled at <c>qps</c> per
/// second; each request takes one, waiting for it when the bucket is empty. Waiters reserve their token in order, so the
/// bucket is fair. Thread-safe.
/// </summary>
internal sealed class TokenBucket
{
    private readonly double _qps;
    private readonly double _burst;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _updated;

    public TokenBucket(double qps, int burst)
    {
        _qps = qps;
        _burst = Math.Max(1, burst);
        _tokens = _burst;
        _updated = Stopwatch.GetTimestamp();
    }

    /// <summary>Whether the bucket limits anything (a positive rate).</summary>
    public bool Enabled => _qps > 0;

    /// <summary>Takes a token, waiting until one is available.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return Task.CompletedTask;
        }

        TimeSpan wait;
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (Stopwatch.GetElapsedTime(_updated, now).TotalSeconds * _qps));
            _updated = now;
            _tokens -= 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }

        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, cancellationToken);
    }
}
