
namespace Dashboard.Bench.Harness.Peers;

/// <summary>Prometheus's on-disk form of a data set: blocks made by promtool from OpenMetrics text, and their size.</summary>
internal static class PromtoolBlocks
{
    /// <summary>
    /// Backfills <paramref name="openMetricsPath"/> into blocks under <paramref name="outputPath"/>. A long
    /// <c>--max-block-duration</c> makes promtool choose the longest of its block lengths (2 h × 3ⁿ) that fits: 54 h for 54h up to 161h, so
    /// a data set that stays inside one 54 h-aligned window becomes one block, as compaction would leave it.
    /// </summary>
    public static Task<string> CreateAsync(string openMetricsPath, string outputPath, string maxBlockDuration, TimeSpan timeout, CancellationToken cancellationToken) =>
        ExternalCommand.RunAsync("promtool",
            ["tsdb", "create-blocks-from", "openmetrics", $"--max-block-duration={maxBlockDuration}", openMetricsPath, outputPath],
            timeout, cancellationToken);

    /// <summary>Sums every block folder directly under <paramref name="path"/>: <c>chunks/</c> is chunk data, <c>index</c> the index.</summary>
    public static BlockFootprint Measure(string path) => BlockFootprint.Measure(path, file =>
        file.Directory?.Name == "chunks" ? BlockFileRole.Chunks : file.Name == "index" ? BlockFileRole.Index : BlockFileRole.Other);
}
