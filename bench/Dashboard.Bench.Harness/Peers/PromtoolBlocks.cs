using System.Text.Json;

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

    /// <summary>Sums every block folder (one holding a <c>meta.json</c>) directly under <paramref name="path"/>.</summary>
    public static BlockFootprint Measure(string path)
    {
        int blocks = 0;
        long samples = 0, series = 0, bytes = 0, chunkBytes = 0, indexBytes = 0;
        foreach (var block in Directory.EnumerateDirectories(path))
        {
            var meta = Path.Combine(block, "meta.json");
            if (!File.Exists(meta))
            {
                continue;
            }

            blocks++;
            using (var json = JsonDocument.Parse(File.ReadAllBytes(meta)))
            {
                var stats = json.RootElement.GetProperty("stats");
                samples += stats.GetProperty("numSamples").GetInt64();
                series += stats.GetProperty("numSeries").GetInt64();
            }

            foreach (var file in new DirectoryInfo(block).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                bytes += file.Length;
                if (file.Directory?.Name == "chunks")
                {
                    chunkBytes += file.Length;
                }
                else if (file.Name == "index")
                {
                    indexBytes += file.Length;
                }
            }
        }

        return new BlockFootprint(blocks, samples, series, bytes, chunkBytes, indexBytes);
    }
}
