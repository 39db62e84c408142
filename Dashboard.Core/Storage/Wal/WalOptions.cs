namespace Dashboard.Core.Storage.Wal;

/// <summary>Settings of a <see cref="WalWriter"/>.</summary>
public sealed class WalOptions
{
    /// <summary>The smallest segment size accepted.</summary>
    public const long MinSegmentSizeBytes = 1024;

    /// <summary>The largest segment size accepted.</summary>
    public const long MaxSegmentSizeBytes = 1024L * 1024 * 1024;

    /// <summary>A segment is closed before a record would take it past this size; default 128 MiB.</summary>
    public long SegmentSizeBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// Once this many bytes are buffered, the appending thread writes them to the segment (no fsync) itself, unless a
    /// flush is running; default 1 MiB. Keeps the buffer small between timer flushes at high ingest rates, and hands
    /// data to the OS early, where it survives the process being killed.
    /// </summary>
    public int WriteThresholdBytes { get; set; } = 1024 * 1024;

    /// <summary>Throws when a setting is out of range, naming every offending setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (SegmentSizeBytes is < MinSegmentSizeBytes or > MaxSegmentSizeBytes)
        {
            errors.Add($"{nameof(SegmentSizeBytes)} must be {MinSegmentSizeBytes} to {MaxSegmentSizeBytes}, not {SegmentSizeBytes}.");
        }

        if (WriteThresholdBytes < 0)
        {
            errors.Add($"{nameof(WriteThresholdBytes)} must not be negative, not {WriteThresholdBytes}.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
