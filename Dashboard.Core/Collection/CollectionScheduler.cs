using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Collection;

/// <summary>
/// Runs every job's collects on its own interval. One dispatcher keeps the due times in a priority queue anchored to
/// each job's start (no drift); collects run on the thread pool through a bounded number of worker slots, each under
/// its timeout. A collect that ignores cancellation is abandoned so its worker is freed, and its job skips ticks until
/// it returns: one instance never runs twice at once, and no instance can stall another.
/// </summary>
public sealed partial class CollectionScheduler : IAsyncDisposable
{
    /// <summary>A collect starting at most this far from its due time is stamped with its due time.</summary>
    internal static readonly TimeSpan TimestampTolerance = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Ticks due within this window are dispatched together, and the dispatcher sleeps at least this long. Waits have
    /// a resolution of a millisecond, and waking for each tick at 10,000 ticks a second would spin; dispatching up to
    /// 2 ms early wakes the thread pool in batches, at most 500 times a second, and keeps lateness near zero. The
    /// lateness metric records an early start as 0.
    /// </summary>
    private static readonly TimeSpan DispatchWindow = TimeSpan.FromMilliseconds(2);

    private readonly TimeProvider _time;
    private readonly SampleChannel _output;
    private readonly CollectionOptions _options;
    private readonly CollectionMetrics _metrics;
    private readonly ILogger<CollectionScheduler> _logger;
    private readonly SemaphoreSlim _workers;
    private readonly ConcurrentQueue<CollectionJob> _added = new();
    private readonly ConcurrentQueue<CollectionJob> _retired = new();
    private int _inFlight;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private Task? _dispatcher;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="time">The clock (tests pass a fake one).</param>
    /// <param name="output">Where completed collects go.</param>
    /// <param name="options">Concurrency, limits, backoff.</param>
    /// <param name="metrics">Where lateness and durations are recorded.</param>
    /// <param name="logger">The logger.</param>
    public CollectionScheduler(TimeProvider time, SampleChannel output, IOptions<CollectionOptions> options,
        CollectionMetrics metrics, ILogger<CollectionScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _output = output;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _workers = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
    }

    /// <summary>Starts dispatching.</summary>
    public void Start() =>
        _dispatcher ??= Task.Factory.StartNew(DispatchLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Schedules a job; its first collect comes within min(interval, 1 s), spread by its id.</summary>
    /// <param name="job">A job not yet scheduled.</param>
    public void Add(CollectionJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _added.Enqueue(job);
        _wake.Set();
    }

    /// <summary>Stops a job's schedule; its monitor is disposed once no collect of it is running.</summary>
    /// <param name="job">A scheduled job.</param>
    public void Retire(CollectionJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Retire())
        {
            _ = MonitorDisposal.DisposeAsync(job.Monitor, _logger);
        }

        // Dropped from the queue now, not at its next tick: until then it would keep an unloaded plugin alive.
        _retired.Enqueue(job);
        _wake.Set();
    }

    /// <summary>Stops dispatching and waits (a bounded time) for running collects.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _wake.Set();
        if (_dispatcher is not null)
        {
            await _dispatcher.ConfigureAwait(false);
        }

        // Running collects see the cancellation; give them a bounded time to return (a hung plugin delays the stop by
        // at most this long).
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref _inFlight) > 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }

        // _stopping and _wake are left undisposed: an abandoned collect may still return later, and neither holds
        // an OS resource.
    }

    // A dedicated thread: its wake-ups must not queue behind the collects on the thread pool.
    private void DispatchLoop()
    {
        var due = new PriorityQueue<CollectionJob, long>();
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            _wake.Reset();
            var now = _time.GetTimestamp();
            while (_added.TryDequeue(out var job))
            {
                due.Enqueue(job, now + FirstOffset(job));
            }

            while (_retired.TryDequeue(out var job))
            {
                due.Remove(job, out _, out _);
            }

            var horizon = now + ToTimestamp(DispatchWindow);
            while (due.TryPeek(out var job, out var at) && at <= horizon)
            {
                due.Dequeue();
                if (job.IsRetired)
                {
                    continue;
                }

                Dispatch(job, at, now);
                due.Enqueue(job, NextDue(job, at, now));
            }

            try
            {
                WaitForWake(due.TryPeek(out _, out var next) ? _time.GetElapsedTime(now, next - ToTimestamp(DispatchWindow)) : null, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    // Sleeps until the next tick is near or a job is added or retired. With the system clock it waits on the event
    // itself (a futex, precise to well under a millisecond); a test's clock wakes it through one of its timers.
    private void WaitForWake(TimeSpan? delay, CancellationToken token)
    {
        // Whole milliseconds, rounded up (a shorter wait returns at once), and at least the dispatch window, so a busy
        // schedule wakes the thread pool in batches rather than for every tick.
        var wait = delay is { } d
            ? TimeSpan.FromMilliseconds(Math.Max(DispatchWindow.TotalMilliseconds, Math.Ceiling(d.TotalMilliseconds)))
            : Timeout.InfiniteTimeSpan;
        if (_time == TimeProvider.System)
        {
            _wake.Wait(wait, token);
            return;
        }

        using var timer = _time.CreateTimer(static state => ((ManualResetEventSlim)state!).Set(), _wake, wait, Timeout.InfiniteTimeSpan);
        _wake.Wait(token);
    }

    private long FirstOffset(CollectionJob job)
    {
        var window = Math.Min(job.Settings.Interval.Ticks, TimeSpan.TicksPerSecond);
        var spread = (uint)StableHash(job.InstanceId) % (ulong)Math.Max(window, 1);
        return ToTimestamp(TimeSpan.FromTicks((long)spread));
    }

    private long NextDue(CollectionJob job, long at, long now)
    {
        var interval = ToTimestamp(job.Settings.Interval);
        var next = at + interval;
        if (next <= now)
        {
            // Fell behind (a paused process, an overloaded machine): skip the missed ticks rather than burst.
            next += ((now - next) / interval + 1) * interval;
        }

        return next;
    }

    private void Dispatch(CollectionJob job, long at, long now)
    {
        if (!job.TryBeginRun(now))
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        _ = RunAsync(job, at);
    }

    // Never throws: every outcome of a collect is recorded on its job. A run ends (and its job may run again, or be
    // disposed if retired) only when the plugin's collect has returned, even if the host stopped waiting for it.
    private async Task RunAsync(CollectionJob job, long due)
    {
        Task? stillRunning = null;
        try
        {
            await _workers.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                // Retired while it waited for a worker (config change, removal, unload): its successor collects.
                stillRunning = job.IsRetired ? null : await CollectAsync(job, due).ConfigureAwait(false);
            }
            finally
            {
                _workers.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown while waiting for a worker.
        }

        if (stillRunning is null)
        {
            EndRun(job);
        }
        else
        {
            _ = stillRunning.ContinueWith(static (_, state) =>
            {
                var (scheduler, abandonedJob) = ((CollectionScheduler, CollectionJob))state!;
                scheduler.EndRun(abandonedJob);
            }, (this, job), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void EndRun(CollectionJob job)
    {
        if (job.EndRun())
        {
            _ = MonitorDisposal.DisposeAsync(job.Monitor, _logger);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    /// <returns>The plugin's collect if it was abandoned and is still running, else <see langword="null"/>.</returns>
    private async Task<Task?> CollectAsync(CollectionJob job, long due)
    {
        var started = _time.GetTimestamp();
        var lateness = _time.GetElapsedTime(due, started);
        _metrics.RecordLateness(lateness);

        // As Prometheus does for scrapes within 2 ms of schedule: a collect that starts on time (or a little early,
        // see DispatchWindow) is stamped with its due time, so a series' timestamps lie on an exact grid, which the
        // store encodes in about a bit each.
        var startedAt = _time.GetUtcNow();
        if (lateness.Duration() <= TimestampTolerance)
        {
            startedAt -= lateness;
        }

        var timeout = job.Settings.Timeout;
        using var timeoutCts = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutCts.Token, _stopping.Token);
        var writer = job.Writer;
        writer.Begin(startedAt);

        // Task.Run: a plugin that blocks synchronously inside CollectAsync must block a pool thread, not this one.
        var collect = Task.Run(() => job.Monitor.CollectAsync(writer, linked.Token).AsTask(), CancellationToken.None);

        // No timer of its own: this wait ends when the collect does, or when its timeout (or shutdown) fires.
        await collect.WaitAsync(linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var timedOut = !collect.IsCompleted && !_stopping.IsCancellationRequested;
        if (timedOut)
        {
            await collect.WaitAsync(_options.AbandonGrace, _time, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!collect.IsCompleted && !_stopping.IsCancellationRequested)
            {
                writer.Abandon();
                Fail(job, due, started, $"Collect timed out after {timeout.TotalMilliseconds:0} ms and ignored cancellation for " +
                    $"{_options.AbandonGrace.TotalMilliseconds:0} ms more; it was abandoned.", abandoned: true);
                return collect;
            }
        }

        if (_stopping.IsCancellationRequested)
        {
            writer.Abandon();
            return collect.IsCompleted ? null : collect;
        }

        if (timedOut || (collect.IsCanceled && timeoutCts.IsCancellationRequested))
        {
            writer.Discard();
            Fail(job, due, started, $"Collect timed out after {timeout.TotalMilliseconds:0} ms.", abandoned: false);
            return null;
        }

        if (!collect.IsCompletedSuccessfully)
        {
            writer.Discard();
            var error = collect.Exception?.InnerException ?? new OperationCanceledException("The collect cancelled itself.");
            Fail(job, due, started, $"{error.GetType().Name}: {error.Message}", abandoned: false);
            return null;
        }

        var batch = writer.Complete();
        var elapsed = _time.GetElapsedTime(started);
        job.RecordSuccess(startedAt, elapsed.TotalMilliseconds, batch.Count);
        _metrics.RecordCollect(job, elapsed, failed: false);
        if (job.IsRetired)
        {
            // Its successor (or nobody) owns the instance's values now.
            batch.Release();
        }
        else
        {
            _output.TryPublish(batch);
        }

        return null;
    }

    private void Fail(CollectionJob job, long due, long started, string error, bool abandoned)
    {
        var elapsed = _time.GetElapsedTime(started);
        var failures = job.RecordFailure(elapsed.TotalMilliseconds, error, abandoned);
        _metrics.RecordCollect(job, elapsed, failed: true);

        // Exponential backoff on the tick grid: after the n-th consecutive failure the next attempt comes
        // 2^(n-1) intervals after the failed tick, at most MaxBackoff later. In doubles: 2^(n-1) intervals can
        // exceed a TimeSpan. Half an interval early, so rounding never pushes the attempt past its tick.
        var interval = job.Settings.Interval;
        var backoffTicks = interval.Ticks * Math.Pow(2, failures - 1);
        var wait = backoffTicks < _options.MaxBackoff.Ticks ? TimeSpan.FromTicks((long)backoffTicks) : Max(_options.MaxBackoff, interval);
        job.BackOffUntil(due + ToTimestamp(wait - interval / 2));

        if (failures == 1 || abandoned)
        {
            LogCollectFailed(job.InstanceId, error);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static int StableHash(string value)
    {
        // FNV-1a: string.GetHashCode is randomised per process, and the spread should be stable across restarts.
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Collect of instance {InstanceId} failed: {Error}")]
    private partial void LogCollectFailed(string instanceId, string error);
}
