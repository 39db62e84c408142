using System.Text.Json;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// Our <c>/api/v1/series</c>, <c>/labels</c>, <c>/label/{name}/values</c>, <c>/status/buildinfo</c> and <c>/metadata</c>
/// against Prometheus 2.42's, on the same data (<see cref="GoldenDataSet"/>): each request of the corpus goes to both,
/// and the answers must have the same HTTP status and the same JSON (structurally; arrays as sets); errors the same
/// status and <c>errorType</c> (the texts may differ). The corpus includes the requests Grafana 10's Prometheus data
/// source sends, by GET and by POST with a form body.
/// </summary>
[Collection(GoldenFixture.Collection)]
public sealed class PrometheusApiGoldenTests(GoldenFixture fixture)
{
    private const long Minute = 60_000;
    private const string PrometheusMinTime = "-292273086-05-16T16:47:06Z";
    private const string PrometheusMaxTime = "292277025-08-18T07:12:54.999999999Z";

    /// <summary>The corpus: a name, the request (from the data set's start and end, Unix ms), and whether Prometheus's
    /// answer must hold data (so that a comparison of two empty answers cannot pass for a match where data was meant).</summary>
    private static readonly Dictionary<string, (Func<long, long, ApiRequest> Request, bool HasData)> Requests = new()
    {
        // /api/v1/series
        ["series by name, whole range"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up")), true),
        ["series in the data's range"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "http_requests_total"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["series, two selectors"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("match[]", "memory_usage_bytes"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["series, overlapping selectors"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("match[]", "{job=\"node\"}")), true),
        ["series, name regex and !="] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{__name__=~\"http_.*\",code!=\"500\"}")), true),
        ["series, alternation regex"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job=\"api\",method=~\"GET|POST\"}")), true),
        ["series, negative regex"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "node_cpu_seconds_total{mode!~\"idle\"}")), true),
        ["series, histogram buckets"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "request_duration_seconds_bucket{le=\"+Inf\"}")), true),
        ["series, all histogram parts"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{__name__=~\"request_duration_seconds_.+\",instance=\"a:8080\"}")), true),
        ["series, stale series before it stops"] = ((s, _) => ApiRequest.Get("api/v1/series", ("match[]", "batch_job_last_success"), ("start", Sec(s)), ("end", Sec(s + (10 * Minute)))), true),
        ["series, stale series after it stops"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "batch_job_last_success"), ("start", Sec(s + (40 * Minute))), ("end", Sec(e))), false),
        ["series, late starter before it starts"] = ((s, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job=~\"late|sparse\"}"), ("start", Sec(s)), ("end", Sec(s + (20 * Minute)))), true),
        ["series, range after the data"] = ((_, e) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", Sec(e + (120 * Minute))), ("end", Sec(e + (150 * Minute)))), false),
        ["series, range before the data"] = ((s, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", Sec(s - (150 * Minute))), ("end", Sec(s - (120 * Minute)))), false),
        ["series, RFC 3339 times"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", Rfc3339(s)), ("end", Rfc3339(e))), true),
        ["series, RFC 3339 with nanoseconds and offset"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", DateTimeOffset.FromUnixTimeMilliseconds(s).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss'.123456789'zzz", System.Globalization.CultureInfo.InvariantCulture)), ("end", Rfc3339(e))), true),
        ["series, fractional seconds"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", Sec(s) + ".123"), ("end", Sec(e) + ".456")), true),
        ["series, Prometheus's own min and max times"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", PrometheusMinTime), ("end", PrometheusMaxTime)), true),
        ["series, nothing matches"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "does_not_exist")), false),
        ["series, quotes and backslash in a value"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{msg=~\".*\\\"hi\\\".*\"}")), true),
        ["series, non-ASCII value"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{city=\"Zürich\"}")), true),
        ["series, single and back quotes"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job='api',__name__=`up`}")), true),
        ["series, colon in the name"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "job:http_requests:rate5m")), true),
        ["series, empty matcher on a missing label"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up{missing=\"\"}")), true),
        ["series, negative matcher on a missing label"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{__name__=~\"up|late_starter\",job!=\"api\"}")), true),
        ["series, start equals end on a sample"] = ((s, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", Sec(s + Minute)), ("end", Sec(s + Minute))), true),
        ["series, only start"] = ((s, _) => ApiRequest.Get("api/v1/series", ("match[]", "batch_job_last_success"), ("start", Sec(s + (20 * Minute)))), true),
        ["series, only end"] = ((s, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job=\"late\"}"), ("end", Sec(s + (10 * Minute)))), false),
        ["series, POST form"] = ((s, e) => ApiRequest.Post("api/v1/series", ("match[]", "http_requests_total{instance=\"b:8080\"}"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["series, POST form with two selectors"] = ((s, e) => ApiRequest.Post("api/v1/series", ("match[]", "up"), ("match[]", "temperature_celsius"), ("start", Sec(s)), ("end", Sec(e))), true),

        // /api/v1/labels
        ["labels, all"] = ((_, _) => ApiRequest.Get("api/v1/labels"), true),
        ["labels in the data's range"] = ((s, e) => ApiRequest.Get("api/v1/labels", ("start", Sec(s)), ("end", Sec(e))), true),
        ["labels, range after the data"] = ((_, e) => ApiRequest.Get("api/v1/labels", ("start", Sec(e + (120 * Minute))), ("end", Sec(e + (150 * Minute)))), false),
        ["labels, end before start"] = ((s, _) => ApiRequest.Get("api/v1/labels", ("match[]", "up"), ("start", Sec(s + (30 * Minute))), ("end", Sec(s + (10 * Minute)))), false),
        ["labels, integer seconds with exponent"] = ((s, e) => ApiRequest.Get("api/v1/labels", ("start", (s / 1000.0).ToString("0.########e+0", System.Globalization.CultureInfo.InvariantCulture)), ("end", Sec(e))), true),
        ["labels of one metric"] = ((_, _) => ApiRequest.Get("api/v1/labels", ("match[]", "up")), true),
        ["labels of histogram buckets"] = ((s, e) => ApiRequest.Get("api/v1/labels", ("match[]", "request_duration_seconds_bucket"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["labels of two selectors"] = ((_, _) => ApiRequest.Get("api/v1/labels", ("match[]", "up"), ("match[]", "temperature_celsius")), true),
        ["labels, nothing matches"] = ((_, _) => ApiRequest.Get("api/v1/labels", ("match[]", "does_not_exist")), false),
        ["labels of a stopped series after it stopped"] = ((s, e) => ApiRequest.Get("api/v1/labels", ("match[]", "batch_job_last_success"), ("start", Sec(s + (40 * Minute))), ("end", Sec(e))), true),
        ["labels, regex selector"] = ((_, _) => ApiRequest.Get("api/v1/labels", ("match[]", "{__name__=~\"label_.*|late_.*\"}")), true),

        // /api/v1/label/{name}/values
        ["metric names"] = ((_, _) => ApiRequest.Get("api/v1/label/__name__/values"), true),
        ["metric names in the data's range"] = ((s, e) => ApiRequest.Get("api/v1/label/__name__/values", ("start", Sec(s)), ("end", Sec(e))), true),
        ["job values"] = ((_, _) => ApiRequest.Get("api/v1/label/job/values"), true),
        ["instance values of up"] = ((_, _) => ApiRequest.Get("api/v1/label/instance/values", ("match[]", "up")), true),
        ["le values of buckets"] = ((_, _) => ApiRequest.Get("api/v1/label/le/values", ("match[]", "request_duration_seconds_bucket")), true),
        ["code values for POST requests"] = ((_, _) => ApiRequest.Get("api/v1/label/code/values", ("match[]", "{__name__=\"http_requests_total\",method=\"POST\"}")), true),
        ["values with quotes and backslash"] = ((_, _) => ApiRequest.Get("api/v1/label/msg/values"), true),
        ["non-ASCII values"] = ((_, _) => ApiRequest.Get("api/v1/label/city/values"), true),
        ["values of a label nobody has"] = ((_, _) => ApiRequest.Get("api/v1/label/nobody/values"), false),
        ["values of a label the selected series lack"] = ((_, _) => ApiRequest.Get("api/v1/label/le/values", ("match[]", "up")), false),
        ["values, nothing matches"] = ((_, _) => ApiRequest.Get("api/v1/label/job/values", ("match[]", "does_not_exist")), false),
        ["values, range after the data"] = ((_, e) => ApiRequest.Get("api/v1/label/job/values", ("start", Sec(e + (120 * Minute))), ("end", Sec(e + (150 * Minute)))), false),
        ["values, two selectors"] = ((_, _) => ApiRequest.Get("api/v1/label/instance/values", ("match[]", "memory_usage_bytes"), ("match[]", "request_duration_seconds_count")), true),
        ["task values of a stopped series after it stopped"] = ((s, e) => ApiRequest.Get("api/v1/label/task/values", ("match[]", "batch_job_last_success"), ("start", Sec(s + (40 * Minute))), ("end", Sec(e))), true),

        // Grafana 10's Prometheus data source, start/end in whole seconds: POST (its default) or GET for series and label
        // names; always GET for label values, buildinfo and metadata (Prometheus 2.42 answers 405 to a POST there).
        ["grafana: label names for the query builder (POST)"] = ((s, e) => ApiRequest.Post("api/v1/labels", ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: label names for the query builder (GET)"] = ((s, e) => ApiRequest.Get("api/v1/labels", ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: metric names (GET)"] = ((s, e) => ApiRequest.Get("api/v1/label/__name__/values", ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: label names of a metric (POST)"] = ((s, e) => ApiRequest.Post("api/v1/labels", ("match[]", "node_cpu_seconds_total"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: label values with match[] (GET)"] = ((s, e) => ApiRequest.Get("api/v1/label/mode/values", ("match[]", "node_cpu_seconds_total{instance=\"a:9100\"}"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: label values of a label, no match[] (GET)"] = ((s, e) => ApiRequest.Get("api/v1/label/instance/values", ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: series lookup (POST)"] = ((s, e) => ApiRequest.Post("api/v1/series", ("match[]", "{__name__=\"up\"}"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: series lookup (GET)"] = ((s, e) => ApiRequest.Get("api/v1/series", ("match[]", "{__name__=\"up\"}"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: series lookup with a regex from the builder (POST)"] = ((s, e) => ApiRequest.Post("api/v1/series", ("match[]", "{__name__=\"http_requests_total\",code=~\"2..|5..\"}"), ("start", Sec(s)), ("end", Sec(e))), true),
        ["grafana: metadata"] = ((_, _) => ApiRequest.Get("api/v1/metadata"), false),
        ["metadata of one metric"] = ((_, _) => ApiRequest.Get("api/v1/metadata", ("metric", "up")), false),
        ["metadata with a limit"] = ((_, _) => ApiRequest.Get("api/v1/metadata", ("limit", "1")), false),

        // Errors: the same status and errorType.
        ["error: series without match[]"] = ((_, _) => ApiRequest.Get("api/v1/series"), false),
        ["error: series without match[] (POST)"] = ((s, _) => ApiRequest.Post("api/v1/series", ("start", Sec(s))), false),
        ["error: bad start"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", "yesterday")), false),
        ["error: bad end"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("end", "2026-13-01T00:00:00Z")), false),
        ["error: RFC 3339 without zone"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", "2026-11-25T00:00:00")), false),
        ["error: bad start (POST)"] = ((_, _) => ApiRequest.Post("api/v1/series", ("match[]", "up"), ("start", "1h")), false),
        ["error: bad regex"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job=~\"(\"}")), false),
        ["error: unclosed selector"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job=\"api\"")), false),
        ["error: only empty matchers"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "{job=\"\"}")), false),
        ["error: empty match[]"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "")), false),
        ["error: one bad selector of two"] = ((_, _) => ApiRequest.Get("api/v1/series", ("match[]", "up"), ("match[]", "up{")), false),
        ["error: labels with a bad selector"] = ((_, _) => ApiRequest.Get("api/v1/labels", ("match[]", "up{")), false),
        ["error: labels with a bad start"] = ((_, _) => ApiRequest.Get("api/v1/labels", ("start", "notatime")), false),
        ["error: labels with a bad end (POST)"] = ((_, _) => ApiRequest.Post("api/v1/labels", ("end", "soon")), false),
        ["error: bad label name"] = ((_, _) => ApiRequest.Get("api/v1/label/1bad/values"), false),
        ["error: label values with a bad selector"] = ((_, _) => ApiRequest.Get("api/v1/label/job/values", ("match[]", "}{")), false),
        ["error: label values with a bad end"] = ((_, _) => ApiRequest.Get("api/v1/label/job/values", ("end", "xyz")), false),
        ["error: label values with only empty matchers"] = ((_, _) => ApiRequest.Get("api/v1/label/job/values", ("match[]", "{job=~\".*\"}")), false),
        ["error: metadata with a bad limit"] = ((_, _) => ApiRequest.Get("api/v1/metadata", ("limit", "ten")), false),
    };

    public static TheoryData<string> Corpus() => [.. Requests.Keys];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Answers_as_Prometheus_does(string name)
    {
        var (build, hasData) = Requests[name];
        var request = build(fixture.StartMs, fixture.EndMs);

        var expected = await fixture.SendAsync(toPrometheus: true, request);
        var actual = await fixture.SendAsync(toPrometheus: false, request);

        var context = $"{request}\nPrometheus: {expected.Status} {expected.Body}\nours: {actual.Status} {actual.Body}";
        Assert.True(expected.Status == actual.Status, "status differs: " + context);
        using var prometheus = JsonDocument.Parse(expected.Body);
        using var ours = JsonDocument.Parse(actual.Body);
        var status = prometheus.RootElement.GetProperty("status").GetString();
        Assert.True(status == ours.RootElement.GetProperty("status").GetString(), "status field differs: " + context);
        if (status == "error")
        {
            Assert.True(prometheus.RootElement.GetProperty("errorType").GetString() == ours.RootElement.GetProperty("errorType").GetString(), "errorType differs: " + context);
            Assert.False(string.IsNullOrWhiteSpace(ours.RootElement.GetProperty("error").GetString()), "our error has no text: " + context);
            return;
        }

        var data = prometheus.RootElement.GetProperty("data");
        Assert.True(!hasData || data.ValueKind switch
        {
            JsonValueKind.Array => data.GetArrayLength() > 0,
            JsonValueKind.Object => data.EnumerateObject().Any(),
            _ => true,
        }, "the corpus meant this request to find data, and Prometheus found none: " + context);
        Assert.True(PrometheusJson.Canonical(prometheus.RootElement) == PrometheusJson.Canonical(ours.RootElement), "answers differ: " + context);
    }

    [Fact]
    public async Task Buildinfo_has_Prometheus_fields()
    {
        var request = ApiRequest.Get("api/v1/status/buildinfo");

        var expected = await fixture.SendAsync(toPrometheus: true, request);
        var actual = await fixture.SendAsync(toPrometheus: false, request);

        Assert.Equal(expected.Status, actual.Status);
        using var prometheus = JsonDocument.Parse(expected.Body);
        using var ours = JsonDocument.Parse(actual.Body);
        Assert.Equal(PrometheusJson.Shape(prometheus.RootElement), PrometheusJson.Shape(ours.RootElement));
        Assert.False(string.IsNullOrEmpty(ours.RootElement.GetProperty("data").GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Sorted_lists_come_sorted_as_Prometheus_sorts_them()
    {
        foreach (var path in (string[])["api/v1/labels", "api/v1/label/__name__/values", "api/v1/label/city/values"])
        {
            var request = ApiRequest.Get(path);

            var expected = await fixture.SendAsync(toPrometheus: true, request);
            var actual = await fixture.SendAsync(toPrometheus: false, request);

            using var prometheus = JsonDocument.Parse(expected.Body);
            using var ours = JsonDocument.Parse(actual.Body);
            Assert.Equal(
                prometheus.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()),
                ours.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()));
        }
    }

    private static string Sec(long unixMs) => GoldenDataSet.Seconds(unixMs);

    private static string Rfc3339(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
