using System.Buffers;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Query.Json;

namespace Dashboard.Core.Tests.Query.Json;

/// <summary>What the query_range endpoint writes for <c>format=chart</c>: a decimated matrix as the chart format's data object.</summary>
public sealed class ChartResultJsonTests
{
    private static readonly Label[] Cpu0 = [new("__name__", "cpu"), new("cpu", "0")];
    private static readonly Label[] Cpu1 = [new("__name__", "cpu"), new("cpu", "1")];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_decimated_matrix_reads_back_as_each_series_decimated_alone(bool pixelTimes)
    {
        var (times0, values0) = Walk(50_000, seed: 1, decimals: 2);
        var (times1, values1) = Walk(30_000, seed: 2, decimals: -1);
        var grid = new PixelGrid(times0[0], times0[^1], 500);
        var matrix = MatrixResult.Build([(Cpu0, times0, values0), (Cpu1, times1, values1), ([new("__name__", "empty")], [], [])]).Decimated(grid);

        var decoded = ChartWireDecoder.Decode(Answer(json => ChartResultJson.WriteData(json, matrix, pixelTimes ? grid : null)));

        Assert.Equal(2, decoded.Count);
        foreach (var (series, labels, times, values) in new[] { (decoded[0], Cpu0, times0, values0), (decoded[1], Cpu1, times1, values1) })
        {
            var keptTimes = new long[grid.MaxPoints];
            var keptValues = new double[grid.MaxPoints];
            var kept = M4Decimator.Decimate(times, values, grid, keptTimes, keptValues);
            Assert.Equal(labels, series.Labels);
            Assert.Equal(keptValues.Take(kept), series.Values);
            if (pixelTimes)
            {
                Assert.Equal(keptTimes.Take(kept).Select(grid.ColumnOf), series.Columns!);
            }
            else
            {
                Assert.Equal(keptTimes.Take(kept), series.Timestamps);
            }
        }
    }

    [Fact]
    public void An_empty_matrix_is_an_empty_result() =>
        Assert.Equal(
            """{"status":"success","data":{"resultType":"chart","result":[]}}""",
            System.Text.Encoding.UTF8.GetString(Answer(json => ChartResultJson.WriteData(json, MatrixResult.Build([])))));

    private static byte[] Answer(Action<Utf8JsonWriter> writeData)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("status", "success");
            json.WritePropertyName("data");
            writeData(json);
            json.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    // Samples 15 s apart with ±2 ms jitter; values rounded to `decimals`, or full precision when negative.
    private static (long[] Timestamps, double[] Values) Walk(int count, int seed, int decimals)
    {
#pragma warning disable CA5394 // Test data, not security: a fixed seed keeps the test repeatable.
        var random = new Random(seed);
        var timestamps = new long[count];
        var values = new double[count];
        var value = 10.0;
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = 1_700_000_000_000 + (i * 15_000L) + (i == 0 ? 0 : random.Next(-2, 3));
            value += random.NextDouble() - 0.5;
            values[i] = decimals < 0 ? value : Math.Round(value, decimals);
        }
#pragma warning restore CA5394

        return (timestamps, values);
    }
}
