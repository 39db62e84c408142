using System.Buffers;
using System.Globalization;
using System.Text;
using CsCheck;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Json;

namespace Dashboard.Core.Tests.Query.Json;

public sealed class ChartSeriesWriterTests
{
    private static readonly Label[] Up = [new("__name__", "up"), new("job", "node")];

    // Decimal values (scaled), whole numbers, full-precision doubles, extremes and the special values, so a series
    // drawn from it lands in either value form.
    private static readonly Gen<double> Values = Gen.Frequency(
        (6, Gen.Int[-100_000, 100_000].Select(i => i / 1000.0)),
        (3, Gen.Double[-1e6, 1e6]),
        (2, Gen.Long[-(1L << 52), 1L << 52].Select(i => (double)i)),
        (1, Gen.OneOf(Gen.Const(double.NaN), Gen.Const(double.PositiveInfinity), Gen.Const(double.NegativeInfinity), Gen.Const(-0.0), Gen.Const(0.0))),
        (1, Gen.OneOf(Gen.Const(double.MaxValue), Gen.Const(double.MinValue), Gen.Const(double.Epsilon), Gen.Const(1e22), Gen.Const(1e-22), Gen.Const(0.1 + 0.2))));

    private static readonly Gen<long> Steps = Gen.Frequency((6, Gen.Long[0, 1_000].Select(s => s * 1_000)), (3, Gen.Long[0, 5_000]), (1, Gen.Long[0, 100_000_000]));

    [Fact]
    public void The_documented_example_is_what_the_writer_writes()
    {
        // The example in docs/decimation.md, byte for byte.
        var json = Write(writer =>
        {
            writer.WriteSeries(Up, [1_700_000_000_000, 1_700_000_015_000, 1_700_000_030_000, 1_700_000_045_000, 1_700_000_060_000], [49.5, 51.25, double.NaN, 48.0, 50.125]);
            writer.WriteSeries([new("__name__", "rate")], [1_700_000_000_002, 1_700_000_015_001], [0.1 + 0.2, double.PositiveInfinity]);
        });

        Assert.Equal(
            """{"status":"success","data":{"resultType":"chart","result":[""" +
            """{"metric":{"__name__":"up","job":"node"},"t0":1700000000000,"dt":15000,"t":[0,1,1,1,1],"scale":3,"dv":[49500,1750,"NaN",-3250,2125]},""" +
            """{"metric":{"__name__":"rate"},"t0":1700000000002,"dt":14999,"t":[0,1],"v":[0.30000000000000004,"Infinity"]}]}}""",
            json);
    }

    [Fact]
    public void M4_decimated_series_read_back_exactly() =>
        Gen.Select(Gen.Select(Steps, Values).Array[0, 6_000], Gen.Long[-1_000_000_000_000, 2_000_000_000_000], Gen.Int[1, 800])
            .Sample((points, start, width) =>
            {
                var timestamps = new long[points.Length];
                var values = new double[points.Length];
                var time = start;
                for (var i = 0; i < points.Length; i++)
                {
                    time += points[i].Item1;
                    timestamps[i] = time;
                    values[i] = points[i].Item2;
                }

                var grid = new PixelGrid(start, Math.Max(start, time), width);
                var keptTimes = new long[grid.MaxPoints + points.Length];
                var keptValues = new double[keptTimes.Length];
                var kept = M4Decimator.Decimate(timestamps, values, grid, keptTimes, keptValues);

                var series = Assert.Single(RoundTrip(Up, keptTimes.AsSpan(0, kept), keptValues.AsSpan(0, kept)));

                Assert.Equal(Up, series.Labels);
                Assert.Equal(keptTimes.Take(kept), series.Timestamps);
                Assert.Equal(keptValues.Take(kept).Select(BitConverter.DoubleToInt64Bits), series.Values.Select(BitConverter.DoubleToInt64Bits));
            }, iter: 300);

    [Fact]
    public void The_documented_pixel_time_example_is_what_the_writer_writes()
    {
        // 10 columns of 6 s; points in columns 0 (three), 1 (one) and 5 (two), columns 2 to 4 and 6 to 9 empty.
        var grid = new PixelGrid(1_700_000_000_000, 1_700_000_059_999, 10);
        var json = Write(grid, writer => writer.WriteSeries(Up,
            [1_700_000_000_000, 1_700_000_002_000, 1_700_000_005_999, 1_700_000_006_000, 1_700_000_030_000, 1_700_000_035_000],
            [1, 7.5, 2, 3, double.PositiveInfinity, 0.25]));

        Assert.Equal(
            """{"status":"success","data":{"resultType":"chart","start":1700000000000,"end":1700000059999,"width":10,"result":[""" +
            """{"metric":{"__name__":"up","job":"node"},"n":[3,1,-3,2],"scale":2,"dv":[100,650,-550,100,"Infinity",-275]}]}}""",
            json);
    }

    [Fact]
    public void M4_decimated_series_with_pixel_times_keep_exact_values_and_each_point_in_its_column() =>
        Gen.Select(Gen.Select(Steps, Values).Array[0, 6_000], Gen.Long[-1_000_000_000_000, 2_000_000_000_000], Gen.Int[1, 800], Gen.Long[0, 1_000_000])
            .Sample((points, start, width, margin) =>
            {
                var timestamps = new long[points.Length];
                var values = new double[points.Length];
                var time = start + margin;
                for (var i = 0; i < points.Length; i++)
                {
                    time += points[i].Item1;
                    timestamps[i] = time;
                    values[i] = points[i].Item2;
                }

                var grid = new PixelGrid(start, time + margin, width);
                var keptTimes = new long[grid.MaxPoints + points.Length];
                var keptValues = new double[keptTimes.Length];
                var kept = M4Decimator.Decimate(timestamps, values, grid, keptTimes, keptValues);

                var series = Assert.Single(RoundTrip(grid, Up, keptTimes.AsSpan(0, kept), keptValues.AsSpan(0, kept)));

                Assert.Equal(keptTimes.Take(kept).Select(grid.ColumnOf), series.Columns!);
                Assert.Equal(series.Columns!, series.Timestamps.Select(grid.ColumnOf));
                Assert.Equal(series.Timestamps.Order(), series.Timestamps);
                Assert.Equal(keptValues.Take(kept).Select(BitConverter.DoubleToInt64Bits), series.Values.Select(BitConverter.DoubleToInt64Bits));
            }, iter: 300);

    [Fact]
    public void Pixel_times_refuse_points_outside_the_grid_and_write_an_empty_series_as_no_columns()
    {
        var grid = new PixelGrid(1_000, 1_999, 10);
        using var writer = new ChartSeriesWriter(new ArrayBufferWriter<byte>(), grid);

        var error = Assert.Throws<ArgumentException>(() => writer.WriteSeries([], [1_500, 2_000], [1, 2]));
        var empty = Write(grid, w => w.WriteSeries([], [], []));

        Assert.Contains("do not all lie in the chart's range [1000, 1999] ms", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("""[{"metric":{},"n":[],"scale":0,"dv":[]}]}}""", empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_values_are_scaled_integers_and_others_are_shortest_numbers()
    {
        Assert.Equal("""{"t":[0,1,1],"scale":0,"dv":[3,-1,4]}""", Points([1, 2, 3], [3, 2, 6]));
        Assert.Equal("""{"t":[0,2,1],"scale":2,"dv":[10,-20,1]}""", Points([0, 2, 3], [0.1, -0.1, -0.09]));
        Assert.Equal("""{"t":[0,1],"scale":22,"dv":[1,1]}""", Points([5, 6], [1e-22, 2e-22]));
        Assert.Equal("""{"t":[0,1,1],"v":[1e22,5e-324,-1.7976931348623157e308]}""", Points([5, 6, 7], [1e22, double.Epsilon, double.MinValue]));
        Assert.Equal("""{"t":[0,1,1],"v":[0.30000000000000004,1.5e-7,-2]}""", Points([5, 6, 7], [0.1 + 0.2, 1.5e-7, -2]));
        // A large integer that fits at scale 0 but not at the scale a later value needs: plain numbers (a fuzz find).
        Assert.Equal("""{"t":[0,1],"v":[1261235220200048,19.262]}""", Points([5, 6], [1261235220200048, 19.262]));
    }

    [Fact]
    public void Special_values_are_strings_in_both_forms_and_leave_the_running_integer_alone()
    {
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0];

        var scaled = Points([1, 2, 3, 4, 5, 6], [1.5, .. specials, 2]);
        var plain = Points([1, 2, 3, 4, 5, 6], [0.1 + 0.2, .. specials, 2]);
        var onlySpecials = Points([1, 2, 3, 4], specials);

        Assert.Equal("""{"t":[0,1,1,1,1,1],"scale":1,"dv":[15,"NaN","Infinity","-Infinity","-0",5]}""", scaled);
        Assert.Equal("""{"t":[0,1,1,1,1,1],"v":[0.30000000000000004,"NaN","Infinity","-Infinity","-0",2]}""", plain);
        Assert.Equal("""{"t":[0,1,1,1],"scale":0,"dv":["NaN","Infinity","-Infinity","-0"]}""", onlySpecials);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Assert.Single(RoundTrip(Up, [7], [-0.0])).Values[0]));
    }

    [Fact]
    public void Empty_results_empty_series_and_single_points_are_written()
    {
        var empty = Write(_ => { });
        var series = Write(writer =>
        {
            writer.WriteSeries([new("__name__", "up"), new("job", "a\"b")], [], []);
            writer.WriteSeries([new("__name__", "up"), new("job", "é")], [-1_500], [42]);
        });

        Assert.Equal("""{"status":"success","data":{"resultType":"chart","result":[]}}""", empty);
        Assert.Equal(
            """{"status":"success","data":{"resultType":"chart","result":[""" +
            """{"metric":{"__name__":"up","job":"a\"b"},"t0":0,"dt":1,"t":[],"scale":0,"dv":[]},""" +
            """{"metric":{"__name__":"up","job":"é"},"t0":-1500,"dt":1,"t":[0],"scale":0,"dv":[42]}]}}""",
            series);
    }

    [Fact]
    public void The_extreme_timestamps_and_duplicates_read_back_exactly()
    {
        long[] timestamps = [long.MinValue, long.MinValue, -1, 0, 0, long.MaxValue];
        double[] values = [1, 2, 3, 4, 5, 6];

        var series = Assert.Single(RoundTrip(Up, timestamps, values));

        Assert.Equal(timestamps, series.Timestamps);
        Assert.Equal(values, series.Values);
    }

    [Fact]
    public void The_time_unit_is_the_common_divisor_of_the_steps()
    {
        Assert.Equal("""{"t0":30000,"dt":15000,"t":[0,1,1,4]}""", Times([30_000, 45_000, 60_000, 120_000]));
        Assert.Equal("""{"t0":1000,"dt":1,"t":[0,1000,999]}""", Times([1_000, 2_000, 2_999]));
        Assert.Equal("""{"t0":5,"dt":1,"t":[0,0,0]}""", Times([5, 5, 5]));
    }

    [Fact]
    public void Every_finite_double_is_written_as_a_json_number_that_reads_back_to_it() =>
        Gen.Double.Where(double.IsFinite).Where(v => !ChartNumberFormat.IsSpecial(v)).Sample(value =>
        {
            Span<byte> text = stackalloc byte[ChartNumberFormat.MaxLength];
            var length = ChartNumberFormat.WriteShortest(value, text);

            var reader = new System.Text.Json.Utf8JsonReader(text[..length]);
            Assert.True(reader.Read());
            Assert.Equal(System.Text.Json.JsonTokenType.Number, reader.TokenType);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(reader.GetDouble()));
            Assert.True(length <= value.ToString("R", CultureInfo.InvariantCulture).Length, "never longer than .NET's round-trip form");
        }, iter: 20_000);

    [Fact]
    public void Mismatched_lengths_and_out_of_order_timestamps_are_refused()
    {
        using var writer = new ChartSeriesWriter(new ArrayBufferWriter<byte>());

        var lengths = Assert.Throws<ArgumentException>(() => writer.WriteSeries([], [1, 2], [1]));
        var order = Assert.Throws<ArgumentException>(() => writer.WriteSeries([], [1, 3, 2], [1, 2, 3]));

        Assert.Contains("2 timestamps but 1 values", lengths.Message, StringComparison.Ordinal);
        Assert.Contains("Timestamp 2 (2 ms) is before timestamp 1 (3 ms)", order.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<DecodedSeries> RoundTrip(Label[] labels, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values) =>
        RoundTrip(null, labels, timestamps, values);

    private static IReadOnlyList<DecodedSeries> RoundTrip(PixelGrid? grid, Label[] labels, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = grid is { } pixels ? new ChartSeriesWriter(output, pixels) : new ChartSeriesWriter(output))
        {
            writer.WriteSeries(labels, timestamps, values);
            writer.Complete();
        }

        return ChartWireDecoder.Decode(output.WrittenSpan);
    }

    // The part of one series' object after its times' base and unit, as an object of its own.
    private static string Points(long[] timestamps, double[] values)
    {
        var json = Write(writer => writer.WriteSeries([], timestamps, values));
        var from = json.IndexOf("\"t\":", StringComparison.Ordinal);
        return "{" + json[from..^"}]}}".Length] + "}";
    }

    private static string Times(long[] timestamps)
    {
        var json = Write(writer => writer.WriteSeries([], timestamps, new double[timestamps.Length]));
        var from = json.IndexOf("\"t0\":", StringComparison.Ordinal);
        return "{" + json[from..json.IndexOf(",\"scale\"", StringComparison.Ordinal)] + "}";
    }

    private static string Write(Action<ChartSeriesWriter> write) => Write(null, write);

    private static string Write(PixelGrid? grid, Action<ChartSeriesWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using var writer = grid is { } pixels ? new ChartSeriesWriter(output, pixels) : new ChartSeriesWriter(output);
        write(writer);
        writer.Complete();
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
