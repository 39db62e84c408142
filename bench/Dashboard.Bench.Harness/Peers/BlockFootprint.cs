using System.Text.Json;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>What the TSDB blocks under one folder hold and weigh: every file of every block, meta and tombstones too.</summary>
internal sealed record BlockFootprint(int Blocks, long Samples, long Series, long Bytes, long ChunkBytes, long IndexBytes)
{
    public double BytesPerSample => Samples == 0 ? double.NaN : (double)Bytes / Samples;

    /// <summary>
    /// Sums every block folder (one holding a <c>meta.json</c> with Prometheus-style <c>stats</c>) directly under
    /// <paramref name="path"/>: all its files, and apart the ones <paramref name="roleOf"/> names chunk or index data.
    /// </summary>
    public static BlockFootprint Measure(string path, Func<FileInfo, BlockFileRole> roleOf)
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
                switch (roleOf(file))
                {
                    case BlockFileRole.Chunks:
                        chunkBytes += file.Length;
                        break;
                    case BlockFileRole.Index:
                        indexBytes += file.Length;
                        break;
                    default:
                        break;
                }
            }
        }

        return new BlockFootprint(blocks, samples, series, bytes, chunkBytes, indexBytes);
    }
}
