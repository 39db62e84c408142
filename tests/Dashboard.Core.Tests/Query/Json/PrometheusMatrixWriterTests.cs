using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Dashboard.Core.Query.Json;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.RemoteWrite.Protocol;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Query.Json;

public sealed class PrometheusMatrixWriterTests
{
    // Values around every switch in Prometheus's formatting: fixed point between 1e-6 and 1e21, 'e' outside, and
    // .NET's own switch to exponents at 1e15 and 1e-5 that the writer must undo.
    private static readonly double[] Values =
    [
        0, 1, -1, 0.1, 0.30000000000000004, 100, 123456789.123, 1e-5, 1.5e-6, 1e-6, 9.99e-7, 1e-7, -2.5e-8, 5e-324,
        1e15, 1.2345e17, -1e20, 9.99e20, 1e21, 1.5e22, double.MaxValue, double.NaN, double.PositiveInfinity,
        double.NegativeInfinity, 42.5,
    ];

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Our_bytes_equal_prometheus_query_range_bytes_for_the_same_points()
    {
        using var folder = new TempFolder();
        await using var prometheus = await PrometheusProcess.StartAsync(folder.Combine("prometheus"), "scrape_configs: []\n", remoteWriteReceiver: true);
        var t0 = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000) - 600) * 1000;
        await PushAsync(prometheus, t0);

        // Whole seconds (no fraction), then a step of 1.001 s from t0 + 5 ms: fractions .005, .006, … with their zeros.
        foreach (var (startMs, stepMs) in new[] { (t0, 1000L), (t0 + 5, 1001L) })
        {
            var endMs = startMs + ((Values.Length - 1) * stepMs);
            var url = new Uri(prometheus.BaseAddress, string.Create(CultureInfo.InvariantCulture,
                $"api/v1/query_range?query=golden_values&start={startMs / 1000.0:0.000}&end={endMs / 1000.0:0.000}&step={stepMs / 1000.0:0.000}"));
            var theirs = await Http.GetByteArrayAsync(url);
            var (labels, timestamps, values) = Parse(theirs);
            Assert.Equal(Values.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));

            var ours = new ArrayBufferWriter<byte>();
            using (var writer = new PrometheusMatrixWriter(ours))
            {
                writer.WriteSeries(labels, timestamps, values);
                writer.Complete();
            }

            Assert.Equal(Encoding.UTF8.GetString(theirs), Encoding.UTF8.GetString(ours.WrittenSpan));
        }
    }

    [Fact]
    public void Several_series_and_an_empty_result_make_valid_documents()
    {
        var empty = Write(_ => { });
        var two = Write(writer =>
        {
            writer.WriteSeries([new("__name__", "up"), new("job", "a\"b")], [1_700_000_000_000, -1_500], [1, 2]);
            writer.WriteSeries([new("__name__", "up"), new("job", "é")], [], []);
        });

        Assert.Equal("""{"status":"success","data":{"resultType":"matrix","result":[]}}""", empty);
        Assert.Equal("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a\"b"},"values":[[1700000000,"1"],[-1.500,"2"]]},{"metric":{"__name__":"up","job":"é"},"values":[]}]}}""", two);
    }

    [Fact]
    public void Mismatched_timestamps_and_values_are_refused()
    {
        using var writer = new PrometheusMatrixWriter(new ArrayBufferWriter<byte>());

        var error = Assert.Throws<ArgumentException>(() => writer.WriteSeries([], [1, 2], [1]));

        Assert.Contains("2 timestamps but 1 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_finite_value_reads_back_to_the_same_double() =>
        Gen.Double.Where(double.IsFinite).Sample(value =>
        {
            Span<byte> text = stackalloc byte[PrometheusNumberFormat.MaxLength];
            var length = PrometheusNumberFormat.WriteValue(value, text);

            var back = double.Parse(text[..length], NumberStyles.Float, CultureInfo.InvariantCulture);

            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
        }, iter: 20_000);

    private static string Write(Action<PrometheusMatrixWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = new PrometheusMatrixWriter(output);
        write(writer);
        writer.Complete();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static async Task PushAsync(PrometheusProcess prometheus, long t0)
    {
        var series = new TimeSeries();
        series.Labels.Add(new Label { Name = "__name__", Value = "golden_values" });
        series.Labels.Add(new Label { Name = "case", Value = "format" });
        for (var i = 0; i < Values.Length; i++)
        {
            series.Samples.Add(new Sample { Timestamp = t0 + (i * 1000L), Value = Values[i] });
        }

        var request = new WriteRequest();
        request.Timeseries.Add(series);
        using var body = RemoteWriteProtocol.Content(RemoteWriteProtocol.Encode(request));
        using var response = await Http.PostAsync(prometheus.WriteUrl, body);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{prometheus.Log}");
    }

    private static (Abstractions.Label[] Labels, long[] Timestamps, double[] Values) Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var series = Assert.Single(document.RootElement.GetProperty("data").GetProperty("result").EnumerateArray());
        var labels = series.GetProperty("metric").EnumerateObject().Select(p => new Abstractions.Label(p.Name, p.Value.GetString()!)).ToArray();
        var points = series.GetProperty("values").EnumerateArray().ToArray();
        var timestamps = points.Select(p => (long)Math.Round(p[0].GetDouble() * 1000)).ToArray();
        var values = points.Select(p => p[1].GetString() switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        }).ToArray();
        return (labels, timestamps, values);
    }
}
