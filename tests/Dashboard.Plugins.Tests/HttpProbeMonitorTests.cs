using System.Text.Json;
using Dashboard.Abstractions;

namespace Dashboard.Plugins.Tests;

public sealed class HttpProbeMonitorTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private PluginHarness _plugin = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _plugin = await PluginHarness.LoadAsync("HttpProbe", _timeout.Token);
        _server = await LoopbackServer.StartAsync(certificate: null, _timeout.Token);
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
    public async Task A_200_answer_is_a_success_with_its_status_and_duration()
    {
        var url = _server.Url("ok");
        var monitor = Configure(new { url });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((1, 200), (samples.Value("probe_success", ("url", url)), samples.Value("probe_http_status_code", ("url", url))));
        Assert.True(samples.Value("probe_duration_seconds", ("url", url)) > 0);
        Assert.All(samples.Of("probe_success"), s => Assert.Equal(MetricKind.Gauge, s.Series.Kind));
    }

    [Fact]
    public async Task A_500_answer_when_200_is_expected_is_a_failure_with_its_status()
    {
        var url = _server.Url("error");
        var monitor = Configure(new { url, expect_status = 200 });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((0, 500), (samples.Value("probe_success", ("url", url)), samples.Value("probe_http_status_code", ("url", url))));
    }

    [Fact]
    public async Task An_expected_500_is_a_success()
    {
        var url = _server.Url("error");
        var monitor = Configure(new { url, expect_status = 500 });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal(1, samples.Value("probe_success", ("url", url)));
    }

    [Fact]
    public async Task A_refused_connection_is_a_failed_probe_with_status_0_not_a_failed_collect()
    {
        var url = $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/";
        var monitor = Configure(new { url });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((0, 0), (samples.Value("probe_success", ("url", url)), samples.Value("probe_http_status_code", ("url", url))));
        Assert.True(samples.Value("probe_duration_seconds", ("url", url)) >= 0);
    }

    [Fact]
    public async Task A_target_that_does_not_answer_within_its_own_timeout_fails_while_the_others_succeed()
    {
        var slow = _server.Url("slow-headers");
        var ok = _server.Url("ok");
        var monitor = Configure(new { url = slow, timeout_ms = 200 }, new { url = ok });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((0, 0), (samples.Value("probe_success", ("url", slow)), samples.Value("probe_http_status_code", ("url", slow))));
        Assert.Equal(1, samples.Value("probe_success", ("url", ok)));
    }

    [Fact]
    public async Task A_body_that_stalls_past_the_timeout_fails_the_probe_though_its_status_came()
    {
        var url = _server.Url("stalled-body");

        // Long enough for a first request's connection and warm-up to get the headers through; the body never ends.
        var monitor = Configure(new { url, timeout_ms = 2000 });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((0, 200), (samples.Value("probe_success", ("url", url)), samples.Value("probe_http_status_code", ("url", url))));
    }

    [Fact]
    public async Task Cancelling_the_collect_cancels_it_rather_than_reporting_failed_probes()
    {
        var monitor = Configure(new { url = _server.Url("slow-headers"), timeout_ms = 60_000 });
        using var collectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        collectTimeout.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PluginHarness.CollectAsync(monitor, collectTimeout.Token));
        Assert.False(_timeout.IsCancellationRequested, "the test's own time limit ran out instead");
    }

    [Fact]
    public async Task A_redirect_is_the_probes_status_unless_redirects_are_followed()
    {
        var url = _server.Url("redirect");
        var notFollowing = Configure(new { url });
        var following = _plugin.Configure(JsonSerializer.Serialize(new { targets = new[] { new { url } }, follow_redirects = true }));

        var notFollowed = await PluginHarness.CollectAsync(notFollowing, _timeout.Token);
        var followed = await PluginHarness.CollectAsync(following, _timeout.Token);

        Assert.Equal((0, 302), (notFollowed.Value("probe_success", ("url", url)), notFollowed.Value("probe_http_status_code", ("url", url))));
        Assert.Equal((1, 200), (followed.Value("probe_success", ("url", url)), followed.Value("probe_http_status_code", ("url", url))));
    }

    [Fact]
    public async Task The_configured_method_is_sent()
    {
        var url = _server.Url("method");
        var monitor = Configure(new { url, method = "HEAD", expect_status = 204 });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((1, 204), (samples.Value("probe_success", ("url", url)), samples.Value("probe_http_status_code", ("url", url))));
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_the_probe_but_its_expiry_is_still_reported()
    {
        var notAfter = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddDays(42);
        using var certificate = LoopbackServer.SelfSignedCertificate(notAfter);
        await using var https = await LoopbackServer.StartAsync(certificate, _timeout.Token);
        var url = https.Url("ok");
        var monitor = Configure(new { url });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Equal((0, 0), (samples.Value("probe_success", ("url", url)), samples.Value("probe_http_status_code", ("url", url))));
        Assert.Equal(notAfter.ToUnixTimeSeconds(), samples.Value("probe_tls_cert_expiry_timestamp_seconds", ("url", url)));
    }

    // Fails today: the expiry is remembered per host to cover requests on pooled connections, and is read back even
    // when this probe never got as far as a TLS handshake.
    [Fact]
    public async Task A_server_that_stopped_listening_reports_no_certificate_expiry()
    {
        using var certificate = LoopbackServer.SelfSignedCertificate(DateTimeOffset.UtcNow.AddDays(42));
        await using var https = await LoopbackServer.StartAsync(certificate, _timeout.Token);
        var url = https.Url("ok");
        var monitor = Configure(new { url });
        var whileListening = await PluginHarness.CollectAsync(monitor, _timeout.Token);
        await https.DisposeAsync();

        var afterStopping = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Single(whileListening.Of("probe_tls_cert_expiry_timestamp_seconds"));
        Assert.Equal(0, afterStopping.Value("probe_success", ("url", url)));
        Assert.Empty(afterStopping.Of("probe_tls_cert_expiry_timestamp_seconds"));
    }

    [Fact]
    public async Task A_plain_http_target_reports_no_certificate_expiry()
    {
        var monitor = Configure(new { url = _server.Url("ok") });

        var samples = await PluginHarness.CollectAsync(monitor, _timeout.Token);

        Assert.Empty(samples.Of("probe_tls_cert_expiry_timestamp_seconds"));
    }

    [Fact]
    public void Two_targets_with_the_same_url_are_refused_naming_the_second()
    {
        var url = _server.Url("ok");

        var error = Assert.Throws<ArgumentException>(() => Configure(new { url }, new { url, method = "HEAD" }));

        Assert.StartsWith($"targets[1].url: '{url}' is already probed.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_that_is_not_http_or_https_is_refused_naming_the_target()
    {
        var error = Assert.Throws<ArgumentException>(() => Configure(new { url = _server.Url("ok") }, new { url = "ftp://127.0.0.1/file" }));

        Assert.StartsWith("targets[1].url: 'ftp://127.0.0.1/file' is not an absolute http or https URL.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_requires_targets()
    {
        var validation = _plugin.Validate("{}");

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("config.targets", "is required"), (error.Path, error.Message));
    }

    [Fact]
    public void The_schema_requires_a_url_in_every_target_and_names_the_target()
    {
        var validation = _plugin.Validate("""{ "targets": [ { "url": "http://127.0.0.1/" }, { "method": "GET" } ] }""");

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("config.targets[1].url", "is required"), (error.Path, error.Message));
    }

    [Fact]
    public void The_schema_rejects_a_misspelt_target_key()
    {
        var validation = _plugin.Validate("""{ "targets": [ { "url": "http://127.0.0.1/", "timeout": 100 } ] }""");

        var error = Assert.Single(validation.Errors);
        Assert.Equal(("config.targets[0].timeout", "is not a known property (the schema allows no others)"), (error.Path, error.Message));
    }

    [Fact]
    public void A_target_gets_the_schemas_defaults()
    {
        var validation = _plugin.Validate("""{ "targets": [ { "url": "http://127.0.0.1/" } ] }""");

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        Assert.Equal(
            """{"url":"http://127.0.0.1/","method":"GET","expect_status":200,"timeout_ms":3000}""",
            validation.Effective["targets"]![0]!.ToJsonString());
        Assert.False(validation.Effective["follow_redirects"]!.GetValue<bool>());
    }

    private IMonitor Configure(params object[] targets) =>
        _plugin.Configure(JsonSerializer.Serialize(new { targets }));
}
