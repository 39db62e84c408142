using Dashboard.Abstractions;

namespace Dashboard.Plugins.Tests;

public sealed class DotNetRuntimeMonitorTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private PluginHarness _plugin = null!;

    public async Task InitializeAsync() => _plugin = await PluginHarness.LoadAsync("DotNetRuntime", _timeout.Token);

    public Task DisposeAsync() => _plugin.DisposeAsync().AsTask();

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Gc_figures_are_plausible_after_a_full_collection()
    {
        var monitor = _plugin.Configure("{}");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.True(samples.Value("dotnet_gc_heap_size_bytes") > 0);
        Assert.True(samples.Value("dotnet_gc_committed_bytes") > 0);
        Assert.True(samples.Value("dotnet_gc_allocated_bytes_total") > 0);
        Assert.True(samples.Value("dotnet_gc_collections_total", ("generation", "gen2")) >= 1);
        Assert.Equal(["gen0", "gen1", "gen2"], samples.LabelValues("dotnet_gc_collections_total", "generation").Order());
        Assert.Equal(["gen0", "gen1", "gen2", "loh", "poh"], samples.LabelValues("dotnet_gc_generation_size_bytes", "generation").Order());
        Assert.All(samples.Of("dotnet_gc_collections_total"), s => Assert.True(s.Value >= 0, s.Series.ToString()));
        Assert.Equal(MetricKind.Counter, samples.Single("dotnet_gc_allocated_bytes_total").Series.Kind);
    }

    [Fact]
    public async Task Thread_pool_and_process_figures_are_plausible()
    {
        var monitor = _plugin.Configure("{}");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.True(samples.Value("dotnet_threadpool_threads") >= 1);
        Assert.True(samples.Value("dotnet_threadpool_queue_length") >= 0);
        Assert.True(samples.Value("dotnet_threadpool_completed_items_total") >= 1);
        Assert.True(samples.Value("dotnet_process_working_set_bytes") > 0);
        Assert.Equal(Environment.ProcessorCount, samples.Value("dotnet_process_cpu_count"));
        Assert.True(samples.Value("dotnet_process_cpu_seconds_total", ("mode", "user")) > 0);
        Assert.True(samples.Value("dotnet_jit_compiled_methods_total") > 0);
    }

    [Fact]
    public async Task Durations_declared_as_TimeSpan_are_written_in_seconds_as_counters()
    {
        var monitor = _plugin.Configure("{}");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        // This process has JIT-compiled for well under an hour, and for more than a microsecond.
        var jit = samples.Single("dotnet_jit_compilation_seconds_total");
        Assert.InRange(jit.Value, 1e-6, 3600);
        Assert.Equal(MetricKind.Counter, jit.Series.Kind);
        Assert.InRange(samples.Value("dotnet_gc_pause_seconds_total"), 0, 3600);
    }

    [Fact]
    public async Task Counters_do_not_go_down_between_collects()
    {
        var monitor = _plugin.Configure("{}");
        var first = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        var second = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        var counters = first.Metrics.SelectMany(first.Of).Where(s => s.Series.Kind == MetricKind.Counter).ToList();
        Assert.NotEmpty(counters);
        Assert.All(counters, before =>
        {
            var labels = before.Series.Labels.Select(l => (l.Name, l.Value)).ToArray();
            Assert.True(second.Value(before.Series.Metric, labels) >= before.Value, before.Series.ToString());
        });
    }

    [Fact]
    public async Task Exceptions_thrown_between_two_collects_are_counted()
    {
        const int Thrown = 5;
        var monitor = _plugin.Configure("{}");
        var before = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        for (var i = 0; i < Thrown; i++)
        {
            try
            {
                throw new InvalidOperationException("counted");
            }
            catch (InvalidOperationException)
            {
                // Caught at once: a first-chance exception is counted all the same.
            }
        }

        var after = await PluginHarness.CollectAsync(monitor, _timeout.Token);
        Assert.True(after.Value("dotnet_exceptions_total") - before.Value("dotnet_exceptions_total") >= Thrown,
            $"{before.Value("dotnet_exceptions_total")} then {after.Value("dotnet_exceptions_total")}");
        Assert.Equal(MetricKind.Counter, after.Single("dotnet_exceptions_total").Series.Kind);
    }

    [Fact]
    public async Task Exception_counting_and_per_generation_figures_can_be_turned_off()
    {
        var monitor = _plugin.Configure("""{ "count_exceptions": false, "include_gc_generations": false }""");

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.DoesNotContain("dotnet_exceptions_total", samples.Metrics);
        Assert.DoesNotContain("dotnet_gc_collections_total", samples.Metrics);
        Assert.DoesNotContain("dotnet_gc_generation_size_bytes", samples.Metrics);
        Assert.Contains("dotnet_gc_heap_size_bytes", samples.Metrics);
    }

    [Fact]
    public async Task A_collect_cancelled_before_it_starts_reports_cancellation()
    {
        var monitor = _plugin.Configure("{}");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PluginHarness.CollectAsync(monitor, cancelled.Token));
    }

    [Fact]
    public void The_schema_rejects_a_setting_of_the_wrong_type()
    {
        var validation = _plugin.Validate("""{ "count_exceptions": "yes" }""");

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("config.count_exceptions", "must be true or false"), (error.Path, error.Message));
    }
}
