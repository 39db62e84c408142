namespace Dashboard.Core.Storage.Wal;

/// <summary>What a WAL replay read.</summary>
/// <param name="FirstSegment">The first segment read; 0 when none was.</param>
/// <param name="LastSegment">The last segment read, wholly or up to the corruption; 0 when none was.</param>
/// <param name="Records">Intact records visited.</param>
/// <param name="Series">Series visited.</param>
/// <param name="Samples">Samples visited.</param>
/// <param name="Corruption">Where and why the replay stopped early; <see langword="null"/> when the log was read to
/// its end.</param>
public sealed record WalReplayResult(int FirstSegment, int LastSegment, long Records, long Series, long Samples, WalCorruption? Corruption);
