using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Streams a range query's result in the compact chart wire format (<c>format=chart</c>; described in
/// docs/decimation.md), series by series:
/// <c>{"status":"success","data":{"resultType":"chart","result":[{"metric":{…},"t0":…,"dt":…,"t":[…],"scale":…,"dv":[…]},…]}}</c>.
/// Columnar and delta-coded, so a point costs a few bytes instead of Prometheus's ~25, and exact: every timestamp
/// and every value reads back to the same <see cref="long"/> and the same double, bit for bit. Nothing is allocated
/// per point.
/// </summary>
/// <remarks>
/// Per series: <c>t0</c> is the first timestamp (ms), <c>dt</c> the greatest common divisor of the steps between
/// points (ms), <c>t</c> each point's step from the one before in units of <c>dt</c> (the first is 0). Values come as
/// <c>scale</c> + <c>dv</c> when every number is an exact decimal <c>m ÷ 10^scale</c> (each entry the change of the
/// integer <c>m</c> from the previous number), otherwise as <c>v</c>, shortest round-trip JSON numbers. NaN,
/// ±infinity and −0 are the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, <c>"-0"</c> in either
/// array and leave <c>m</c> unchanged. With pixel times (<see cref="ChartSeriesWriter(IBufferWriter{byte}, PixelGrid)"/>)
/// a series has <c>n</c>, its points per pixel column, in place of <c>t0</c>, <c>dt</c> and <c>t</c>.
/// </remarks>
public sealed class ChartSeriesWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _json;
    private readonly PixelGrid? _pixelTimes;
    private bool _completed;

    /// <summary>Starts a document whose series carry their points' exact timestamps.</summary>
    /// <param name="output">Receives the UTF-8 JSON.</param>
    public ChartSeriesWriter(IBufferWriter<byte> output)
        : this(output, pixelTimes: null)
    {
    }

    /// <summary>
    /// Starts a document whose series carry, instead of timestamps, how many points fall in each pixel column of
    /// <paramref name="pixelTimes"/> (<c>"n"</c>): values stay exact, a point's time is known to within its column.
    /// </summary>
    /// <param name="output">Receives the UTF-8 JSON.</param>
    /// <param name="pixelTimes">The chart's grid, written as the document's <c>start</c>, <c>end</c> and <c>width</c>.</param>
    public ChartSeriesWriter(IBufferWriter<byte> output, PixelGrid pixelTimes)
        : this(output, (PixelGrid?)pixelTimes)
    {
    }

    private ChartSeriesWriter(IBufferWriter<byte> output, PixelGrid? pixelTimes)
    {
        _pixelTimes = pixelTimes;
        _json = new Utf8JsonWriter(output, Options);
        _json.WriteStartObject();
        _json.WriteString("status"u8, "success"u8);
        _json.WriteStartObject("data"u8);
        _json.WriteString("resultType"u8, "chart"u8);
        if (pixelTimes is { } grid)
        {
            _json.WriteNumber("start"u8, grid.StartMs);
            _json.WriteNumber("end"u8, grid.EndMs);
            _json.WriteNumber("width"u8, grid.Width);
        }

        _json.WriteStartArray("result"u8);
    }

    /// <summary>Writes one series.</summary>
    /// <param name="labels">The series' labels, <c>__name__</c> included, in the order to write them.</param>
    /// <param name="timestamps">Point times in ms, non-decreasing (as decimation and the store give them).</param>
    /// <param name="values">Point values, as many as <paramref name="timestamps"/>.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, a timestamp is before the one ahead of it, or (pixel times) outside the grid.
    /// </exception>
    public void WriteSeries(ReadOnlySpan<Label> labels, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException($"{timestamps.Length} timestamps but {values.Length} values; a point needs one of each.", nameof(values));
        }

        var unit = TimeUnit(timestamps);
        if (_pixelTimes is { } grid && !timestamps.IsEmpty && (timestamps[0] < grid.StartMs || timestamps[^1] > grid.EndMs))
        {
            throw new ArgumentException(
                $"Points from {timestamps[0]} to {timestamps[^1]} ms do not all lie in the chart's range [{grid.StartMs}, {grid.EndMs}] ms.", nameof(timestamps));
        }

        _json.WriteStartObject();
        _json.WriteStartObject("metric"u8);
        foreach (var label in labels)
        {
            _json.WriteString(label.Name, label.Value);
        }

        _json.WriteEndObject();
        if (_pixelTimes is { } pixels)
        {
            WriteColumns(timestamps, pixels);
        }
        else
        {
            WriteTimes(timestamps, unit);
        }

        if (ChartNumberFormat.TryFindScale(values, out var scale))
        {
            WriteScaledValues(values, scale);
        }
        else
        {
            WritePlainValues(values);
        }

        _json.WriteEndObject();
    }

    /// <summary>Flushes what is written so far to the output (between series, to bound the writer's buffer).</summary>
    public void Flush() => _json.Flush();

    /// <summary>Closes the document and flushes it.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        _completed = true;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();

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

    private void WriteTimes(ReadOnlySpan<long> timestamps, ulong unit)
    {
        var previous = timestamps.IsEmpty ? 0 : timestamps[0];
        _json.WriteNumber("t0"u8, previous);
        _json.WriteNumber("dt"u8, unit);
        _json.WriteStartArray("t"u8);
        foreach (var timestamp in timestamps)
        {
            // Unsigned: the step between the extreme longs does not fit a long, and steps are never negative.
            _json.WriteNumberValue(unchecked((ulong)(timestamp - previous)) / unit);
            previous = timestamp;
        }

        _json.WriteEndArray();
    }

    // Points per column, in column order; a run of k empty columns is -k, and the empty columns after the last point
    // are left out. Dense series cost two bytes a column, sparse ones little more than their points.
    private void WriteColumns(ReadOnlySpan<long> timestamps, PixelGrid grid)
    {
        _json.WriteStartArray("n"u8);
        var nextColumn = 0;
        var i = 0;
        while (i < timestamps.Length)
        {
            var column = grid.ColumnOf(timestamps[i]);
            if (column > nextColumn)
            {
                _json.WriteNumberValue(nextColumn - column);
            }

            var count = 1;
            while (++i < timestamps.Length && grid.ColumnOf(timestamps[i]) == column)
            {
                count++;
            }

            _json.WriteNumberValue(count);
            nextColumn = column + 1;
        }

        _json.WriteEndArray();
    }

    private void WriteScaledValues(ReadOnlySpan<double> values, int scale)
    {
        _json.WriteNumber("scale"u8, scale);
        _json.WriteStartArray("dv"u8);
        var previous = 0L;
        foreach (var value in values)
        {
            if (ChartNumberFormat.IsSpecial(value))
            {
                _json.WriteStringValue(ChartNumberFormat.Special(value));
                continue;
            }

            var scaled = ChartNumberFormat.Scaled(value, scale);
            _json.WriteNumberValue(scaled - previous);
            previous = scaled;
        }

        _json.WriteEndArray();
    }

    private void WritePlainValues(ReadOnlySpan<double> values)
    {
        _json.WriteStartArray("v"u8);
        Span<byte> number = stackalloc byte[ChartNumberFormat.MaxLength];
        foreach (var value in values)
        {
            if (ChartNumberFormat.IsSpecial(value))
            {
                _json.WriteStringValue(ChartNumberFormat.Special(value));
                continue;
            }

            var length = ChartNumberFormat.WriteShortest(value, number);
            _json.WriteRawValue(number[..length], skipInputValidation: true);
        }

        _json.WriteEndArray();
    }
}
