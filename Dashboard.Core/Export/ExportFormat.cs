namespace Dashboard.Core.Export;

/// <summary>The file formats samples can be exported in.</summary>
public enum ExportFormat
{
    /// <summary>Arrow IPC stream format (<c>application/vnd.apache.arrow.stream</c>), one record batch per block of rows.</summary>
    Arrow,

    /// <summary>Apache Parquet, one row group per block of rows, Snappy-compressed.</summary>
    Parquet,

    /// <summary>RFC 4180 comma-separated values with a header row.</summary>
    Csv,
}
