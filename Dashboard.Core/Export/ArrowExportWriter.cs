using System.Text;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Export;

/// <summary>
/// Writes an Arrow IPC stream: the schema, then one record batch per block of rows, then the end-of-stream marker.
/// <c>timestamp</c> is <c>timestamp[ms, tz=UTC]</c>, <c>value</c> <c>float64</c>, <c>series</c> and the label columns
/// plain <c>utf8</c> (a stream's dictionaries would have to be known before the first batch or be re-sent, and the
/// series are not all known up front without decoding everything). Uncompressed, so every Arrow reader can open it.
/// </summary>
public sealed class ArrowExportWriter : ISampleExportWriter
{
    private static readonly TimestampType Timestamp = new(TimeUnit.Millisecond, "UTC");
    private readonly int _batchRows;

    /// <summary>Creates the writer.</summary>
    /// <param name="batchRows">The most rows per record batch.</param>
    public ArrowExportWriter(int batchRows = ExportWriters.DefaultBatchRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        _batchRows = batchRows;
    }

    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Arrow;

    /// <inheritdoc />
    public string ContentType => "application/vnd.apache.arrow.stream";

    /// <inheritdoc />
    public string FileExtension => "arrows";

    /// <inheritdoc />
    public async Task WriteAsync(Stream destination, IReadOnlyList<SelectedSeries> series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(series);
        var columns = ExportColumns.Of(series);
        var schema = Schema(columns);
        var seriesNames = columns.SeriesNames.Select(Encoding.UTF8.GetBytes).ToArray();
        var labelValues = columns.LabelColumns
            .Select((_, c) => Enumerable.Range(0, series.Count).Select(s => columns.LabelValue(c, s) is { } v ? Encoding.UTF8.GetBytes(v) : null).ToArray())
            .ToArray();
        var seriesColumn = new Utf8ColumnBuilder(_batchRows);
        var labelColumns = columns.LabelColumns.Select(_ => new Utf8ColumnBuilder(_batchRows)).ToArray();
        var batch = new ExportBatch(_batchRows);
        var reader = new ExportBatchReader(series);

        var output = new AsyncBufferedWriteStream(destination);
        using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
        await writer.WriteStartAsync(cancellationToken).ConfigureAwait(false);
        while (reader.Read(batch))
        {
            seriesColumn.Clear();
            System.Array.ForEach(labelColumns, c => c.Clear());
            foreach (var run in batch.Runs)
            {
                seriesColumn.AppendRepeated(seriesNames[run.Series], run.Count);
                for (var c = 0; c < labelColumns.Length; c++)
                {
                    labelColumns[c].AppendRepeated(labelValues[c][run.Series], run.Count);
                }
            }

            IArrowArray[] arrays =
            [
                new TimestampArray(Timestamp, new ArrowBuffer(batch.TimestampBytes), ArrowBuffer.Empty, batch.Count, 0, 0),
                new DoubleArray(new ArrowBuffer(batch.ValueBytes), ArrowBuffer.Empty, batch.Count, 0, 0),
                seriesColumn.Build(),
                .. labelColumns.Select(c => c.Build()),
            ];
            using (var recordBatch = new RecordBatch(schema, arrays, batch.Count))
            {
                await writer.WriteRecordBatchAsync(recordBatch, cancellationToken).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        await writer.WriteEndAsync(cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Schema Schema(ExportColumns columns) => new(
        [
            new Field(ExportColumns.TimestampColumn, Timestamp, nullable: false),
            new Field(ExportColumns.ValueColumn, DoubleType.Default, nullable: false),
            new Field(ExportColumns.SeriesColumn, StringType.Default, nullable: false),
            .. columns.LabelColumns.Select(name => new Field(name, StringType.Default, nullable: true)),
        ],
        metadata: null);
}
