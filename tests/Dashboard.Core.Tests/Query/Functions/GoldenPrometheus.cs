using System.Globalization;
using System.Text.Json;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Query.Functions;

/// <summary>
/// A real Prometheus 2.42 holding a data set pushed by remote_write, asked instant queries: the reference our kernels
/// are compared with.
/// </summary>
public sealed class GoldenPrometheus : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly PrometheusProcess _prometheus;
    private readonly HttpClient _http;

    private GoldenPrometheus(TempFolder folder, PrometheusProcess prometheus)
    {
        _folder = folder;
        _prometheus = prometheus;
        _http = new HttpClient { BaseAddress = prometheus.BaseAddress };
    }

    /// <summary>Starts Prometheus and pushes the series, each given as its labels (<c>__name__</c> included) and samples.</summary>
    public static async Task<GoldenPrometheus> StartAsync(IEnumerable<(IReadOnlyList<(string Name, string Value)> Labels, long[] Times, double[] Values)> series)
    {
        var folder = new TempFolder();
        var prometheus = await PrometheusProcess.StartAsync(folder.Path, "global: { scrape_interval: 1m }\n", remoteWriteReceiver: true);
        var golden = new GoldenPrometheus(folder, prometheus);
        var request = new WriteRequest();
        foreach (var (labels, times, values) in series)
        {
            var timeSeries = new TimeSeries();
            timeSeries.Labels.AddRange(labels.Select(l => new Label { Name = l.Name, Value = l.Value }));
            for (var i = 0; i < times.Length; i++)
            {
                timeSeries.Samples.Add(new Sample { Timestamp = times[i], Value = values[i] });
            }

            request.Timeseries.Add(timeSeries);
        }

        using var content = RemoteWriteProtocol.Content(RemoteWriteProtocol.Encode(request));
        using var response = await golden._http.PostAsync(prometheus.WriteUrl, content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return golden;
    }

    /// <summary>An instant query at <paramref name="timeMs"/>; each result sample keyed by its value of <paramref name="keyLabel"/> ("" if it has none).</summary>
    public async Task<Dictionary<string, double>> QueryAsync(string query, long timeMs, string keyLabel)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={timeMs / 1000.0:0.000}");
        using var document = JsonDocument.Parse(await _http.GetStringAsync(url));
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var series in document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var key = series.GetProperty("metric").TryGetProperty(keyLabel, out var label) ? label.GetString()! : string.Empty;
            result.Add(key, ParseValue(series.GetProperty("value")[1].GetString()!));
        }

        return result;
    }

    /// <summary>An instant query at <paramref name="timeMs"/>; the labels of each result sample.</summary>
    public async Task<List<Dictionary<string, string>>> QueryLabelsAsync(string query, long timeMs)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={timeMs / 1000.0:0.000}");
        using var document = JsonDocument.Parse(await _http.GetStringAsync(url));
        return [.. document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(s => s.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal))];
    }

    /// <summary>Whether two answers agree: both absent, or equal within float rounding (NaN and infinities exactly).</summary>
    public static bool Same(double? expected, double? actual)
    {
        if (expected is not { } e || actual is not { } a)
        {
            return expected is null && actual is null;
        }

        if (double.IsNaN(e) || double.IsNaN(a) || double.IsInfinity(e) || double.IsInfinity(a))
        {
            return e.Equals(a);
        }

        return Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(e), Math.Abs(a)));
    }

    public static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "no sample";

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _prometheus.DisposeAsync();
        _folder.Dispose();
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
