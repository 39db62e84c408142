using System.Globalization;

namespace Dashboard.Core.Storage.Wal;

/// <summary>Where and why a WAL replay stopped early.</summary>
/// <param name="Segment">The segment holding the bad record (or the missing segment's number).</param>
/// <param name="Offset">Offset of the bad record in <paramref name="Segment"/>: everything before it was replayed.</param>
/// <param name="Fault">What was wrong.</param>
/// <param name="SkippedSegments">Later segments that were present but not replayed: their records may depend on
/// what was lost (a sample of a series whose record was damaged).</param>
public sealed record WalCorruption(int Segment, long Offset, RecordFault Fault, IReadOnlyList<int> SkippedSegments)
{
    /// <summary>Whether the log just ends mid-record, as a crash during a write leaves it, rather than holding damaged
    /// bytes: a truncation in the last segment.</summary>
    public bool IsTornTail => Fault is RecordFault.TruncatedHeader or RecordFault.TruncatedPayload && SkippedSegments.Count == 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"WAL segment {Segment:D8} at offset {Offset}: {Fault}; {SkippedSegments.Count} later segment(s) not replayed");
}
