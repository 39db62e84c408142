using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Evaluation;

namespace Dashboard.Core.Query.Json;

/// <summary>
/// Writes a query result as the <c>data</c> object of Prometheus's query API: <c>resultType</c> and <c>result</c>,
/// times as seconds with milliseconds, values as strings, byte for byte as Prometheus 2.42 writes them.
/// </summary>
public static class QueryResultJson
{
    // How much written JSON a streamed answer holds before it hands it on.
    private const int FlushBytes = 64 * 1024;

    /// <summary>Writes <c>{"resultType": …, "result": …}</c>.</summary>
    /// <param name="json">The writer, positioned where the data object's value goes.</param>
    /// <param name="result">The result.</param>
    public static void WriteData(Utf8JsonWriter json, QueryResult result) =>
        WriteDataAsync(json, result, static () => ValueTask.CompletedTask).GetAwaiter().GetResult();

    /// <summary>
    /// Writes <c>{"resultType": …, "result": …}</c>, calling <paramref name="flushAsync"/> whenever a matrix has
    /// written another 64 KiB, so a large answer leaves while the rest is written.
    /// </summary>
    /// <param name="json">The writer, positioned where the data object's value goes.</param>
    /// <param name="result">The result.</param>
    /// <param name="flushAsync">Sends what the writer holds.</param>
    /// <returns>When all is written.</returns>
    public static async Task WriteDataAsync(Utf8JsonWriter json, QueryResult result, Func<ValueTask> flushAsync)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(result);
        json.WriteStartObject();
        json.WriteString("resultType"u8, result.ResultType);
        json.WritePropertyName("result"u8);
        switch (result)
        {
            case ScalarResult scalar:
                json.WriteStartArray();
                WriteSeconds(json, scalar.TimeMs);
                json.WriteStringValue(GoFloatFormat.Plain(scalar.Value));
                json.WriteEndArray();
                break;
            case StringResult text:
                json.WriteStartArray();
                WriteSeconds(json, text.TimeMs);
                json.WriteStringValue(text.Value);
                json.WriteEndArray();
                break;
            case VectorResult vector:
                json.WriteStartArray();
                foreach (var sample in vector.Samples)
                {
                    json.WriteStartObject();
                    WriteMetric(json, sample.Labels);
                    json.WritePropertyName("value"u8);
                    WritePoint(json, vector.TimeMs, sample.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case MatrixResult matrix:
                json.WriteStartArray();
                foreach (var (series, start, end) in matrix.Runs())
                {
                    WriteSeries(json, matrix, series, start, end);
                    if (json.BytesPending >= FlushBytes)
                    {
                        await flushAsync().ConfigureAwait(false);
                    }
                }

                json.WriteEndArray();
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>Writes a series' labels as the <c>metric</c> property.</summary>
    /// <param name="json">The writer, inside the series' object.</param>
    /// <param name="labels">The labels.</param>
    public static void WriteMetric(Utf8JsonWriter json, ReadOnlySpan<Label> labels)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("metric"u8);
        foreach (var label in labels)
        {
            json.WriteString(label.Name, label.Value);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes one point, <c>[1700000000.123,"1.5"]</c>, as one raw value.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="timeMs">The time, Unix ms.</param>
    /// <param name="value">The value.</param>
    public static void WritePoint(Utf8JsonWriter json, long timeMs, double value)
    {
        ArgumentNullException.ThrowIfNull(json);
        Span<byte> point = stackalloc byte[(2 * PrometheusNumberFormat.MaxLength) + 6];
        point[0] = (byte)'[';
        var length = 1 + PrometheusNumberFormat.WriteTimestamp(timeMs, point[1..]);
        point[length++] = (byte)',';
        point[length++] = (byte)'"';
        length += PrometheusNumberFormat.WriteValue(value, point[length..]);
        point[length++] = (byte)'"';
        point[length++] = (byte)']';
        json.WriteRawValue(point[..length], skipInputValidation: true);
    }

    // A scalar's or string's time: Prometheus marshals these as a plain float of seconds (1700000000.5), where a
    // vector's or matrix's points get its fixed three decimals (1700000000.500).
    private static void WriteSeconds(Utf8JsonWriter json, long timeMs) =>
        json.WriteRawValue(GoFloatFormat.Plain(timeMs / 1e3), skipInputValidation: true);

    private static void WriteSeries(Utf8JsonWriter json, MatrixResult matrix, int series, int start, int end)
    {
        json.WriteStartObject();
        WriteMetric(json, matrix.Series[series]);
        json.WriteStartArray("values"u8);
        var times = matrix.Timestamps;
        var values = matrix.Values;
        for (var row = start; row < end; row++)
        {
            WritePoint(json, times[row], values[row]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
