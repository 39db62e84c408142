using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// Times one <c>query_range</c> request at a time, from sending it to having read the whole body, on a kept-alive
/// connection. Every answer must be 200 with <c>"status":"success"</c>; the shape of the last one (series, points) is
/// kept so the two servers' answers can be compared.
/// </summary>
internal sealed class QueryRangeTimer(HttpClient http)
{
    /// <summary>The request for <paramref name="query"/> over [start, end] at <paramref name="stepSeconds"/>.</summary>
    public static string PathAndQuery(string query, double startSeconds, double endSeconds, double stepSeconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"api/v1/query_range?query={Uri.EscapeDataString(query)}&start={startSeconds:0.###}&end={endSeconds:0.###}&step={stepSeconds:0.###}");

    /// <returns>The request's wall time in milliseconds, and the answer's shape.</returns>
    public async Task<(double Milliseconds, ResultShape Shape)> TimeAsync(Uri server, string pathAndQuery, bool readShape, CancellationToken cancellationToken)
    {
        var uri = new Uri(server, pathAndQuery);
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            throw new InvalidOperationException($"{uri} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        }

        return (elapsed, readShape ? ResultShape.Of(body, uri) : default);
    }

    /// <summary>How many series a matrix answer holds, their points, and the sum of all values (a cheap fingerprint).</summary>
    internal readonly record struct ResultShape(int Series, long Points, double Sum, long Bytes)
    {
        public static ResultShape Of(byte[] body, Uri uri)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.GetProperty("status").GetString() != "success")
            {
                throw new InvalidOperationException($"{uri} answered status {root.GetProperty("status")}.");
            }

            var result = root.GetProperty("data").GetProperty("result");
            var points = 0L;
            var sum = 0.0;
            foreach (var series in result.EnumerateArray())
            {
                if (!series.TryGetProperty("values", out var values))
                {
                    continue;
                }

                foreach (var point in values.EnumerateArray())
                {
                    points++;
                    // "NaN", "+Inf" and "-Inf" are left out of the fingerprint.
                    if (double.TryParse(point[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                    {
                        sum += value;
                    }
                }
            }

            return new ResultShape(result.GetArrayLength(), points, sum, body.Length);
        }

        /// <summary>Same series and points, and sums within a relative 1e-6 (summation order differs between engines).</summary>
        public bool Matches(ResultShape other) =>
            Series == other.Series && Points == other.Points && Math.Abs(Sum - other.Sum) <= 1e-6 * Math.Max(1, Math.Abs(Sum));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Series} series, {Points} points, sum {Sum:G10}, {Bytes:N0} bytes");
    }
}
