using System.Globalization;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Tests;

namespace Dashboard.Plugins.Tests;

/// <summary>
/// The PrometheusScrape plugin, loaded by the host's plugin catalog, scraping the real Debian peers: node_exporter 1.5
/// and Prometheus 2.42's own /metrics (histograms and summaries), each started on a free 127.0.0.1 port.
/// </summary>
public sealed class PrometheusScrapePeerTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly TempFolder _work = new();
    private PluginHarness _plugin = null!;

    public async Task InitializeAsync()
    {
        _plugin = await PluginHarness.LoadAsync("PrometheusScrape", _timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
    }

    public void Dispose()
    {
        _work.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Node_exporter_is_scraped_with_its_cpu_counters_and_build_info()
    {
        var port = LoopbackServer.ClosedPort();
        var address = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        var url = new Uri($"http://{address}/metrics");

        // Collectors that read hardware sensors can take seconds on some machines, and add nothing this test checks.
        using var exporter = await PeerProcess.StartAsync("/usr/bin/prometheus-node-exporter",
            [$"--web.listen-address={address}", "--no-collector.hwmon", "--no-collector.thermal_zone", "--no-collector.rapl", "--no-collector.nvme"],
            _work.Combine("node-exporter.log"), url, _timeout.Token);
        var monitor = Configure(url);

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1, samples.Value("up", ("instance", address)));
        Assert.Equal(0, samples.Value("scrape_malformed_lines_total", ("instance", address)));
        var cpu = samples.Of("node_cpu_seconds_total");
        Assert.NotEmpty(cpu);
        Assert.All(cpu, s => Assert.Equal(MetricKind.Counter, s.Series.Kind));
        Assert.Contains("idle", samples.LabelValues("node_cpu_seconds_total", "mode"));
        Assert.Contains("0", samples.LabelValues("node_cpu_seconds_total", "cpu"));
        var build = Assert.Single(samples.Of("node_exporter_build_info"));
        Assert.Equal((MetricKind.Gauge, 1), (build.Series.Kind, build.Value));
        Assert.Contains(build.Series.Labels, l => l.Name == "version" && l.Value.StartsWith("1.", StringComparison.Ordinal));
        Assert.Equal(MetricKind.Gauge, Assert.Single(samples.Of("node_load1")).Series.Kind);
        Assert.Equal(samples.Value("scrape_samples_scraped", ("instance", address)),
            samples.Metrics.Where(m => m is not ("up" or "scrape_duration_seconds" or "scrape_samples_scraped" or "scrape_malformed_lines_total")).Sum(m => samples.Of(m).Count));
    }

    [Fact]
    public async Task Prometheus_2_42s_own_metrics_are_scraped_with_histograms_and_summaries()
    {
        var port = LoopbackServer.ClosedPort();
        var address = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        var config = _work.Combine("prometheus.yml");
        await File.WriteAllTextAsync(config, "scrape_configs: []\n", _timeout.Token);
        using var prometheus = await PeerProcess.StartAsync("/usr/bin/prometheus",
            [$"--config.file={config}", $"--storage.tsdb.path={_work.Combine("data")}", $"--web.listen-address={address}"],
            _work.Combine("prometheus.log"), new Uri($"http://{address}/-/ready"), _timeout.Token);
        var monitor = Configure(new Uri($"http://{address}/metrics"));

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1, samples.Value("up", ("instance", address)));
        Assert.Equal(0, samples.Value("scrape_malformed_lines_total", ("instance", address)));

        // A histogram: buckets up to +Inf, count and sum, all counters.
        var buckets = samples.Of("prometheus_http_request_duration_seconds_bucket");
        Assert.NotEmpty(buckets);
        Assert.All(buckets, s => Assert.Equal(MetricKind.Counter, s.Series.Kind));
        Assert.Contains("+Inf", samples.LabelValues("prometheus_http_request_duration_seconds_bucket", "le"));
        Assert.All(samples.Of("prometheus_http_request_duration_seconds_count"), s => Assert.Equal(MetricKind.Counter, s.Series.Kind));

        // A summary: quantiles are gauges, count and sum counters.
        Assert.Equal(["0", "0.25", "0.5", "0.75", "1"], samples.LabelValues("go_gc_duration_seconds", "quantile").Order(StringComparer.Ordinal));
        Assert.All(samples.Of("go_gc_duration_seconds"), s => Assert.Equal(MetricKind.Gauge, s.Series.Kind));
        Assert.Equal(MetricKind.Counter, Assert.Single(samples.Of("go_gc_duration_seconds_sum")).Series.Kind);
        Assert.Contains(Assert.Single(samples.Of("prometheus_build_info")).Series.Labels, l => l.Name == "version" && l.Value.StartsWith("2.42", StringComparison.Ordinal));
    }

    private IMonitor Configure(Uri url) =>
        _plugin.Configure(JsonSerializer.Serialize(new { targets = new[] { new { url = url.ToString() } } }));
}
