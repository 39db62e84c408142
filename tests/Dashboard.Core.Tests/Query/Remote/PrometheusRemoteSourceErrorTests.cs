using System.Net;
using System.Text;
using Dashboard.Core.Query;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Remote;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Query.Remote;

/// <summary>
/// What the remote source does when the remote fails: each failure a <see cref="QuerySourceException"/> naming the
/// remote and the cause, never its credentials; and what it sends when all is well.
/// </summary>
public sealed class PrometheusRemoteSourceErrorTests : IDisposable
{
    private const string Token = "s3cr3t-bearer-t0ken";
    private const string Password = "s3cr3t-pa55w0rd";
    private const string EmptyMatrix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";

    private static readonly IReadOnlyList<LabelMatcher> Up = SeriesSelectorParser.Parse("up{job=\"api\"}");
    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_remote_that_refuses_connections_fails_naming_the_remote()
    {
        var port = LoopbackListener.FreePort();
        var source = Source(new Uri($"http://127.0.0.1:{port}/"), Token);

        var error = await Assert.ThrowsAsync<QuerySourceException>(() => SelectAsync(source));

        Assert.StartsWith($"remote Prometheus http://127.0.0.1:{port}/: could not be reached", error.Message);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        NoSecrets(error);
    }

    [Theory]
    [InlineData(500, "text/plain", "upstream exploded", "answered 500 Internal Server Error: upstream exploded")]
    [InlineData(502, "text/html", "", "answered 502 Bad Gateway")]
    [InlineData(422, "application/json", "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples into memory in query execution\"}",
        "answered 422 Unprocessable Entity (execution): query processing would load too many samples into memory in query execution")]
    [InlineData(200, "text/html", "<html>login</html>", "answered malformed JSON: ")]
    [InlineData(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{}", "answered malformed JSON: ")]
    [InlineData(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"b\"},\"values\":[[1,\"one\"]]}]}}",
        "answered malformed JSON: a sample's value \"one\" is not a number")]
    [InlineData(200, "application/json", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", "answered a vector result where a matrix was expected")]
    [InlineData(200, "application/json", "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}", "answered status \"error\" (timeout): query timed out")]
    [InlineData(200, "application/json", "null", "answered null instead of a query result")]
    public async Task A_bad_answer_fails_with_what_was_wrong(int status, string contentType, string body, string expected)
    {
        using var remote = new ScriptedRemote(status, body, contentType);
        var source = Source(remote.BaseAddress, Token);

        var error = await Assert.ThrowsAsync<QuerySourceException>(() => SelectAsync(source));

        Assert.StartsWith($"remote Prometheus {remote.BaseAddress}: {expected}", error.Message);
        NoSecrets(error);
    }

    [Fact]
    public async Task A_remote_that_does_not_answer_in_time_fails_naming_the_timeout()
    {
        using var remote = new ScriptedRemote(200, body: null);
        var source = new PrometheusRemoteSource(_http, new PrometheusRemoteSourceOptions
        {
            Url = remote.BaseAddress,
            BasicAuth = new BasicAuthOptions { Username = "reader", Password = Password },
            Timeout = TimeSpan.FromMilliseconds(300),
        });

        var error = await Assert.ThrowsAsync<QuerySourceException>(() => SelectAsync(source));

        Assert.Equal($"remote Prometheus {remote.BaseAddress}: no answer within 0.3 s (Dashboard:Query:Remote:Timeout)", error.Message);
        NoSecrets(error);
    }

    [Fact]
    public async Task A_caller_that_cancels_gets_a_cancellation_not_a_source_error()
    {
        using var remote = new ScriptedRemote(200, body: null);
        var source = Source(remote.BaseAddress, Token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.SelectAsync(Up, 0, 1000, cancel.Token));
    }

    [Fact]
    public async Task Posts_the_range_selector_with_credentials_headers_and_the_base_path()
    {
        using var remote = new ScriptedRemote(200, EmptyMatrix);
        var options = new PrometheusRemoteSourceOptions
        {
            Url = new Uri(remote.BaseAddress, "prometheus"),
            BearerToken = Token,
            Timeout = TimeSpan.FromSeconds(20),
        };
        options.Headers["X-Scope-OrgID"] = "tenant-1";
        var source = new PrometheusRemoteSource(_http, options);

        var series = await source.SelectAsync(Up, 1_700_000_000_000, 1_700_000_300_123, CancellationToken.None);

        Assert.Empty(series);
        var (path, headers, body) = Assert.Single(remote.Requests);
        Assert.Equal("/prometheus/api/v1/query", path);
        Assert.Equal($"Bearer {Token}", headers["Authorization"]);
        Assert.Equal("tenant-1", headers["X-Scope-OrgID"]);
        Assert.StartsWith("application/x-www-form-urlencoded", headers["Content-Type"], StringComparison.Ordinal);
        var form = body.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => WebUtility.UrlDecode(p[1]));
        Assert.Equal("{__name__=\"up\",job=\"api\"}[300124ms]", form["query"]);
        Assert.Equal("1700000300.123", form["time"]);
        Assert.Equal("20000ms", form["timeout"]);
    }

    [Fact]
    public async Task Sends_basic_authentication()
    {
        using var remote = new ScriptedRemote(200, EmptyMatrix);
        var source = new PrometheusRemoteSource(_http, new PrometheusRemoteSourceOptions
        {
            Url = remote.BaseAddress,
            BasicAuth = new BasicAuthOptions { Username = "reader", Password = Password },
        });

        await SelectAsync(source);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"reader:{Password}")), Assert.Single(remote.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task A_Prometheus_error_is_passed_through_with_its_type_and_message()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Path, "global: {}\n", remoteWriteReceiver: false);
        var source = Source(prometheus.BaseAddress, Token);
        // A lookahead: a valid .NET pattern (so a valid LabelMatcher) that Go's RE2 refuses.
        IReadOnlyList<LabelMatcher> matchers = [LabelMatcher.Equal("__name__", "up"), new LabelMatcher(LabelMatchType.Regex, "job", "(?=a)b")];

        var error = await Assert.ThrowsAsync<QuerySourceException>(() => source.SelectAsync(matchers, 0, 1000, CancellationToken.None));

        Assert.StartsWith($"remote Prometheus {prometheus.BaseAddress}: answered 400 Bad Request (bad_data): ", error.Message);
        Assert.Contains("(?=", error.Message, StringComparison.Ordinal);
        NoSecrets(error);
    }

    [Fact]
    public async Task Prometheus_refusing_a_selection_above_its_max_samples_is_passed_through()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Path, "global: {}\n", remoteWriteReceiver: true,
            arguments: ["--query.max-samples=100"]);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
        var series = new TimeSeries();
        series.Labels.Add(new Dashboard.Core.RemoteWrite.Protocol.Label { Name = "__name__", Value = "up" });
        series.Labels.Add(new Dashboard.Core.RemoteWrite.Protocol.Label { Name = "job", Value = "api" });
        series.Samples.AddRange(Enumerable.Range(0, 500).Select(i => new Sample { Timestamp = start + (i * 1000L), Value = i }));
        using (var content = RemoteWriteProtocol.Content(RemoteWriteProtocol.Encode(new WriteRequest { Timeseries = { series } })))
        using (var response = await _http.PostAsync(prometheus.WriteUrl, content))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var source = Source(prometheus.BaseAddress, Token);
        var within = await source.SelectAsync(Up, start, start + 49_000, CancellationToken.None);
        var error = await Assert.ThrowsAsync<QuerySourceException>(() => source.SelectAsync(Up, start, start + 499_000, CancellationToken.None));

        var buffer = new SampleBuffer();
        Assert.Single(within).ReadSamples(buffer);
        Assert.Equal(50, buffer.Count);
        Assert.Equal($"remote Prometheus {prometheus.BaseAddress}: answered 422 Unprocessable Entity (execution): "
            + "query processing would load too many samples into memory in query execution", error.Message);
    }

    [Fact]
    public void A_label_name_PromQL_cannot_write_fails_before_asking()
    {
        var source = Source(new Uri("http://127.0.0.1:9/"), Token);
        IReadOnlyList<LabelMatcher> matchers = [LabelMatcher.Equal("__name__", "up"), LabelMatcher.Equal("service.name", "api")];

        var error = Assert.Throws<QuerySourceException>(() => source.SelectAsync(matchers, 0, 1000, CancellationToken.None).GetAwaiter().GetResult());

        Assert.Equal("remote Prometheus http://127.0.0.1:9/: the label name \"service.name\" cannot be written in PromQL", error.Message);
    }

    public void Dispose() => _http.Dispose();

    private PrometheusRemoteSource Source(Uri url, string token) =>
        new(_http, new PrometheusRemoteSourceOptions { Url = url, BearerToken = token, Timeout = TimeSpan.FromSeconds(20) });

    private static Task<IReadOnlyList<ISourceSeries>> SelectAsync(PrometheusRemoteSource source) =>
        source.SelectAsync(Up, 1_700_000_000_000, 1_700_000_060_000, CancellationToken.None);

    private static void NoSecrets(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(Token, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"reader:{Password}")), e.Message, StringComparison.Ordinal);
        }
    }
}
