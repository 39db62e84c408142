using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Json;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Query.Json;

/// <summary>
/// The JavaScript decoder of docs/decimation.md (tests/js/read-chart.mjs, run by node) reads what the writer wrote to
/// the same times and the same doubles, bit for bit: the chart (issue 7) gets exactly the decimated points.
/// </summary>
public sealed class ChartWireJavaScriptTests
{
    private static readonly Label[] Labels = [new("__name__", "p5")];

    [Fact]
    public async Task The_documented_javascript_decoder_reads_every_point_exactly()
    {
        var series = Series();
        using var folder = new TempFolder();
        var path = folder.Combine("chart.json");
        await File.WriteAllBytesAsync(path, Write(null, series));

        var decoded = (await NodeScript.RunAsync("read-chart.mjs", path)).EnumerateArray().ToArray();

        Assert.Equal(series.Length, decoded.Length);
        for (var s = 0; s < series.Length; s++)
        {
            Assert.Equal(series[s].Timestamps.Select(t => (double)t), decoded[s].GetProperty("xs").EnumerateArray().Select(x => x.GetDouble()));
            Assert.Equal(Bits(series[s].Values), Bits(decoded[s].GetProperty("ys")));
        }
    }

    [Fact]
    public async Task With_pixel_times_the_javascript_decoder_draws_each_point_in_its_column_with_its_exact_value()
    {
        var series = Series();
        var grid = new PixelGrid(series.Min(s => s.Timestamps.DefaultIfEmpty(long.MaxValue).Min()), series.Max(s => s.Timestamps.DefaultIfEmpty(0).Max()), 1_000);
        using var folder = new TempFolder();
        var path = folder.Combine("chart.json");
        await File.WriteAllBytesAsync(path, Write(grid, series));

        var decoded = (await NodeScript.RunAsync("read-chart.mjs", path)).EnumerateArray().ToArray();

        Assert.Equal(series.Length, decoded.Length);
        for (var s = 0; s < series.Length; s++)
        {
            var xs = decoded[s].GetProperty("xs").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(series[s].Timestamps.Select(grid.ColumnOf), xs.Select(x => grid.ColumnOf((long)Math.Floor(x))));
            Assert.Equal(xs.Order(), xs);
            Assert.Equal(Bits(series[s].Values), Bits(decoded[s].GetProperty("ys")));
        }
    }

    // M4 panels of a decimal walk, a full-precision walk and a counter, a series of the special values and extremes,
    // a single point and an empty series.
    private static (long[] Timestamps, double[] Values)[] Series()
    {
#pragma warning disable CA5394 // Test data, not security: a fixed seed keeps the test repeatable.
        var random = new Random(7);
        const long Start = 1_700_000_000_000;
        var grid = new PixelGrid(Start, Start + 999_999_999, 1_000);
        var decimated = new List<(long[], double[])>();
        foreach (var shape in new Func<double, double>[] { v => Math.Round(v + random.NextDouble() - 0.5, 3), v => v + random.NextDouble() - 0.5, v => v + random.Next(0, 51) })
        {
            var timestamps = new long[200_000];
            var values = new double[timestamps.Length];
            var value = 50.0;
            for (var i = 0; i < timestamps.Length; i++)
            {
                timestamps[i] = Start + (i * 5_000L) + random.Next(-2, 3);
                value = shape(value);
                values[i] = value;
            }
#pragma warning restore CA5394

            timestamps[0] = Start;
            var keptTimes = new long[grid.MaxPoints];
            var keptValues = new double[grid.MaxPoints];
            var kept = M4Decimator.Decimate(timestamps, values, grid, keptTimes, keptValues);
            decimated.Add((keptTimes[..kept], keptValues[..kept]));
        }

        return
        [
            .. decimated,
            ([Start, Start + 1, Start + 2, Start + 3, Start + 4, Start + 5, Start + 6, Start + 7],
                [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e300, 5e-324, 1e-22, -123.456]),
            ([Start + 500_000_000], [42.5]),
            ([], []),
        ];
    }

    private static byte[] Write(PixelGrid? grid, (long[] Timestamps, double[] Values)[] series)
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = grid is { } pixels ? new ChartSeriesWriter(output, pixels) : new ChartSeriesWriter(output);
        foreach (var (timestamps, values) in series)
        {
            writer.WriteSeries(Labels, timestamps, values);
        }

        writer.Complete();
        return output.WrittenSpan.ToArray();
    }

    // A NaN's sign and payload are not part of the format (.NET's NaN and JavaScript's differ in the sign bit).
    private static IEnumerable<long> Bits(IEnumerable<double> values) =>
        values.Select(v => double.IsNaN(v) ? -1 : BitConverter.DoubleToInt64Bits(v));

    private static IEnumerable<long> Bits(JsonElement values) =>
        Bits(values.EnumerateArray().Select(y => BitConverter.Int64BitsToDouble(long.Parse(y.GetString()!, CultureInfo.InvariantCulture))));
}
