namespace Dashboard.Core.Collection;

/// <summary>A snapshot of how an instance's collects are going.</summary>
/// <param name="LastCollectedAt">When the last successful collect started.</param>
/// <param name="LastDurationMs">How long the last collect (successful or not) took.</param>
/// <param name="LastError">Why the last collect failed, while failures continue.</param>
/// <param name="ConsecutiveFailures">Failures since the last success.</param>
/// <param name="Collects">Successful collects.</param>
/// <param name="Failures">Failed collects, timeouts included.</param>
/// <param name="Skipped">Ticks skipped because the previous collect was still running.</param>
/// <param name="LastSampleCount">Samples in the last successful collect.</param>
/// <param name="SeriesCount">Series the instance has written.</param>
/// <param name="RefusedSamples">Samples refused (series limit, invalid names).</param>
/// <param name="Warning">Why samples are being refused, if they are.</param>
public sealed record CollectionStatus(
    DateTimeOffset? LastCollectedAt,
    double? LastDurationMs,
    string? LastError,
    int ConsecutiveFailures,
    long Collects,
    long Failures,
    long Skipped,
    int LastSampleCount,
    int SeriesCount,
    long RefusedSamples,
    string? Warning);
