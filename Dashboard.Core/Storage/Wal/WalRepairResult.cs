namespace Dashboard.Core.Storage.Wal;

/// <summary>What <see cref="WalRepair.Repair"/> dropped.</summary>
/// <param name="BytesDropped">Bytes cut from the damaged segment plus the bytes of the deleted segments.</param>
/// <param name="SegmentsDeleted">Segments deleted after the damaged one.</param>
public readonly record struct WalRepairResult(long BytesDropped, int SegmentsDeleted);
