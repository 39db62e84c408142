using System.Buffers;
using System.Globalization;
using System.Text;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Export;

/// <summary>
/// Writes RFC 4180 CSV (UTF-8, CRLF line ends, a header row, fields quoted when they hold a comma, quote or line
/// break). <c>timestamp</c> is RFC 3339 in UTC with milliseconds (<c>2024-05-01T12:00:00.000Z</c>): readable, sortable
/// as text, and parsed by spreadsheets and every date library. <c>value</c> is the shortest text that reads back to
/// the same double, with Prometheus's spellings <c>NaN</c>, <c>+Inf</c> and <c>-Inf</c>. A label the series lacks
/// is an empty field (as in Prometheus, an empty label value and a missing label are the same).
/// </summary>
public sealed class CsvExportWriter : ISampleExportWriter
{
    // Past this many bytes a block is sent before its last row, so long label values cannot make a block huge.
    private const int SendThreshold = 256 * 1024;
    private readonly int _batchRows;

    /// <summary>Creates the writer.</summary>
    /// <param name="batchRows">The most rows between two flushes.</param>
    public CsvExportWriter(int batchRows = ExportWriters.DefaultBatchRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        _batchRows = batchRows;
    }

    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Csv;

    /// <inheritdoc />
    public string ContentType => "text/csv; charset=utf-8; header=present";

    /// <inheritdoc />
    public string FileExtension => "csv";

    /// <inheritdoc />
    public async Task WriteAsync(Stream destination, IReadOnlyList<SelectedSeries> series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(series);
        var columns = ExportColumns.Of(series);
        var text = new ArrayBufferWriter<byte>(SendThreshold + 4096);
        var header = new[] { ExportColumns.TimestampColumn, ExportColumns.ValueColumn, ExportColumns.SeriesColumn }.Concat(columns.LabelColumns);
        text.Write(Encoding.UTF8.GetBytes(string.Join(',', header.Select(Quote)) + "\r\n"));

        // Everything after the value is the same for every row of a series: encoded once, copied per row.
        var tails = Enumerable.Range(0, series.Count).Select(s => RowTail(columns, s)).ToArray();
        var batch = new ExportBatch(_batchRows);
        var reader = new ExportBatchReader(series);
        while (reader.Read(batch))
        {
            var row = 0;
            while (row < batch.Count)
            {
                row = AppendRows(text, batch, row, tails);
                await destination.WriteAsync(text.WrittenMemory, cancellationToken).ConfigureAwait(false);
                text.ResetWrittenCount();
            }

            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (text.WrittenCount > 0)
        {
            await destination.WriteAsync(text.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends rows from <paramref name="row"/> on until the batch ends or the text passes the threshold.</summary>
    /// <returns>The next row to append.</returns>
    private static int AppendRows(ArrayBufferWriter<byte> text, ExportBatch batch, int row, byte[][] tails)
    {
        var timestamps = batch.Timestamps;
        var values = batch.Values;
        foreach (var run in batch.Runs)
        {
            if (run.Start + run.Count <= row)
            {
                continue;
            }

            var tail = tails[run.Series];
            for (var i = Math.Max(row, run.Start); i < run.Start + run.Count; i++)
            {
                var span = text.GetSpan(64 + tail.Length);
                var at = WriteTimestamp(timestamps[i], span);
                span[at++] = (byte)',';
                at += WriteValue(values[i], span[at..]);
                tail.CopyTo(span[at..]);
                text.Advance(at + tail.Length);
                if (text.WrittenCount >= SendThreshold)
                {
                    return i + 1;
                }
            }
        }

        return batch.Count;
    }

    private static int WriteTimestamp(long unixMs, Span<byte> destination)
    {
        var time = DateTime.UnixEpoch.AddTicks(unixMs * TimeSpan.TicksPerMillisecond);
        time.TryFormat(destination, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
        return written;
    }

    private static int WriteValue(double value, Span<byte> destination)
    {
        ReadOnlySpan<byte> special = double.IsNaN(value) ? "NaN"u8
            : double.IsPositiveInfinity(value) ? "+Inf"u8
            : double.IsNegativeInfinity(value) ? "-Inf"u8
            : [];
        if (!special.IsEmpty)
        {
            special.CopyTo(destination);
            return special.Length;
        }

        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static byte[] RowTail(ExportColumns columns, int series)
    {
        var tail = new StringBuilder();
        tail.Append(',').Append(Quote(columns.SeriesNames[series]));
        for (var c = 0; c < columns.LabelColumns.Count; c++)
        {
            tail.Append(',').Append(Quote(columns.LabelValue(c, series) ?? string.Empty));
        }

        return Encoding.UTF8.GetBytes(tail.Append("\r\n").ToString());
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
