using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Abstractions;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Streams a range query's result in Prometheus's JSON shape, series by series:
/// <c>{"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[t,"v"],…]},…]}}</c>,
/// with timestamps and values formatted byte for byte as Prometheus 2.42 formats them. Nothing is allocated per point.
/// </summary>
/// <remarks>
/// Label names and values are escaped as JSON requires, non-ASCII left as UTF-8 (Go escapes <c>&lt;</c>, <c>&gt;</c> and
/// <c>&amp;</c> as well; we do not, which a JSON reader cannot tell apart). Prometheus sorts a series' labels by name:
/// pass them sorted for the same bytes.
/// </remarks>
public sealed class PrometheusMatrixWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _json;
    private bool _completed;

    /// <summary>Starts the document.</summary>
    /// <param name="output">Receives the UTF-8 JSON.</param>
    public PrometheusMatrixWriter(IBufferWriter<byte> output)
    {
        _json = new Utf8JsonWriter(output, Options);
        _json.WriteStartObject();
        _json.WriteString("status"u8, "success"u8);
        _json.WriteStartObject("data"u8);
        _json.WriteString("resultType"u8, "matrix"u8);
        _json.WriteStartArray("result"u8);
    }

    /// <summary>Writes one series.</summary>
    /// <param name="labels">The series' labels, <c>__name__</c> included; sorted by name for Prometheus's order.</param>
    /// <param name="timestamps">Point times in ms.</param>
    /// <param name="values">Point values, as many as <paramref name="timestamps"/>.</param>
    public void WriteSeries(ReadOnlySpan<Label> labels, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException($"{timestamps.Length} timestamps but {values.Length} values; a point needs one of each.", nameof(values));
        }

        _json.WriteStartObject();
        QueryResultJson.WriteMetric(_json, labels);
        _json.WriteStartArray("values"u8);
        for (var i = 0; i < timestamps.Length; i++)
        {
            QueryResultJson.WritePoint(_json, timestamps[i], values[i]);
        }

        _json.WriteEndArray();
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
}
