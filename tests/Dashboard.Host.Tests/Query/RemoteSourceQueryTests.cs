using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Remote;
using Dashboard.Host.Tests.PrometheusApi;

namespace Dashboard.Host.Tests.Query;

/// <summary>
/// The whole path with a remote source: our host, its own store empty, evaluates <c>/api/v1/query_range</c> over
/// samples read from Prometheus 2.42 (holding <see cref="GoldenDataSet"/>), and answers what Prometheus answers itself.
/// </summary>
[Collection(GoldenFixture.Collection)]
public sealed class RemoteSourceQueryTests(GoldenFixture fixture)
{
    // No stale-marker series here: Prometheus drops markers from the raw samples it hands out, so over a remote a
    // series that ended with one stays visible for the lookback (docs/query.md, "Remote source").
    private static readonly string[] Queries =
    [
        "rate(http_requests_total[5m])",
        "sum by (instance) (rate(http_requests_total{job=\"api\"}[5m]))",
        "http_requests_total{code=\"500\"} / ignoring(code) http_requests_total{code=\"200\"}",
        "temperature_celsius * 2 - on(room, sensor) temperature_celsius offset 1m",
        "histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[5m])))",
        "max_over_time(memory_usage_bytes[10m]) > bool 0",
        "label_edge_cases",
    ];

    [Fact]
    public async Task Query_range_over_the_remote_answers_what_Prometheus_answers()
    {
        await using var host = new RemoteQueryHost(fixture.Prometheus.BaseAddress);
        Assert.IsType<PrometheusRemoteSource>(host.Services.GetService(typeof(ISeriesSource)));
        var parameters = new[]
        {
            ("start", GoldenDataSet.Seconds(fixture.StartMs + 600_000)), ("end", GoldenDataSet.Seconds(fixture.EndMs)), ("step", "30"),
        };

        var mismatches = new List<string>();
        foreach (var query in Queries)
        {
            var request = ApiRequest.Post("api/v1/query_range", [("query", query), .. parameters]);
            var expected = await fixture.SendAsync(toPrometheus: true, request);
            using var message = request.ToMessage(host.Client.BaseAddress!);
            using var response = await host.Client.SendAsync(message);
            var actual = ((int)response.StatusCode, await response.Content.ReadAsStringAsync());

            Assert.True(expected.Status == 200, $"{query}: Prometheus answered {expected.Status}: {expected.Body}");
            Assert.True(actual.Item1 == 200, $"{query}: we answered {actual.Item1}: {actual.Item2}");
            var want = Matrix(expected.Body);
            Assert.True(want.Count > 0, $"{query}: Prometheus answered no series; the comparison would prove nothing");
            mismatches.AddRange(Compare(query, want, Matrix(actual.Item2)));
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
    }

    [Fact]
    public async Task A_remote_that_is_down_fails_the_query_with_422_naming_it()
    {
        var port = Dashboard.Tests.LoopbackListener.FreePort();
        await using var host = new RemoteQueryHost(new Uri($"http://127.0.0.1:{port}/"));

        using var response = await host.Client.GetAsync("api/v1/query?query=sum(rate(http_requests_total[5m]))&time=1700000000");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("execution", json.RootElement.GetProperty("errorType").GetString());
        Assert.StartsWith($"remote Prometheus http://127.0.0.1:{port}/: could not be reached", json.RootElement.GetProperty("error").GetString());
    }

    private static IEnumerable<string> Compare(string query, Dictionary<string, List<(decimal Time, double Value)>> expected,
        Dictionary<string, List<(decimal Time, double Value)>> actual)
    {
        foreach (var key in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            if (!expected.TryGetValue(key, out var want) || !actual.TryGetValue(key, out var got))
            {
                yield return $"{query}: {key} only {(expected.ContainsKey(key) ? "from Prometheus" : "from us")}";
                continue;
            }

            if (want.Count != got.Count || want.Zip(got).Any(p => p.First.Time != p.Second.Time || !Close(p.First.Value, p.Second.Value)))
            {
                yield return $"{query}: {key}: Prometheus {Show(want)} us {Show(got)}";
            }
        }
    }

    private static bool Close(double expected, double actual) =>
        double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual)
            ? expected.Equals(actual)
            : Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), Math.Abs(actual));

    private static string Show(List<(decimal Time, double Value)> points) =>
        $"{points.Count} points [{string.Join(", ", points.Take(6).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Time}:{p.Value:R}")))}]";

    private static Dictionary<string, List<(decimal Time, double Value)>> Matrix(string body)
    {
        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("matrix", data.GetProperty("resultType").GetString());
        return data.GetProperty("result").EnumerateArray().ToDictionary(
            s => "{" + string.Join(',', s.GetProperty("metric").EnumerateObject().OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}={l.Value.GetString()}")) + "}",
            s => s.GetProperty("values").EnumerateArray().Select(v => (v[0].GetDecimal(), Value(v[1].GetString()!))).ToList(),
            StringComparer.Ordinal);
    }

    private static double Value(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
