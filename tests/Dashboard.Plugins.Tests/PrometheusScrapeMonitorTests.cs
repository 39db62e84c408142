using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Tests;

namespace Dashboard.Plugins.Tests;

public sealed class PrometheusScrapeMonitorTests : IAsyncLifetime, IDisposable
{
    private const string PrometheusAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private PluginHarness _plugin = null!;
    private ExpositionServer _server = null!;

    private (string, string) Instance => ("instance", _server.Instance);

    public async Task InitializeAsync()
    {
        _plugin = await PluginHarness.LoadAsync("PrometheusScrape", _timeout.Token);
        _server = await ExpositionServer.StartAsync(_timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _plugin.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_text_exposition_is_written_with_its_kinds_the_instance_label_and_the_scrape_samples()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("text") } } });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        var requests = samples.Single("http_requests_total", ("code", "200"), Instance, ("job", "app"));
        Assert.Equal((MetricKind.Counter, 1027, 1395066363000), (requests.Series.Kind, requests.Value, requests.TimestampMs));
        Assert.Equal(MetricKind.Gauge, samples.Single("temperature_celsius", Instance, ("exported_instance", "inner")).Series.Kind);
        Assert.Equal(MetricKind.Counter, samples.Single("rpc_duration_seconds_bucket", Instance, ("le", "+Inf")).Series.Kind);
        Assert.Equal(1, samples.Value("up", Instance));
        Assert.Equal(6, samples.Value("scrape_samples_scraped", Instance));
        Assert.True(samples.Value("scrape_duration_seconds", Instance) > 0);
        Assert.Equal(0, samples.Value("scrape_malformed_lines_total", Instance));
        Assert.Equal(MetricKind.Counter, samples.Single("scrape_malformed_lines_total", Instance).Series.Kind);
    }

    [Fact]
    public async Task The_request_negotiates_like_Prometheus_2_42_and_an_OpenMetrics_answer_is_parsed_as_such()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("openmetrics") } } });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        var headers = _server.LastHeaders("openmetrics");
        Assert.Equal(PrometheusAccept, headers.Accept.ToString());
        Assert.Contains("gzip", headers.AcceptEncoding.ToString(), StringComparison.Ordinal);
        Assert.Equal("4.5", headers["X-Prometheus-Scrape-Timeout-Seconds"].ToString());
        var jobs = samples.Single("jobs_total", Instance, ("queue", "a"));
        Assert.Equal((MetricKind.Counter, 42, 1520879607789), (jobs.Series.Kind, jobs.Value, jobs.TimestampMs));
        Assert.Equal(MetricKind.Gauge, samples.Single("jobs_created", Instance, ("queue", "a")).Series.Kind);
        Assert.Equal(1, samples.Value("build_info", Instance, ("version", "1.2")));
        Assert.Equal(0, samples.Value("scrape_malformed_lines_total", Instance));
    }

    [Fact]
    public async Task A_gzip_body_is_decompressed()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("gzip") } } });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1, samples.Value("up", Instance));
        Assert.Equal(53423, samples.Value("rpc_duration_seconds_sum", Instance));
    }

    [Fact]
    public async Task Timestamps_are_the_collects_when_not_honoured()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("text") } }, honor_timestamps = false });
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.InRange(samples.Single("http_requests_total", ("code", "200"), Instance, ("job", "app")).TimestampMs, before, before + 60_000);
    }

    [Fact]
    public async Task With_honor_labels_the_scraped_label_replaces_the_targets()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("text"), labels = new { job = "node" } } }, honor_labels = true });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1027, samples.Value("http_requests_total", ("code", "200"), Instance, ("job", "app")));
        Assert.Equal(21.5, samples.Value("temperature_celsius", ("instance", "inner"), ("job", "node")));
        Assert.Equal(1, samples.Value("up", Instance, ("job", "node")));
    }

    [Fact]
    public async Task Without_honor_labels_a_scraped_label_that_clashes_with_a_target_label_is_exported()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("text"), labels = new { job = "node" } } } });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1027, samples.Value("http_requests_total", ("code", "200"), Instance, ("job", "node"), ("exported_job", "app")));
    }

    [Fact]
    public async Task Failing_targets_report_up_0_and_no_samples_while_a_healthy_one_is_scraped()
    {
        var refused = $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/metrics";
        var monitor = Configure(new
        {
            targets = new object[]
            {
                new { url = _server.Url("error"), labels = new { instance = "error" } },
                new { url = _server.Url("slow"), labels = new { instance = "slow" } },
                new { url = refused, labels = new { instance = "refused" } },
                new { url = _server.Url("big"), labels = new { instance = "big" } },
                new { url = _server.Url("many/50"), labels = new { instance = "many" } },
                new { url = _server.Url("text"), labels = new { instance = "healthy" } },
            },
            // The slow target never answers, so any timeout fails it; a roomy one keeps the healthy scrape up on a
            // test machine busy with every other suite.
            scrape_timeout_ms = 3000,
            body_size_limit_bytes = 100_000,
            sample_limit = 20,
        });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(
            [("error", 0), ("slow", 0), ("refused", 0), ("big", 0), ("many", 0), ("healthy", 1)],
            new[] { "error", "slow", "refused", "big", "many", "healthy" }.Select(i => (i, samples.Value("up", ("instance", i)))));
        Assert.Equal(0, samples.Value("scrape_samples_scraped", ("instance", "many")));
        Assert.Empty(samples.Of("series"));
        Assert.Empty(samples.Of("padding_metric"));
        Assert.Equal(6, samples.Value("scrape_samples_scraped", ("instance", "healthy")));
        Assert.False(_timeout.IsCancellationRequested, "the test's own time limit ran out instead");
    }

    [Fact]
    public async Task A_streamed_body_over_the_size_limit_fails_the_scrape_and_so_does_a_declared_one()
    {
        var monitor = Configure(new
        {
            targets = new object[]
            {
                new { url = _server.Url("big"), labels = new { instance = "streamed" } },
                new { url = _server.Url("text"), labels = new { instance = "declared" } },
            },
            body_size_limit_bytes = 300,
        });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((0, 0), (samples.Value("up", ("instance", "streamed")), samples.Value("up", ("instance", "declared"))));
        Assert.Equal(["scrape_duration_seconds", "scrape_malformed_lines_total", "scrape_samples_scraped", "up"], samples.Metrics.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Limits_that_are_not_exceeded_let_the_scrape_through()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("many/50") } }, sample_limit = 50, body_size_limit_bytes = 100_000 });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1, samples.Value("up", Instance));
        Assert.Equal(50, samples.Of("series").Count);
    }

    [Fact]
    public async Task Malformed_lines_are_skipped_and_counted_across_collects()
    {
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("malformed") } } });

        var first = await PluginHarness.CollectAsync(monitor, _timeout.Token);
        var second = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((1, 2), (first.Value("good", Instance), first.Value("also_good", Instance)));
        Assert.Equal(1, first.Value("up", Instance));
        Assert.Equal((2, 4), (first.Value("scrape_malformed_lines_total", Instance), second.Value("scrape_malformed_lines_total", Instance)));
    }

    [Fact]
    public async Task A_bearer_token_is_sent_and_without_it_the_target_is_down()
    {
        var url = _server.Url("auth");
        var withToken = Configure(new { targets = new[] { new { url } }, bearer_token = ExpositionServer.Token });
        var without = Configure(new { targets = new[] { new { url } } });

        var authorized = await PluginHarness.CollectAsync(withToken, _timeout.Token);
        var refused = await PluginHarness.CollectAsync(without, _timeout.Token);

        Assert.Equal((1, 1), (authorized.Value("up", Instance), authorized.Value("authorized", Instance)));
        Assert.Equal(0, refused.Value("up", Instance));
    }

    [Fact]
    public async Task Basic_auth_reads_its_password_from_a_file_without_the_trailing_newline()
    {
        using var folder = new TempFolder();
        var passwordFile = folder.Combine("password");
        await File.WriteAllTextAsync(passwordFile, "pa:ss\n");
        var monitor = Configure(new { targets = new[] { new { url = _server.Url("basic") } }, basic_auth = new { username = "scraper", password_file = passwordFile } });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1, samples.Value("authorized", Instance));
    }

    [Fact]
    public async Task Cancelling_the_collect_cancels_it_rather_than_reporting_a_down_target()
    {
        var monitor = _plugin.Configure(JsonSerializer.Serialize(new { targets = new[] { new { url = _server.Url("slow") } }, timeout_ms = 60_000 }));
        using var collectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        collectTimeout.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PluginHarness.CollectAsync(monitor, collectTimeout.Token));
        Assert.False(_timeout.IsCancellationRequested, "the test's own time limit ran out instead");
    }

    [Fact]
    public void A_scrape_timeout_not_below_the_collect_timeout_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Configure(new { targets = new[] { new { url = _server.Url("text") } }, scrape_timeout_ms = 5000 }));

        Assert.StartsWith("scrape_timeout_ms: 5000 is not less than timeout_ms (5000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_targets_with_the_same_labels_are_refused_naming_the_second()
    {
        var url = _server.Url("text");

        var error = Assert.Throws<ArgumentException>(() => Configure(new { targets = new[] { new { url }, new { url } } }));

        Assert.StartsWith("targets[1]: another target has the same labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_ways_to_authenticate_are_refused_and_the_message_holds_no_secret()
    {
        var error = Assert.Throws<ArgumentException>(() => Configure(new
        {
            targets = new[] { new { url = _server.Url("auth") } },
            bearer_token = ExpositionServer.Token,
            basic_auth = new { username = "u", password = "hunter2" },
        }));

        Assert.StartsWith("bearer_token, bearer_token_file and basic_auth: give at most one.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ExpositionServer.Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_token_file_is_refused_naming_the_key_and_the_path()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Configure(new { targets = new[] { new { url = _server.Url("auth") } }, bearer_token_file = "/nonexistent/token" }));

        Assert.StartsWith("bearer_token_file: cannot read '/nonexistent/token'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_applies_Prometheus_defaults()
    {
        var validation = _plugin.Validate("""{ "targets": [ { "url": "http://127.0.0.1:9100/metrics" } ] }""");

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.True(validation.Effective["honor_timestamps"]!.GetValue<bool>());
        Assert.False(validation.Effective["honor_labels"]!.GetValue<bool>());
        Assert.False(validation.Effective["tls_insecure_skip_verify"]!.GetValue<bool>());
        Assert.Equal((0, 0), (validation.Effective["body_size_limit_bytes"]!.GetValue<long>(), validation.Effective["sample_limit"]!.GetValue<int>()));
    }

    [Fact]
    public void The_schema_rejects_a_misspelt_key_an_invalid_label_name_and_no_targets()
    {
        var misspelt = _plugin.Validate("""{ "targets": [ { "url": "http://127.0.0.1/" } ], "honour_labels": true }""");
        var badLabel = _plugin.Validate("""{ "targets": [ { "url": "http://127.0.0.1/", "labels": { "bad-name": "x" } } ] }""");
        var none = _plugin.Validate("""{ "targets": [] }""");

        Assert.Equal("config.honour_labels", Assert.Single(misspelt.Errors).Path);
        Assert.Equal("config.targets[0].labels.bad-name", Assert.Single(badLabel.Errors).Path);
        Assert.Equal("config.targets", Assert.Single(none.Errors).Path);
    }

    [Fact]
    public void The_repositorys_plugins_json_has_a_valid_disabled_node_exporter_example()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "plugins.json")));
        var node = document.RootElement.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "node");

        var validation = _plugin.Validate(node.GetProperty("config").GetRawText());

        Assert.Equal("PrometheusScrape", node.GetProperty("plugin").GetString());
        Assert.False(node.GetProperty("enabled").GetBoolean(), "a machine without node_exporter would show a failing instance");
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
    }

    private IMonitor Configure(object config) => _plugin.Configure(JsonSerializer.Serialize(config));
}
