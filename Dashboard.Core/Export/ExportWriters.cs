namespace Dashboard.Core.Export;

/// <summary>The export writer of each format.</summary>
public static class ExportWriters
{
    /// <summary>
    /// Rows per block (Arrow record batch, Parquet row group, CSV flush): 64 Ki rows keep a block's buffers near a few
    /// megabytes while making blocks large enough for columnar readers to stay efficient.
    /// </summary>
    public const int DefaultBatchRows = 64 * 1024;

    /// <summary>The writer of a format.</summary>
    /// <param name="format">The format.</param>
    /// <param name="batchRows">Rows per block.</param>
    /// <returns>The writer.</returns>
    public static ISampleExportWriter For(ExportFormat format, int batchRows = DefaultBatchRows) => format switch
    {
        ExportFormat.Arrow => new ArrowExportWriter(batchRows),
        ExportFormat.Parquet => new ParquetExportWriter(batchRows),
        ExportFormat.Csv => new CsvExportWriter(batchRows),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format"),
    };
}
