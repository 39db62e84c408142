using System.Globalization;
using System.Text.Json;
using Dashboard.Abstractions;

namespace Dashboard.Core.Tests.Query.Json;

/// <summary>
/// Reads the chart wire format back as docs/decimation.md describes it, written from the document rather than from
/// the writer's code, so a round trip checks the writer against the description a chart is built from.
/// </summary>
internal static class ChartWireDecoder
{
    public static IReadOnlyList<DecodedSeries> Decode(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var data = document.RootElement.GetProperty("data");
        Assert.Equal("success", document.RootElement.GetProperty("status").GetString());
        Assert.Equal("chart", data.GetProperty("resultType").GetString());
        Grid? grid = data.TryGetProperty("width", out var width)
            ? new Grid(data.GetProperty("start").GetInt64(), data.GetProperty("end").GetInt64(), width.GetInt32())
            : null;
        return data.GetProperty("result").EnumerateArray().Select(s => DecodeSeries(s, grid)).ToArray();
    }

    private static DecodedSeries DecodeSeries(JsonElement series, Grid? grid)
    {
        var labels = series.GetProperty("metric").EnumerateObject().Select(p => new Label(p.Name, p.Value.GetString()!)).ToArray();
        var (timestamps, columns) = grid is null ? (ExactTimes(series), null) : PixelTimes(series, grid);
        var values = Values(series);
        Assert.Equal(timestamps.Length, values.Length);
        return new DecodedSeries(labels, timestamps, values, columns);
    }

    private static long[] ExactTimes(JsonElement series)
    {
        Assert.False(series.TryGetProperty("n", out _), "n comes with a document's pixel grid only");
        var time = series.GetProperty("t0").GetInt64();
        var unit = series.GetProperty("dt").GetUInt64();
        var steps = series.GetProperty("t").EnumerateArray().ToArray();
        var timestamps = new long[steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            time = unchecked(time + (long)(steps[i].GetUInt64() * unit));
            timestamps[i] = time;
        }

        return timestamps;
    }

    // Point j of the n in column c is drawn at start + (c + (j + 0.5) / n) × (end − start + 1) / width, rounded down
    // to a millisecond here; its column is given exactly.
    private static (long[] Timestamps, int[] Columns) PixelTimes(JsonElement series, Grid grid)
    {
        Assert.False(series.TryGetProperty("t", out _), "a pixel-time series has no t");
        var timestamps = new List<long>();
        var columns = new List<int>();
        var column = 0;
        foreach (var entry in series.GetProperty("n").EnumerateArray().Select(e => e.GetInt32()))
        {
            if (entry < 0)
            {
                column -= entry;
                continue;
            }

            Assert.True(entry > 0, "a column's count is never 0");
            for (var j = 0; j < entry; j++)
            {
                var span = (double)(grid.End - grid.Start + 1);
                timestamps.Add(grid.Start + (long)Math.Floor((column + ((j + 0.5) / entry)) * span / grid.Width));
                columns.Add(column);
            }

            column++;
        }

        Assert.True(column <= grid.Width, $"{column} columns on a {grid.Width}-px grid");
        return ([.. timestamps], [.. columns]);
    }

    private static double[] Values(JsonElement series)
    {
        double[] values;
        if (series.TryGetProperty("dv", out var changes))
        {
            Assert.False(series.TryGetProperty("v", out _), "a series has dv or v, not both");
            var divisor = double.Parse("1e" + series.GetProperty("scale").GetInt32().ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var m = 0L;
            values = changes.EnumerateArray().Select(change =>
            {
                if (change.ValueKind == JsonValueKind.String)
                {
                    return Special(change.GetString()!);
                }

                m += change.GetInt64();
                return m / divisor;
            }).ToArray();
        }
        else
        {
            Assert.False(series.TryGetProperty("scale", out _), "scale comes with dv only");
            values = series.GetProperty("v").EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.String ? Special(v.GetString()!) : v.GetDouble()).ToArray();
        }

        return values;
    }

    private static double Special(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        "-0" => -0.0,
        _ => throw new FormatException($"'{text}' is not one of the format's special values."),
    };
}

/// <summary>A series read back; <see cref="Columns"/> with pixel times only, where the times are drawing positions.</summary>
internal sealed record DecodedSeries(Label[] Labels, long[] Timestamps, double[] Values, int[]? Columns);

internal sealed record Grid(long Start, long End, int Width);
