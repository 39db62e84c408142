using System.Text.Json;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// <c>/api/v1/query</c> and <c>/api/v1/query_range</c> at the edge: parameter errors worded exactly as Prometheus 2.42
/// words them (asked of both), timeouts, the samples limit, GET and POST alike, and our <c>max_points</c> for charts.
/// The results themselves are compared with Prometheus by the golden query corpus.
/// </summary>
[Collection(GoldenFixture.Collection)]
public sealed class QueryEndpointTests(GoldenFixture fixture)
{
    public static TheoryData<string> BadParameters => new()
    {
        "api/v1/query?query=up&time=yesterday",
        "api/v1/query?query=up&timeout=soon",
        "api/v1/query?query=sum(up",
        "api/v1/query?query=",
        "api/v1/query_range?query=up&end=1700000000&step=15",
        "api/v1/query_range?query=up&start=1700000000&step=15",
        "api/v1/query_range?query=up&start=1700000000&end=1700000100",
        "api/v1/query_range?query=up&start=1700000000&end=1700000100&step=-1",
        "api/v1/query_range?query=up&start=1700000000&end=1700000100&step=0",
        "api/v1/query_range?query=up&start=1700000000&end=1700000100&step=1d2",
        "api/v1/query_range?query=up&start=1700000100&end=1700000000&step=15",
        "api/v1/query_range?query=up&start=1700000000&end=1700011001&step=1",
        "api/v1/query_range?query=up[5m]&start=1700000000&end=1700000100&step=15",
        "api/v1/query_range?query=%22text%22&start=1700000000&end=1700000100&step=15",
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task Bad_parameters_get_Prometheus_status_kind_and_words(string pathAndQuery)
    {
        var request = new ApiRequest(HttpMethod.Get, pathAndQuery);

        var expected = await fixture.SendAsync(toPrometheus: true, request);
        var actual = await fixture.SendAsync(toPrometheus: false, request);

        Assert.Equal(400, expected.Status);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(Error(expected.Body), Error(actual.Body));
    }

    [Fact]
    public async Task Get_and_post_answer_alike()
    {
        var time = GoldenDataSet.Seconds(fixture.EndMs);
        var get = await fixture.SendAsync(false, ApiRequest.Get("api/v1/query", ("query", "sum by (job) (up)"), ("time", time)));
        var post = await fixture.SendAsync(false, ApiRequest.Post("api/v1/query", ("query", "sum by (job) (up)"), ("time", time)));

        Assert.Equal(200, get.Status);
        Assert.Equal(get.Body, post.Body);
        Assert.Contains("\"resultType\":\"vector\"", get.Body);
    }

    [Fact]
    public async Task A_timeout_of_zero_answers_503_timeout()
    {
        var (status, body) = await fixture.SendAsync(false, ApiRequest.Get("api/v1/query", ("query", "up"), ("timeout", "0")));

        Assert.Equal(503, status);
        Assert.Equal(("timeout", "query timed out in expression evaluation"), Error(body));
    }

    [Fact]
    public async Task A_construct_we_do_not_evaluate_answers_400_naming_it()
    {
        var (status, body) = await fixture.SendAsync(false, ApiRequest.Get("api/v1/query", ("query", "max_over_time(rate(up[1m])[10m:1m])")));

        Assert.Equal(400, status);
        var (kind, message) = Error(body);
        Assert.Equal("bad_data", kind);
        Assert.Contains("subquery is not supported", message);
    }

    [Fact]
    public async Task Max_points_keeps_each_series_within_the_budget_with_its_extremes()
    {
        var parameters = new[]
        {
            ("query", "node_cpu_seconds_total"), ("start", GoldenDataSet.Seconds(fixture.StartMs)),
            ("end", GoldenDataSet.Seconds(fixture.EndMs)), ("step", "15"),
        };
        var full = Series((await fixture.SendAsync(false, ApiRequest.Get("api/v1/query_range", parameters))).Body);
        var chart = Series((await fixture.SendAsync(false, ApiRequest.Get("api/v1/query_range", [.. parameters, ("max_points", "40")]))).Body);

        Assert.Equal(full.Keys.Order(), chart.Keys.Order());
        foreach (var (series, points) in chart)
        {
            Assert.True(full[series].Count > 40, "the test needs more points than the budget");
            Assert.InRange(points.Count, 2, 40);
            Assert.Contains(full[series].MaxBy(p => p.Value), points);
            Assert.Contains(full[series].MinBy(p => p.Value), points);
            Assert.All(points, p => Assert.Contains(p, full[series]));
        }
    }

    [Fact]
    public async Task Answers_are_gzipped_when_the_client_accepts_it_as_Grafana_does()
    {
        var path = $"api/v1/query_range?query=node_cpu_seconds_total&start={GoldenDataSet.Seconds(fixture.StartMs)}&end={GoldenDataSet.Seconds(fixture.EndMs)}&step=15";
        using var plainResponse = await fixture.Host.Client.GetAsync(path);
        var plain = await plainResponse.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await fixture.Host.Client.SendAsync(request);

        Assert.Empty(plainResponse.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        await using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(plain, unzipped.ToArray());
        Assert.True(compressed.Length * 4 < plain.Length, $"{compressed.Length} bytes gzipped of {plain.Length}");
    }

    [Fact]
    public async Task Max_points_that_is_not_a_count_is_refused()
    {
        var (status, body) = await fixture.SendAsync(false, ApiRequest.Get("api/v1/query_range", ("query", "up"),
            ("start", "1700000000"), ("end", "1700000100"), ("step", "15"), ("max_points", "3")));

        Assert.Equal(400, status);
        Assert.StartsWith("invalid parameter \"max_points\"", Error(body).Message);
    }

    private static (string Kind, string Message) Error(string body)
    {
        using var json = JsonDocument.Parse(body);
        Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
        return (json.RootElement.GetProperty("errorType").GetString()!, json.RootElement.GetProperty("error").GetString()!);
    }

    private static Dictionary<string, List<(decimal Time, string Value)>> Series(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            s => s.GetProperty("metric").GetRawText(),
            s => s.GetProperty("values").EnumerateArray().Select(p => (p[0].GetDecimal(), p[1].GetString()!)).ToList());
    }
}

/// <summary>The samples limit answered as Prometheus answers it, on a host configured with a tiny one.</summary>
public sealed class QuerySamplesLimitTests
{
    [Fact]
    public async Task A_query_over_the_samples_limit_answers_422_execution()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Query:MaxSamples"] = "5" }, "{\"instances\":[]}");

        using var small = await host.Client.GetAsync("api/v1/query_range?query=vector(1)&start=0&end=3&step=1");
        using var large = await host.Client.GetAsync("api/v1/query_range?query=vector(1)&start=0&end=100&step=1");

        Assert.Equal(200, (int)small.StatusCode);
        Assert.Equal(422, (int)large.StatusCode);
        using var json = JsonDocument.Parse(await large.Content.ReadAsStringAsync());
        Assert.Equal("execution", json.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("query processing would load too many samples into memory in query execution", json.RootElement.GetProperty("error").GetString());
    }
}
