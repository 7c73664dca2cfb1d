using System.Diagnostics;

namespace Orkestra.Runtime;

/// <summary>Settings of a <see cref="WorkQueue{TKey}"/>'s rate limiting (client-go's default controller rate limiter).</summary>
public sealed record WorkQueueOptions
{
    /// <summary>The first retry delay of a failing key; it doubles with every further failure.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest per-key retry delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>The overall token bucket's rate (retries per second over all keys); zero, negative or infinity disables it.</summary>
    public double Qps { get; init; } = 10;

    /// <summary>The overall token bucket's size: how many retries may go at once before <see cref="Qps"/> applies.</summary>
    public int Burst { get; init; } = 100;
}

/// <summary>
/// A rate-limiting, deduplicating work queue with client-go's semantics: a key is queued at most once; a key that is
/// added while a worker processes it (taken, not yet <see cref="Done"/>) is queued again when the worker calls
/// <see cref="Done"/>, so no key is ever processed by two workers at once. Keys can be added after a delay
/// (<see cref="AddAfter"/>) or after their per-key exponential backoff (<see cref="AddRateLimited"/>). Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key type (the runtime uses <c>namespace/name</c> strings).</typeparam>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    // Delays beyond a year are taken as a year; the timer re-arms in steps of at most ~49 days.
    private const double MaxDelaySeconds = 365 * 24 * 3600;
    private const long MaxTimerMilliseconds = 0xfffffffe;
    private readonly Lock _gate = new();
    private readonly WorkQueueOptions _options;
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new();
    private readonly Dictionary<TKey, int> _failures = [];
    private readonly PriorityQueue<TKey, long> _delayed = new();
    private readonly Dictionary<TKey, long> _readyAt = [];
    private readonly Timer _timer;
    private TaskCompletionSource? _drained;
    private double _tokens;
    private long _tokensAt;
    private bool _shuttingDown;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="options">Rate-limiting settings; the defaults when null.</param>
    public WorkQueue(WorkQueueOptions? options = null)
    {
        _options = options ?? new WorkQueueOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BaseDelay, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxDelay, _options.BaseDelay, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Burst, 1, nameof(options));
        _tokens = _options.Burst;
        _tokensAt = Stopwatch.GetTimestamp();
        _timer = new Timer(static state => ((WorkQueue<TKey>)state!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>How many keys are queued now, waiting for a worker (not those in process nor those delayed).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="key"/> unless it is queued already; a key in process is marked to be queued again when it
    /// is <see cref="Done"/>. Ignored once the queue is shut down.
    /// </summary>
    /// <param name="key">The key.</param>
    public void Add(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>
    /// Adds <paramref name="key"/> once <paramref name="delay"/> has passed (at once when it is not positive). When the
    /// key is already waiting to be added, the earlier time wins.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="delay">How long to wait.</param>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddAfterLocked(key, delay);
        }
    }

    /// <summary>
    /// Adds <paramref name="key"/> after its backoff: the per-key exponential delay (<see cref="WorkQueueOptions.BaseDelay"/>
    /// doubling with each failure up to <see cref="WorkQueueOptions.MaxDelay"/>) or the overall token bucket's delay,
    /// whichever is longer. Counts a failure of the key.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The delay applied.</returns>
    public TimeSpan AddRateLimited(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _failures.TryGetValue(key, out var failures);
            _failures[key] = failures + 1;
            var itemDelay = ItemDelay(failures);
            var bucketDelay = ReserveToken();
            var delay = itemDelay > bucketDelay ? itemDelay : bucketDelay;
            AddAfterLocked(key, delay);
            return delay;
        }
    }

    /// <summary>Resets the failure count of <paramref name="key"/> (call it when the key was processed successfully).</summary>
    /// <param name="key">The key.</param>
    public void Forget(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>How many times <paramref name="key"/> was added with <see cref="AddRateLimited"/> since it was last forgotten.</summary>
    /// <param name="key">The key.</param>
    public int Failures(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Waits for a key and marks it in process: the caller must call <see cref="Done"/> with it when finished. Returns
    /// <c>ShutDown = true</c> (and a default key) once the queue is shut down.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (an <see cref="OperationCanceledException"/>); no key is taken then.</param>
    public async ValueTask<(TKey Key, bool ShutDown)> TakeAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TaskCompletionSource<bool> waiter;
            LinkedListNode<TaskCompletionSource<bool>> node;
            lock (_gate)
            {
                if (_shuttingDown)
                {
                    return (default!, true);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    // A wake-up this call received goes to the next waiter.
                    WakeOneLocked();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (_queue.TryDequeue(out var key))
                {
                    _processing.Add(key);
                    _dirty.Remove(key);
                    return (key, false);
                }

                waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                node = _waiters.AddLast(waiter);
            }

            await using (cancellationToken.Register(() => CancelWaiter(node, cancellationToken)))
            {
                await waiter.Task.ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Marks <paramref name="key"/> as no longer in process; if it was added meanwhile, it is queued again now.
    /// </summary>
    /// <param name="key">A key <see cref="TakeAsync"/> returned.</param>
    public void Done(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_processing.Remove(key))
            {
                return;
            }

            if (_shuttingDown)
            {
                if (_processing.Count == 0)
                {
                    _drained?.TrySetResult();
                }
            }
            else if (_dirty.Contains(key))
            {
                Enqueue(key);
            }
        }
    }

    /// <summary>
    /// Shuts the queue down: no more keys are handed out (waiting and later <see cref="TakeAsync"/> calls return
    /// <c>ShutDown = true</c>), adds are ignored, queued and delayed keys are dropped. Keys in process stay so until
    /// <see cref="Done"/>.
    /// </summary>
    public void ShutDown()
    {
        List<TaskCompletionSource<bool>> waiters;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            _queue.Clear();
            _dirty.Clear();
            _delayed.Clear();
            _readyAt.Clear();
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(true);
        }
    }

    /// <summary>
    /// <see cref="ShutDown"/>, then waits until every key in process is <see cref="Done"/>: how a controller finishes its
    /// in-flight reconciles on shutdown.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the queue stays shut down).</param>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        ShutDown();
        Task drained;
        lock (_gate)
        {
            if (_processing.Count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
        }

        return drained.WaitAsync(cancellationToken);
    }

    /// <summary>Shuts the queue down (<see cref="ShutDown"/>).</summary>
    public void Dispose() => ShutDown();

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key) || _processing.Contains(key))
        {
            return;
        }

        Enqueue(key);
    }

    private void Enqueue(TKey key)
    {
        _queue.Enqueue(key);
        WakeOneLocked();
    }

    private void WakeOneLocked()
    {
        if (_queue.Count > 0 && _waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            first.Value.TrySetResult(true);
        }
    }

    private void AddAfterLocked(TKey key, TimeSpan delay)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            AddLocked(key);
            return;
        }

        var readyAt = Stopwatch.GetTimestamp() + (long)(Math.Min(delay.TotalSeconds, MaxDelaySeconds) * Stopwatch.Frequency);
        if (_readyAt.TryGetValue(key, out var pending) && pending <= readyAt)
        {
            return;
        }

        // A stale heap entry (the later time) stays in the heap and is skipped when it comes out.
        _readyAt[key] = readyAt;
        _delayed.Enqueue(key, readyAt);
        ScheduleLocked();
    }

    private void ScheduleLocked()
    {
        if (!_delayed.TryPeek(out _, out var next))
        {
            return;
        }

        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
        var milliseconds = wait <= TimeSpan.Zero ? 0 : Math.Clamp((long)Math.Ceiling(wait.TotalMilliseconds), 1, MaxTimerMilliseconds);
        _timer.Change(milliseconds, Timeout.Infinite);
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            while (_delayed.TryPeek(out var key, out var readyAt) && readyAt <= now)
            {
                _delayed.Dequeue();
                if (_readyAt.TryGetValue(key, out var current) && current == readyAt)
                {
                    _readyAt.Remove(key);
                    AddLocked(key);
                }
            }

            ScheduleLocked();
        }
    }

    private void CancelWaiter(LinkedListNode<TaskCompletionSource<bool>> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is null)
            {
                // Already woken: the waiter passes the wake-up on when it sees the cancellation.
                return;
            }

            _waiters.Remove(node);
        }

        node.Value.TrySetCanceled(cancellationToken);
    }

    // client-go's ItemExponentialFailureRateLimiter: base * 2^failures, capped.
    private TimeSpan ItemDelay(int failures)
    {
        var ticks = _options.BaseDelay.Ticks * Math.Pow(2, failures);
        return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    // client-go's BucketRateLimiter (golang.org/x/time/rate Reserve): take a token, going into debt when none is left.
    private TimeSpan ReserveToken()
    {
        var qps = _options.Qps;
        if (qps <= 0 || double.IsInfinity(qps) || double.IsNaN(qps))
        {
            return TimeSpan.Zero;
        }

        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(_options.Burst, _tokens + (Stopwatch.GetElapsedTime(_tokensAt, now).TotalSeconds * qps));
        _tokensAt = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / qps);
    }
}
