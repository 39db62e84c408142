using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Streams a whole answer in the chart wire format (<see cref="ChartResultJson"/>; docs/decimation.md), series by
/// series: <c>{"status":"success","data":{"resultType":"chart","result":[{"metric":{…},"t0":…,"dt":…,"t":[…],"scale":…,"dv":[…]},…]}}</c>.
/// Nothing is allocated per point.
/// </summary>
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
        _json.WritePropertyName("data"u8);
        ChartResultJson.WriteDataStart(_json, pixelTimes);
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
        ChartResultJson.WriteSeries(_json, _pixelTimes, labels, timestamps, values);
    }

    /// <summary>Flushes what is written so far to the output (between series, to bound the writer's buffer).</summary>
    public void Flush() => _json.Flush();

    /// <summary>Closes the document and flushes it.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        ChartResultJson.WriteDataEnd(_json);
        _json.WriteEndObject();
        _json.Flush();
        _completed = true;
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();
}
