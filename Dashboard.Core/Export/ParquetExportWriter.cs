using Dashboard.Core.Storage;
using Parquet;
using Parquet.Schema;

namespace Dashboard.Core.Export;

/// <summary>
/// Writes a Parquet file, one row group per block of rows, Snappy-compressed (every Parquet reader decodes it).
/// <c>timestamp</c> is an INT64 <c>TIMESTAMP(MILLIS, isAdjustedToUTC=true)</c>, <c>value</c> a DOUBLE, <c>series</c>
/// and the label columns UTF-8 strings (dictionary-encoded by Parquet.Net where that pays). The destination need not
/// be seekable: the footer, with every row group's offsets, is written last.
/// </summary>
public sealed class ParquetExportWriter : ISampleExportWriter
{
    private const int PoolFreeBytes = 8 * 1024 * 1024;
    private readonly int _batchRows;

    /// <summary>Creates the writer.</summary>
    /// <param name="batchRows">The most rows per row group.</param>
    public ParquetExportWriter(int batchRows = ExportWriters.DefaultBatchRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchRows, 1);
        _batchRows = batchRows;
    }

    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Parquet;

    /// <inheritdoc />
    public string ContentType => "application/vnd.apache.parquet";

    /// <inheritdoc />
    public string FileExtension => "parquet";

    /// <inheritdoc />
    public async Task WriteAsync(Stream destination, IReadOnlyList<SelectedSeries> series, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(series);
        var columns = ExportColumns.Of(series);
        var timestampField = new DateTimeDataField(ExportColumns.TimestampColumn, DateTimeFormat.Timestamp, isAdjustedToUTC: true,
            unit: DateTimeTimeUnit.Millis, isNullable: false);
        var valueField = new DataField(ExportColumns.ValueColumn, typeof(double), isNullable: false);
        var seriesField = new DataField(ExportColumns.SeriesColumn, typeof(string), isNullable: false);
        var labelFields = columns.LabelColumns.Select(name => new DataField(name, typeof(string), isNullable: true)).ToArray();
        var schema = new ParquetSchema([timestampField, valueField, seriesField, .. labelFields]);

        // Parquet.Net takes text as character memory: each distinct string is referenced, never copied, per row.
        var seriesNames = columns.SeriesNames.Select(n => (ReadOnlyMemory<char>?)n.AsMemory()).ToArray();
        var labelValues = labelFields
            .Select((_, c) => Enumerable.Range(0, series.Count).Select(s => columns.LabelValue(c, s)?.AsMemory()).ToArray())
            .ToArray();
        var times = new DateTime[_batchRows];
        var values = new double[_batchRows];
        var text = new ReadOnlyMemory<char>?[_batchRows];
        var batch = new ExportBatch(_batchRows);
        var reader = new ExportBatchReader(series);

        var output = new AsyncBufferedWriteStream(destination);
        var options = new ParquetOptions
        {
            CompressionMethod = CompressionMethod.Snappy,

            // Parquet.Net keeps freed page buffers for reuse, by default up to 80 MB for the life of the process;
            // about one row group's worth gives the same reuse within an export.
            MaximumSmallPoolFreeBytes = PoolFreeBytes,
            MaximumLargePoolFreeBytes = PoolFreeBytes,
        };
        var writer = await ParquetWriter.CreateAsync(schema, output, options, append: false, cancellationToken).ConfigureAwait(false);
        var written = false;
        try
        {
            while (reader.Read(batch))
            {
                var count = batch.Count;
                CopyColumns(batch, times, values);
                using (var group = writer.CreateRowGroup())
                {
                    await group.WriteAsync<DateTime>(timestampField, times.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                    await group.WriteAsync<double>(valueField, values.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                    Fill(text, batch.Runs, seriesNames);
                    await group.WriteAsync<ReadOnlyMemory<char>>(seriesField, text.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                    for (var c = 0; c < labelFields.Length; c++)
                    {
                        Fill(text, batch.Runs, labelValues[c]);
                        await group.WriteAsync<ReadOnlyMemory<char>>(labelFields[c], text.AsMemory(0, count), cancellationToken: cancellationToken).ConfigureAwait(false);
                    }

                    group.CompleteValidate();
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            written = true;
        }
        finally
        {
            // The footer goes out only after a complete file: after a failure, a truncated file is the honest result.
            if (written)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // Parquet.Net takes DateTime for timestamps, and typed memory where the batch holds bytes (for Arrow).
    private static void CopyColumns(ExportBatch batch, DateTime[] times, double[] values)
    {
        var timestamps = batch.Timestamps[..batch.Count];
        for (var i = 0; i < timestamps.Length; i++)
        {
            times[i] = DateTime.UnixEpoch.AddTicks(timestamps[i] * TimeSpan.TicksPerMillisecond);
        }

        batch.Values[..batch.Count].CopyTo(values);
    }

    private static void Fill(ReadOnlyMemory<char>?[] rows, IReadOnlyList<SeriesRun> runs, ReadOnlyMemory<char>?[] bySeries)
    {
        foreach (var run in runs)
        {
            rows.AsSpan(run.Start, run.Count).Fill(bySeries[run.Series]);
        }
    }
}
