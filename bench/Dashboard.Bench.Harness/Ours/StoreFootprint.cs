using System.Text.Json;
using Dashboard.Bench.Harness.Peers;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>What our store's files weigh, in the terms of Prometheus's <see cref="BlockFootprint"/>.</summary>
internal static class StoreFootprint
{
    /// <summary>
    /// Sums every block folder (one holding a <c>meta.json</c>) directly under <paramref name="blocksPath"/>: all its
    /// files. <c>chunks.arrow</c> counts as chunk bytes; <c>series.arrow</c> (labels, chunk references) and
    /// <c>index.arrow</c> (postings) as index bytes, the parts of Prometheus's <c>index</c> file.
    /// </summary>
    public static BlockFootprint MeasureBlocks(string blocksPath)
    {
        int blocks = 0;
        long samples = 0, series = 0, bytes = 0, chunkBytes = 0, indexBytes = 0;
        foreach (var block in Directory.EnumerateDirectories(blocksPath))
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
                switch (file.Name)
                {
                    case "chunks.arrow":
                        chunkBytes += file.Length;
                        break;
                    case "series.arrow" or "index.arrow":
                        indexBytes += file.Length;
                        break;
                    default:
                        break;
                }
            }
        }

        return new BlockFootprint(blocks, samples, series, bytes, chunkBytes, indexBytes);
    }

    /// <summary>Every file under a folder; 0 when it does not exist.</summary>
    public static long FolderBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
