namespace Dashboard.Core.Storage;

/// <summary>What opening the store found and restored.</summary>
/// <param name="Blocks">Blocks loaded.</param>
/// <param name="CorruptBlocks">Blocks skipped, each with the reason.</param>
/// <param name="SnapshotProblem">Why the head snapshot could not be used, if it could not.</param>
/// <param name="WalProblem">Where and why log replay stopped early, if it did.</param>
/// <param name="Series">Series in the head after recovery.</param>
/// <param name="Samples">Samples restored into the head (snapshot and log).</param>
/// <param name="Elapsed">How long recovery took.</param>
public sealed record RecoveryReport(
    int Blocks,
    IReadOnlyList<string> CorruptBlocks,
    string? SnapshotProblem,
    string? WalProblem,
    int Series,
    long Samples,
    TimeSpan Elapsed);
