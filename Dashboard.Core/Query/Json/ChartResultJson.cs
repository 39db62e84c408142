using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Evaluation;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Writes a range query's result in the chart wire format (<c>format=chart</c>, described in docs/decimation.md) as
/// the <c>data</c> object of the query API's answer: <c>{"resultType":"chart","result":[…]}</c>, with the pixel grid
/// as <c>start</c>, <c>end</c> and <c>width</c> when the times are pixel columns. Columnar and delta-coded, so a point
/// costs a few bytes instead of Prometheus's ~25, and exact: every timestamp and every value reads back to the same
/// <see cref="long"/> and the same double. Nothing is allocated per point.
/// </summary>
/// <remarks>
/// Per series: <c>t0</c> is the first timestamp (ms), <c>dt</c> the greatest common divisor of the steps between
/// points (ms), <c>t</c> each point's step from the one before in units of <c>dt</c> (the first is 0). Values come as
/// <c>scale</c> + <c>dv</c> when every number is an exact decimal <c>m ÷ 10^scale</c> (each entry the change of the
/// integer <c>m</c> from the previous number), otherwise as <c>v</c>, shortest round-trip JSON numbers. NaN,
/// ±infinity and −0 are the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, <c>"-0"</c> in either
/// array and leave <c>m</c> unchanged. With pixel times a series has <c>n</c>, its points per pixel column, in place
/// of <c>t0</c>, <c>dt</c> and <c>t</c>: values stay exact, a point's time is known to within its column.
/// </remarks>
public static class ChartResultJson
{
    /// <summary>Writes a matrix (decimated or not) as the chart format's data object.</summary>
    /// <param name="json">The writer, positioned where the data object's value goes.</param>
    /// <param name="matrix">The result; each series' points in time order.</param>
    /// <param name="pixelTimes">
    /// The chart's grid to write times as pixel columns (<c>format=chart_pixels</c>; every point must lie in it), or
    /// null for exact timestamps.
    /// </param>
    /// <exception cref="ArgumentException">A series' points are out of time order, or outside <paramref name="pixelTimes"/>.</exception>
    public static void WriteData(Utf8JsonWriter json, MatrixResult matrix, PixelGrid? pixelTimes = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(matrix);
        WriteDataStart(json, pixelTimes);
        foreach (var (series, start, end) in matrix.Runs())
        {
            WriteSeries(json, pixelTimes, matrix.Series[series], matrix.Timestamps[start..end], matrix.Values[start..end]);
        }

        WriteDataEnd(json);
    }

    /// <summary>Opens the data object and its <c>result</c> array.</summary>
    internal static void WriteDataStart(Utf8JsonWriter json, PixelGrid? pixelTimes)
    {
        json.WriteStartObject();
        json.WriteString("resultType"u8, "chart"u8);
        if (pixelTimes is { } grid)
        {
            json.WriteNumber("start"u8, grid.StartMs);
            json.WriteNumber("end"u8, grid.EndMs);
            json.WriteNumber("width"u8, grid.Width);
        }

        json.WriteStartArray("result"u8);
    }

    /// <summary>Closes the <c>result</c> array and the data object.</summary>
    internal static void WriteDataEnd(Utf8JsonWriter json)
    {
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes one series' object into the <c>result</c> array.</summary>
    /// <exception cref="ArgumentException">
    /// The lengths differ, a timestamp is before the one ahead of it, or (pixel times) outside the grid.
    /// </exception>
    internal static void WriteSeries(Utf8JsonWriter json, PixelGrid? pixelTimes, ReadOnlySpan<Label> labels,
        ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException($"{timestamps.Length} timestamps but {values.Length} values; a point needs one of each.", nameof(values));
        }

        var unit = TimeUnit(timestamps);
        if (pixelTimes is { } grid && !timestamps.IsEmpty && (timestamps[0] < grid.StartMs || timestamps[^1] > grid.EndMs))
        {
            throw new ArgumentException(
                $"Points from {timestamps[0]} to {timestamps[^1]} ms do not all lie in the chart's range [{grid.StartMs}, {grid.EndMs}] ms.", nameof(timestamps));
        }

        json.WriteStartObject();
        json.WriteStartObject("metric"u8);
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
        if (pixelTimes is { } pixels)
        {
            WriteColumns(json, timestamps, pixels);
        }
        else
        {
            WriteTimes(json, timestamps, unit);
        }

        if (ChartNumberFormat.TryFindScale(values, out var scale))
        {
            WriteScaledValues(json, values, scale);
        }
        else
        {
            WritePlainValues(json, values);
        }

        json.WriteEndObject();
    }

    // The greatest common divisor of the steps: 1,000 for samples on whole seconds, the scrape interval for a regular
    // series kept whole, so the steps written are small numbers.
    private static ulong TimeUnit(ReadOnlySpan<long> timestamps)
    {
        var unit = 0UL;
        for (var i = 1; i < timestamps.Length; i++)
        {
            if (timestamps[i] < timestamps[i - 1])
            {
                throw new ArgumentException(
                    $"Timestamp {i} ({timestamps[i]} ms) is before timestamp {i - 1} ({timestamps[i - 1]} ms); a series' points must be in time order.",
                    nameof(timestamps));
            }

            if (unit != 1)
            {
                unit = GreatestCommonDivisor(unit, unchecked((ulong)(timestamps[i] - timestamps[i - 1])));
            }
        }

        return unit == 0 ? 1 : unit;
    }

    private static ulong GreatestCommonDivisor(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static void WriteTimes(Utf8JsonWriter json, ReadOnlySpan<long> timestamps, ulong unit)
    {
        var previous = timestamps.IsEmpty ? 0 : timestamps[0];
        json.WriteNumber("t0"u8, previous);
        json.WriteNumber("dt"u8, unit);
        json.WriteStartArray("t"u8);
        foreach (var timestamp in timestamps)
        {
            // Unsigned: the step between the extreme longs does not fit a long, and steps are never negative.
            json.WriteNumberValue(unchecked((ulong)(timestamp - previous)) / unit);
            previous = timestamp;
        }

        json.WriteEndArray();
    }

    // Points per column, in column order; a run of k empty columns is -k, and the empty columns after the last point
    // are left out. Dense series cost two bytes a column, sparse ones little more than their points.
    private static void WriteColumns(Utf8JsonWriter json, ReadOnlySpan<long> timestamps, PixelGrid grid)
    {
        json.WriteStartArray("n"u8);
        var nextColumn = 0;
        var i = 0;
        while (i < timestamps.Length)
        {
            var column = grid.ColumnOf(timestamps[i]);
            if (column > nextColumn)
            {
                json.WriteNumberValue(nextColumn - column);
            }

            var count = 1;
            while (++i < timestamps.Length && grid.ColumnOf(timestamps[i]) == column)
            {
                count++;
            }

            json.WriteNumberValue(count);
            nextColumn = column + 1;
        }

        json.WriteEndArray();
    }

    private static void WriteScaledValues(Utf8JsonWriter json, ReadOnlySpan<double> values, int scale)
    {
        json.WriteNumber("scale"u8, scale);
        json.WriteStartArray("dv"u8);
        var previous = 0L;
        foreach (var value in values)
        {
            if (ChartNumberFormat.IsSpecial(value))
            {
                json.WriteStringValue(ChartNumberFormat.Special(value));
                continue;
            }

            var scaled = ChartNumberFormat.Scaled(value, scale);
            json.WriteNumberValue(scaled - previous);
            previous = scaled;
        }

        json.WriteEndArray();
    }

    private static void WritePlainValues(Utf8JsonWriter json, ReadOnlySpan<double> values)
    {
        json.WriteStartArray("v"u8);
        Span<byte> number = stackalloc byte[ChartNumberFormat.MaxLength];
        foreach (var value in values)
        {
            if (ChartNumberFormat.IsSpecial(value))
            {
                json.WriteStringValue(ChartNumberFormat.Special(value));
                continue;
            }

            var length = ChartNumberFormat.WriteShortest(value, number);
            json.WriteRawValue(number[..length], skipInputValidation: true);
        }

        json.WriteEndArray();
    }
}
