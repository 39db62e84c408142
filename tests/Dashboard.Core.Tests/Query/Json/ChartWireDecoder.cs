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
        return data.GetProperty("result").EnumerateArray().Select(DecodeSeries).ToArray();
    }

    private static DecodedSeries DecodeSeries(JsonElement series)
    {
        var labels = series.GetProperty("metric").EnumerateObject().Select(p => new Label(p.Name, p.Value.GetString()!)).ToArray();
        var time = series.GetProperty("t0").GetInt64();
        var unit = series.GetProperty("dt").GetUInt64();
        var steps = series.GetProperty("t").EnumerateArray().ToArray();
        var timestamps = new long[steps.Length];
        for (var i = 0; i < steps.Length; i++)
        {
            time = unchecked(time + (long)(steps[i].GetUInt64() * unit));
            timestamps[i] = time;
        }

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

        Assert.Equal(timestamps.Length, values.Length);
        return new DecodedSeries(labels, timestamps, values);
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

internal sealed record DecodedSeries(Label[] Labels, long[] Timestamps, double[] Values);
