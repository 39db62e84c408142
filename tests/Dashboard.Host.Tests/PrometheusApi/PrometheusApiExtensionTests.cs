using System.Reflection;
using System.Text.Json;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// What we answer beyond Prometheus 2.42, on the golden data: POST with a form body on every route (2.42 takes it only
/// on series and labels), and the <c>limit</c> parameter of later Prometheus versions.
/// </summary>
[Collection(GoldenFixture.Collection)]
public sealed class PrometheusApiExtensionTests(GoldenFixture fixture)
{
    [Theory]
    [InlineData("api/v1/label/__name__/values")]
    [InlineData("api/v1/label/mode/values", "match[]", "node_cpu_seconds_total{instance=\"a:9100\"}")]
    [InlineData("api/v1/label/instance/values", "match[]", "up", "match[]", "memory_usage_bytes")]
    [InlineData("api/v1/status/buildinfo")]
    [InlineData("api/v1/metadata", "limit", "3")]
    public async Task A_POST_with_a_form_body_answers_as_the_GET(string path, params string[] fields)
    {
        var pairs = fields.Chunk(2).Select(f => (f[0], f[1])).ToArray();
        var (getStatus, getBody) = await fixture.SendAsync(toPrometheus: false, ApiRequest.Get(path, pairs));
        var (postStatus, postBody) = await fixture.SendAsync(toPrometheus: false, ApiRequest.Post(path, pairs));

        Assert.Equal(200, getStatus);
        Assert.Equal(200, postStatus);
        Assert.Equal(getBody, postBody);
        Assert.StartsWith("{\"status\":\"success\",\"data\":", postBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_POST_takes_body_values_before_query_values_as_Go_does()
    {
        var request = new ApiRequest(HttpMethod.Post, "api/v1/label/job/values?match[]=does_not_exist",
            [KeyValuePair.Create("match[]", "up")]);

        var (status, body) = await fixture.SendAsync(toPrometheus: false, request);

        Assert.Equal(200, status);
        Assert.Equal("""{"status":"success","data":["api","node"]}""", body);
    }

    [Theory]
    [InlineData("api/v1/series", "match[]", "http_requests_total")]
    [InlineData("api/v1/labels")]
    [InlineData("api/v1/label/__name__/values")]
    public async Task A_limit_cuts_the_list_and_says_so(string path, params string[] fields)
    {
        var pairs = fields.Chunk(2).Select(f => (f[0], f[1])).ToArray();
        var all = Data(await fixture.SendAsync(toPrometheus: false, ApiRequest.Get(path, pairs)));
        using var cut = JsonDocument.Parse((await fixture.SendAsync(toPrometheus: false, ApiRequest.Get(path, [.. pairs, ("limit", "2")]))).Body);
        using var exact = JsonDocument.Parse((await fixture.SendAsync(toPrometheus: false, ApiRequest.Get(path, [.. pairs, ("limit", all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]))).Body);
        var none = Data(await fixture.SendAsync(toPrometheus: false, ApiRequest.Get(path, [.. pairs, ("limit", "0")])));

        Assert.True(all.Count > 2, $"the data set has more than two answers to {path}");
        Assert.Equal(all.Take(2), cut.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetRawText()));
        Assert.Equal("results truncated due to limit", Assert.Single(cut.RootElement.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(all.Count, exact.RootElement.GetProperty("data").GetArrayLength());
        Assert.False(exact.RootElement.TryGetProperty("warnings", out _));
        Assert.Equal(all, none);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    public async Task A_bad_limit_is_bad_data(string limit)
    {
        var (status, body) = await fixture.SendAsync(toPrometheus: false, ApiRequest.Get("api/v1/series", ("match[]", "up"), ("limit", limit)));

        Assert.Equal(400, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("bad_data", json.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("\"limit\"", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Series_in_a_range_that_ends_before_it_starts_are_none()
    {
        // Prometheus 2.42 answers with the series whose chunks happen to straddle both ends (its chunk boundaries
        // decide); no sample lies in such a range, so we answer none.
        var request = ApiRequest.Get("api/v1/series", ("match[]", "up"),
            ("start", GoldenDataSet.Seconds(fixture.StartMs + 1_800_000)), ("end", GoldenDataSet.Seconds(fixture.StartMs + 600_000)));

        var (status, body) = await fixture.SendAsync(toPrometheus: false, request);

        Assert.Equal(200, status);
        Assert.Equal("""{"status":"success","data":[]}""", body);
    }

    [Fact]
    public async Task Errors_are_Prometheus_json_not_problem_json_and_name_the_parameter()
    {
        using var message = ApiRequest.Get("api/v1/series", ("match[]", "up"), ("start", "yesterday")).ToMessage(fixture.Host.Client.BaseAddress!);

        using var response = await fixture.Host.Client.SendAsync(message);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            """{"status":"error","errorType":"bad_data","error":"invalid parameter \"start\": Invalid time value for 'start': cannot parse \"yesterday\" to a valid timestamp"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Buildinfo_reports_our_version_and_runtime()
    {
        using var json = JsonDocument.Parse((await fixture.SendAsync(toPrometheus: false, ApiRequest.Get("api/v1/status/buildinfo"))).Body);
        var data = json.RootElement.GetProperty("data");
        var informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational.Split('+')[0], data.GetProperty("version").GetString());
        Assert.Equal(informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1] : string.Empty, data.GetProperty("revision").GetString());
        Assert.StartsWith(".NET", data.GetProperty("goVersion").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Data((int Status, string Body) answer)
    {
        Assert.Equal(200, answer.Status);
        using var json = JsonDocument.Parse(answer.Body);
        return [.. json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetRawText())];
    }
}
