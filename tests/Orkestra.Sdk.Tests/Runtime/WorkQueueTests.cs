using System.Collections.Concurrent;
using System.Diagnostics;
using Orkestra.Runtime;

namespace Orkestra.Sdk.Tests.Runtime;

public class WorkQueueTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_key_added_twice_is_queued_once()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        Assert.Equal(2, queue.Count);

        Assert.Equal(("a", false), await queue.TakeAsync());
        Assert.Equal(("b", false), await queue.TakeAsync());
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_in_process_is_queued_again_only_when_done()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        var (key, _) = await queue.TakeAsync();

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.TakeAsync(cts.Token));
        }

        queue.Done(key);
        Assert.Equal(1, queue.Count);
        Assert.Equal(("a", false), await queue.TakeAsync());
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_waiting_taker_is_woken_by_an_add()
    {
        using var queue = new WorkQueue<string>();
        var take = queue.TakeAsync().AsTask();
        await Task.Delay(20);
        Assert.False(take.IsCompleted);

        queue.Add("a");
        Assert.Equal(("a", false), await take.WaitAsync(Long));
    }

    [Fact]
    public async Task A_cancelled_taker_does_not_swallow_a_key()
    {
        using var queue = new WorkQueue<string>();
        using var cts = new CancellationTokenSource();
        var cancelled = queue.TakeAsync(cts.Token).AsTask();
        var other = queue.TakeAsync().AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Long));

        queue.Add("a");
        Assert.Equal(("a", false), await other.WaitAsync(Long));
    }

    [Fact]
    public async Task A_cancelled_take_takes_no_key()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("a");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.TakeAsync(new CancellationToken(canceled: true)));
        Assert.Equal(1, queue.Count);
        Assert.Equal(("a", false), await queue.TakeAsync());
    }

    [Fact]
    public async Task AddAfter_adds_once_the_delay_has_passed_in_time_order()
    {
        using var queue = new WorkQueue<string>();
        var started = Stopwatch.StartNew();
        queue.AddAfter("late", TimeSpan.FromMilliseconds(160));
        queue.AddAfter("early", TimeSpan.FromMilliseconds(80));
        Assert.Equal(0, queue.Count);

        var first = await queue.TakeAsync().AsTask().WaitAsync(Long);
        var firstAt = started.Elapsed;
        var second = await queue.TakeAsync().AsTask().WaitAsync(Long);
        var secondAt = started.Elapsed;

        Assert.Equal("early", first.Key);
        Assert.Equal("late", second.Key);
        Assert.True(firstAt >= TimeSpan.FromMilliseconds(75), $"early came after {firstAt.TotalMilliseconds} ms");
        Assert.True(secondAt >= TimeSpan.FromMilliseconds(155), $"late came after {secondAt.TotalMilliseconds} ms");
        Assert.True(secondAt < TimeSpan.FromSeconds(3), $"late came after {secondAt.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AddAfter_of_a_waiting_key_keeps_the_earlier_time()
    {
        using var queue = new WorkQueue<string>();
        var started = Stopwatch.StartNew();
        queue.AddAfter("a", TimeSpan.FromMilliseconds(60));
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        Assert.Equal("a", (await queue.TakeAsync().AsTask().WaitAsync(Long)).Key);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));

        // A later-scheduled earlier time wins too; the key arrives once.
        queue.Done("a");
        started.Restart();
        queue.AddAfter("b", TimeSpan.FromSeconds(30));
        queue.AddAfter("b", TimeSpan.FromMilliseconds(60));
        Assert.Equal("b", (await queue.TakeAsync().AsTask().WaitAsync(Long)).Key);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(55));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
        queue.Done("b");
        await Task.Delay(100);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddAfter_without_a_positive_delay_adds_at_once()
    {
        using var queue = new WorkQueue<string>();
        queue.AddAfter("a", TimeSpan.Zero);
        queue.AddAfter("b", TimeSpan.FromSeconds(-1));
        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.TakeAsync()).Key);
    }

    [Fact]
    public void Per_key_backoff_doubles_up_to_the_maximum_and_Forget_resets_it()
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(60), Qps = 0 });
        var delays = Enumerable.Range(0, 6).Select(_ => queue.AddRateLimited("a")).ToList();
        Assert.Equal([5, 10, 20, 40, 60, 60], delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(6, queue.Failures("a"));

        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.AddRateLimited("b"));
        queue.Forget("a");
        Assert.Equal(0, queue.Failures("a"));
        Assert.Equal(1, queue.Failures("b"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.AddRateLimited("a"));
    }

    [Fact]
    public void Default_backoff_is_5ms_doubling_to_1000s()
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { Qps = 0 });
        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.AddRateLimited("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddRateLimited("a"));
        for (var i = 0; i < 30; i++)
        {
            queue.AddRateLimited("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), queue.AddRateLimited("a"));
    }

    [Fact]
    public void The_overall_bucket_delays_retries_beyond_the_burst()
    {
        using var queue = new WorkQueue<int>(new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(1), Qps = 1, Burst = 3 });
        var delays = Enumerable.Range(0, 5).Select(queue.AddRateLimited).ToList();

        // The burst goes with the per-key delay; then each retry waits for its token, one per second (less the time
        // the bucket refilled meanwhile: generous bounds for a loaded machine).
        Assert.All(delays.Take(3), d => Assert.Equal(TimeSpan.FromMilliseconds(1), d));
        Assert.InRange(delays[3].TotalMilliseconds, 700, 1000);
        Assert.InRange((delays[4] - delays[3]).TotalMilliseconds, 700, 1000);
        Assert.True(delays[4] <= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Rate_limited_keys_arrive_after_their_backoff()
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(40), Qps = 0 });
        queue.AddRateLimited("a");
        var started = Stopwatch.StartNew();
        queue.AddRateLimited("b");
        queue.AddRateLimited("b");
        Assert.Equal(0, queue.Count);
        Assert.Equal("a", (await queue.TakeAsync().AsTask().WaitAsync(Long)).Key);
        Assert.Equal("b", (await queue.TakeAsync().AsTask().WaitAsync(Long)).Key);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(35), $"b came after {started.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task ShutDown_wakes_every_waiter_and_drops_pending_keys()
    {
        var queue = new WorkQueue<string>();
        var waiters = Enumerable.Range(0, 3).Select(_ => queue.TakeAsync().AsTask()).ToList();
        queue.AddAfter("later", TimeSpan.FromMilliseconds(30));
        await Task.Delay(10);

        queue.ShutDown();
        foreach (var waiter in waiters)
        {
            Assert.True((await waiter.WaitAsync(Long)).ShutDown);
        }

        queue.Add("a");
        Assert.Equal(0, queue.Count);
        Assert.True((await queue.TakeAsync()).ShutDown);
        await Task.Delay(60);
        Assert.Equal(0, queue.Count);
        Assert.True(queue.IsShuttingDown);
    }

    [Fact]
    public async Task ShutDown_stops_handing_out_queued_keys_and_drain_waits_for_keys_in_process()
    {
        var queue = new WorkQueue<string>();
        queue.Add("a");
        queue.Add("b");
        var (key, _) = await queue.TakeAsync();
        queue.Add(key);

        var drain = queue.ShutDownWithDrainAsync();
        Assert.True((await queue.TakeAsync()).ShutDown);
        await Task.Delay(30);
        Assert.False(drain.IsCompleted);

        queue.Done(key);
        await drain.WaitAsync(Long);
        Assert.Equal(0, queue.Count);
        await queue.ShutDownWithDrainAsync().WaitAsync(Long);
    }

    [Fact]
    public async Task Concurrent_producers_and_workers_process_every_key_and_never_one_key_twice_at_once()
    {
        const int Keys = 50;
        const int Producers = 4;
        const int Adds = 2_000;
        using var queue = new WorkQueue<int>();
        var inProcess = new int[Keys];
        var lastAdd = new long[Keys];
        var processedAfterLastAdd = new ConcurrentDictionary<int, bool>();
        var overlaps = 0;
        var processed = 0;

        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var (key, shutDown) = await queue.TakeAsync();
                if (shutDown)
                {
                    return;
                }

                if (Interlocked.Increment(ref inProcess[key]) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                var seen = Interlocked.Read(ref lastAdd[key]);
                await Task.Yield();
                Interlocked.Increment(ref processed);
                if (seen == Adds)
                {
                    processedAfterLastAdd[key] = true;
                }

                Interlocked.Decrement(ref inProcess[key]);
                queue.Done(key);
            }
        })).ToList();

        var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = p; i < Adds * Keys; i += Producers)
            {
                var key = i % Keys;
                var round = (i / Keys) + 1;
                InterlockedMax(ref lastAdd[key], round);
                queue.Add(key);
            }
        })).ToList();
        await Task.WhenAll(producers).WaitAsync(Long);

        // Every key's last add is followed by a processing that saw it.
        var deadline = Stopwatch.StartNew();
        while (processedAfterLastAdd.Count < Keys && deadline.Elapsed < Long)
        {
            await Task.Delay(10);
        }

        await queue.ShutDownWithDrainAsync().WaitAsync(Long);
        await Task.WhenAll(workers).WaitAsync(Long);
        Assert.Equal(0, overlaps);
        Assert.Equal(Keys, processedAfterLastAdd.Count);
        Assert.True(processed >= Keys);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
