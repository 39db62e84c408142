using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Host.Tests;

/// <summary><c>GET /metrics</c> and <c>/metrics/otel</c> on the real host, read by real Prometheus tools.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private const string OpenMetricsAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private const string Config = """
        { "instances": [
            { "id": "counter", "plugin": "Counting", "labels": { "env": "test" },
              "config": { "interval_ms": 200, "greeting": "say \"hi\"\nback\\slash" } } ] }
        """;

    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = DashboardHost.Start(Config, "Counting");
        await Eventually.TrueAsync(async () => (await ScrapeAsync()).Contains("test_collects_total{", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the first collect exposed");
    }

    [Fact]
    public async Task Exposes_collected_series_with_plugin_and_instance_labels_in_the_text_format()
    {
        using var response = await _host.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("# TYPE test_collects_total counter\ntest_collects_total{env=\"test\",plugin=\"Counting\",instance=\"counter\"} ",
            text, StringComparison.Ordinal);
        Assert.Contains("test_build_info{env=\"test\",generation=\"1\",greeting=\"say \\\"hi\\\"\\nback\\\\slash\",plugin=\"Counting\",instance=\"counter\"} 1\n",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exposes_the_hosts_own_families_with_Prometheus_names_that_pass_promtool()
    {
        await _host.Client.GetAsync("/api/plugins");
        await _host.Client.GetAsync("/api/v1/query?query=vector(1)");
        await _host.Client.GetAsync("/api/v1/query?query=sum(");
        var own = OwnFamilies(await ScrapeAsync());

        foreach (var family in (string[])["dashboard_query_duration_seconds", "dashboard_query_failures_total", "dashboard_collection_duration_seconds", "dashboard_collection_lateness_seconds",
                     "dashboard_collection_batches_dropped_total", "dashboard_plugins_loads_total", "dashboard_plugins_load_failures_total",
                     "dashboard_storage_samples_appended_total", "dashboard_storage_disk_size_bytes", "http_requests_received_total",
                     "http_request_duration_seconds", "process_cpu_seconds_total"])
        {
            Assert.Contains($"# TYPE {family} ", own, StringComparison.Ordinal);
        }

        Assert.Contains("dashboard_collection_duration_seconds_bucket{instance=\"counter\",le=\"0.001\"}", own, StringComparison.Ordinal);
        Assert.Contains("dashboard_plugins{state=\"loaded\"} 1\n", own, StringComparison.Ordinal);
        Assert.Contains("dashboard_query_duration_seconds_count{kind=\"instant\"} 1\n", own, StringComparison.Ordinal);
        Assert.Contains("dashboard_query_failures_total{kind=\"instant\",reason=\"bad_data\"} 1\n", own, StringComparison.Ordinal);

        // Not prometheus-net's re-export of every .NET meter: none of the runtime's or Kestrel's instruments show up.
        Assert.DoesNotContain("microsoft_aspnetcore", own, StringComparison.Ordinal);
        Assert.DoesNotContain("system_runtime", own, StringComparison.Ordinal);

        var (exitCode, problems) = await RunAsync("/usr/bin/promtool", own, "check", "metrics");
        Assert.True(exitCode == 0, $"promtool check metrics found problems:\n{problems}");
    }

    [Fact]
    public async Task Negotiates_OpenMetrics_like_Prometheus_and_ends_with_one_EOF()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", OpenMetricsAccept);
        using var response = await _host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("# TYPE test_collects counter\ntest_collects_total{", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(text.Length - "# EOF\n".Length, text.IndexOf("# EOF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gzips_when_the_scraper_accepts_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var text = await new StreamReader(gzip).ReadToEndAsync();
        Assert.Contains("test_collects_total{env=\"test\"", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE process_cpu_seconds_total counter", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_Prometheus_scrapes_it_in_OpenMetrics_and_stores_the_collected_values()
    {
        var config = $$"""
            global: { scrape_interval: 1s }
            scrape_configs:
              - job_name: dashboard
                honor_labels: true
                static_configs: [{ targets: ["{{_host.Address.Authority}}"] }]
            """;
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Path, config, remoteWriteReceiver: false);
        Task<Dictionary<string, List<(long TimestampMs, double Value)>>> StoredAsync(string selector) =>
            prometheus.RawSamplesAsync(selector, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);

        await Eventually.TrueAsync(async () => (await StoredAsync("test_build_info{plugin=\"Counting\",instance=\"counter\"}")).Count == 1,
            TimeSpan.FromSeconds(20), "Prometheus stored the collected series");

        // A scrape that Prometheus failed to parse would read up 0.
        Assert.All(Assert.Single((await StoredAsync("up{job=\"dashboard\"}")).Values), sample => Assert.Equal(1, sample.Value));
        Assert.True(Assert.Single((await StoredAsync("test_collects_total{env=\"test\"}")).Values)[^1].Value >= 1);
        Assert.Single(await StoredAsync("dashboard_collection_duration_seconds_count{instance=\"counter\"}"));
    }

    [Fact]
    public async Task Serves_the_OpenTelemetry_view_of_the_same_meters_at_metrics_otel()
    {
        var text = await _host.Client.GetStringAsync("/metrics/otel");

        Assert.Contains("# TYPE dashboard_collection_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dashboard_storage_samples_appended_total counter", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pushes_metrics_and_traces_over_OTLP_to_a_configured_collector()
    {
        var received = new System.Collections.Concurrent.ConcurrentQueue<(string Path, byte[] Body)>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = collector.Build();
        app.MapPost("/{**signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Dashboard:Telemetry:OtlpEndpoint"] = app.Urls.Single(),
            ["Dashboard:Telemetry:OtlpProtocol"] = "HttpProtobuf",
            ["Dashboard:Telemetry:OtlpExportIntervalMs"] = "1000",
        };
        await using var host = DashboardHost.Start(settings, Config, "Counting");
        await host.Client.GetAsync("/api/plugins");

        await Eventually.TrueAsync(() => received.Any(r => r.Path == "/v1/metrics" && Contains(r.Body, "dashboard.collection.duration"))
                && received.Any(r => r.Path == "/v1/traces"),
            TimeSpan.FromSeconds(15), "metrics and traces posted to the collector");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<string> ScrapeAsync() => _host.Client.GetStringAsync("/metrics");

    /// <summary>The host's own families: everything from the first <c># HELP</c> on (collected families come first, without help).</summary>
    private static string OwnFamilies(string exposition) => exposition[exposition.IndexOf("# HELP", StringComparison.Ordinal)..];

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
