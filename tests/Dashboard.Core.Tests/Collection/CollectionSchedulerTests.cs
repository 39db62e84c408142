using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Collection;

public sealed class CollectionSchedulerTests : IAsyncDisposable
{
    // Generous: the bound only stops a broken test; a loaded CI machine may run the thread pool late.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
    private readonly TestMeterFactory _meters = new();
    private readonly CollectionOptions _options = new() { MaxConcurrency = 8, AbandonGrace = TimeSpan.FromSeconds(1) };
    private SampleChannel _channel = new(1000);
    private CollectionScheduler? _scheduler;

    public async ValueTask DisposeAsync()
    {
        if (_scheduler is not null)
        {
            await _scheduler.DisposeAsync();
        }

        _meters.Dispose();
    }

    [Fact]
    public async Task Collects_stay_on_the_interval_grid_however_long_each_takes()
    {
        var monitor = Monitor((_, _) =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(300)); // the collect's own work takes 300 ms
            return Task.CompletedTask;
        });
        var job = Start(monitor, intervalMs: 1000);

        await AdvanceUntilAsync(() => monitor.Starts.Count == 10, TimeSpan.FromMilliseconds(100));

        // With drift every start would slip by the 300 ms of work, 2.7 s by the last. On the grid the k-th start stays
        // k seconds after the first; a start may still be late by one collect's work when the thread pool ran that
        // collect after this test had already moved the clock on, but the lateness never accumulates.
        var starts = monitor.Starts.ToArray();
        Assert.All(starts.Select((start, k) => start - starts[0] - TimeSpan.FromSeconds(k)),
            deviation => Assert.InRange(deviation, TimeSpan.FromMilliseconds(-150), TimeSpan.FromMilliseconds(450)));
        Assert.Equal(10, job.GetStatus().Collects);
    }

    [Fact]
    public async Task Collects_starting_within_the_tolerance_are_stamped_with_their_due_time()
    {
        var monitor = Monitor((writer, _) =>
        {
            writer.Gauge("g", 1);
            return Task.CompletedTask;
        });
        Start(monitor, intervalMs: 100);

        // The clock moves 3 ms at a time, so a collect starts 0–3 ms from its due time (more if the thread pool is
        // slow to run it): within the 2 ms tolerance for most. Starts fall on multiples of 3 ms, so two consecutive
        // stamps exactly 100 ms apart can only come from stamping with the due time.
        var stamps = new List<DateTimeOffset>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (stamps.Count < 8 && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMilliseconds(3));
            await Task.Delay(15);
            while (_channel.Reader.TryRead(out var batch))
            {
                stamps.Add(batch.CollectedAt);
                batch.Release();
            }
        }

        var gaps = stamps.Zip(stamps.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        Assert.True(gaps.Count >= 7, $"only {stamps.Count} collects");
        Assert.True(gaps.Count(gap => gap == 100) >= 3, $"gaps: {string.Join(", ", gaps)}");
    }

    [Fact]
    public async Task A_collect_that_honours_cancellation_fails_at_its_timeout()
    {
        var monitor = Monitor((_, token) => Task.Delay(Timeout.Infinite, token));
        var job = Start(monitor, intervalMs: 10_000, timeoutMs: 500);

        await AdvanceUntilAsync(() => job.GetStatus().Failures == 1, TimeSpan.FromMilliseconds(100));

        var status = job.GetStatus();
        Assert.Equal("Collect timed out after 500 ms.", status.LastError);
        Assert.Equal(1, status.ConsecutiveFailures);
        Assert.False(_channel.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_collect_that_ignores_cancellation_is_abandoned_and_the_others_keep_collecting()
    {
        var release = new TaskCompletionSource();
        var hanging = Monitor((_, _) => release.Task);
        var healthy = Monitor((writer, _) =>
        {
            writer.Gauge("ok", 1);
            return Task.CompletedTask;
        });
        var hangingJob = Start(hanging, intervalMs: 1000, timeoutMs: 500, id: "hanging");
        var healthyJob = Start(healthy, intervalMs: 1000, id: "healthy");

        await AdvanceUntilAsync(() => hangingJob.GetStatus().Failures == 1, TimeSpan.FromMilliseconds(100));
        var abandoned = hangingJob.GetStatus();
        Assert.Contains("ignored cancellation", abandoned.LastError, StringComparison.Ordinal);
        Assert.Contains("still running; ticks are skipped", abandoned.LastError, StringComparison.Ordinal);

        var healthyBefore = healthy.Starts.Count;
        await AdvanceUntilAsync(() => healthy.Starts.Count >= healthyBefore + 5, TimeSpan.FromMilliseconds(250));
        Assert.Single(hanging.Starts);
        Assert.True(hangingJob.GetStatus().Skipped >= 3);

        release.SetResult();
        await AdvanceUntilAsync(() => hanging.Starts.Count == 2, TimeSpan.FromMilliseconds(250));
        Assert.Equal(1, hanging.MaxRunning);
        Assert.Equal(0, healthyJob.GetStatus().Failures);
    }

    [Fact]
    public async Task Consecutive_failures_back_off_exponentially_on_the_tick_grid()
    {
        var monitor = Monitor((_, _) => throw new InvalidOperationException("boom"));
        var job = Start(monitor, intervalMs: 1000);

        await AdvanceUntilAsync(() => monitor.Starts.Count == 5, TimeSpan.FromMilliseconds(250));

        var starts = monitor.Starts.ToArray();
        Assert.Equal(
            [1, 2, 4, 8],
            starts.Zip(starts.Skip(1)).Select(pair => (int)Math.Round((pair.Second - pair.First).TotalSeconds)));
        Assert.Equal("InvalidOperationException: boom", job.GetStatus().LastError);
        Assert.Equal(5, job.GetStatus().ConsecutiveFailures);
    }

    [Fact]
    public async Task A_wrongly_declared_metrics_class_fails_the_collect_with_the_class_and_member_named()
    {
        var monitor = Monitor((writer, _) =>
        {
            writer.Gauge("written_before", 1);
            writer.Write(new GaugeNamedLikeACounter());
            return Task.CompletedTask;
        });
        var job = Start(monitor, intervalMs: 1000);

        await AdvanceUntilAsync(() => job.GetStatus().Failures == 1, TimeSpan.FromMilliseconds(250));

        Assert.Equal(
            $"MetricDeclarationException: Metrics class {typeof(GaugeNamedLikeACounter).FullName} is declared wrongly: " +
            "GaugeNamedLikeACounter.Jobs: gauge 'jobs_total' must not end in _total (set Kind = MetricKind.Counter if it only goes up).",
            job.GetStatus().LastError);
        Assert.False(_channel.Reader.TryRead(out _));
    }

    [Fact]
    public async Task One_instance_never_runs_twice_at_once_and_overruns_are_counted()
    {
        var monitor = Monitor((_, token) => Task.Delay(TimeSpan.FromMilliseconds(3500), _time, token));
        var job = Start(monitor, intervalMs: 1000, timeoutMs: 10_000);

        await AdvanceUntilAsync(() => monitor.Starts.Count == 3, TimeSpan.FromMilliseconds(250));

        Assert.Equal(1, monitor.MaxRunning);
        Assert.True(job.GetStatus().Skipped >= 4, $"skipped {job.GetStatus().Skipped}");
    }

    [Fact]
    public async Task Concurrency_is_bounded_across_instances()
    {
        _options.MaxConcurrency = 2;
        var release = new TaskCompletionSource();
        var running = 0;
        var maxRunning = 0;
        var monitors = Enumerable.Range(0, 5).Select(i => Monitor(async (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (_options)
            {
                maxRunning = Math.Max(maxRunning, now);
            }

            await release.Task;
            Interlocked.Decrement(ref running);
        })).ToList();
        for (var i = 0; i < monitors.Count; i++)
        {
            Start(monitors[i], intervalMs: 60_000, timeoutMs: 600_000, id: $"m{i}");
        }

        await AdvanceUntilAsync(() => Volatile.Read(ref running) == 2, TimeSpan.FromMilliseconds(250));
        await Task.Delay(100);
        Assert.Equal(2, Volatile.Read(ref running));

        release.SetResult();
        await Eventually.TrueAsync(() => monitors.All(m => m.Starts.Count == 1), Bound, "every instance ran once");
        Assert.Equal(2, maxRunning);
    }

    [Fact]
    public async Task When_consumers_fall_behind_batches_are_dropped_and_counted_not_waited_for()
    {
        _channel = new SampleChannel(capacity: 1);
        var monitor = Monitor((writer, _) =>
        {
            writer.Gauge("x", 1);
            return Task.CompletedTask;
        });
        var job = Start(monitor, intervalMs: 1000);

        await AdvanceUntilAsync(() => job.GetStatus().Collects == 3, TimeSpan.FromMilliseconds(250));

        await Eventually.TrueAsync(() => _channel.DroppedBatches == 2, Bound, "two batches dropped");
        Assert.Equal(2, _channel.DroppedSamples);
    }

    [Fact]
    public async Task A_retired_job_stops_and_its_monitor_is_disposed()
    {
        var monitor = Monitor((_, _) => Task.CompletedTask);
        var job = Start(monitor, intervalMs: 1000);
        await AdvanceUntilAsync(() => monitor.Starts.Count == 1, TimeSpan.FromMilliseconds(250));

        _scheduler!.Retire(job);
        await Eventually.TrueAsync(() => monitor.Disposed, Bound, "the monitor is disposed");
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }

        Assert.Single(monitor.Starts);
    }

    [Fact]
    public async Task At_shutdown_a_monitor_is_disposed_only_after_its_running_collect_returned()
    {
        var returned = false;
        ScriptedMonitor? monitor = null;
        var disposedBeforeReturn = false;
        monitor = Monitor(async (_, token) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                await Task.Delay(50, CancellationToken.None); // winding down after the cancellation
                disposedBeforeReturn = monitor!.Disposed;
                returned = true;
            }
        });
        var job = Start(monitor, intervalMs: 1000, timeoutMs: 60_000);
        await AdvanceUntilAsync(() => monitor.Starts.Count == 1, TimeSpan.FromMilliseconds(250));

        _scheduler!.Retire(job);
        await _scheduler.DisposeAsync();

        Assert.True(returned);
        Assert.False(disposedBeforeReturn);
        await Eventually.TrueAsync(() => monitor.Disposed, Bound, "the monitor is disposed after its collect returned");
    }

    private ScriptedMonitor Monitor(Func<ISampleWriter, CancellationToken, Task> collect) => new(_time, collect);

    private CollectionJob Start(ScriptedMonitor monitor, int intervalMs, int timeoutMs = 5000, string id = "i1")
    {
        _scheduler ??= new CollectionScheduler(_time, _channel, Options.Create(_options), new CollectionMetrics(_meters),
            NullLogger<CollectionScheduler>.Instance);
        var settings = new MonitorSettings(id, new Dictionary<string, string>(), JsonDocument.Parse("{}").RootElement,
            TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(timeoutMs));
        var job = new CollectionJob(monitor, settings, 1000);
        _scheduler.Add(job);
        _scheduler.Start();
        return job;
    }

    // Moves the fake clock in small steps, letting the thread pool catch up after each, until the condition holds.
    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within the bound");
            await Task.Delay(25);
            _time.Advance(step);
        }
    }

    private sealed class GaugeNamedLikeACounter
    {
        [Metric("jobs_total")]
        public long Jobs { get; set; }
    }
}
