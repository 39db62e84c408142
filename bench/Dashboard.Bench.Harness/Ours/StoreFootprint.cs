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
    public static BlockFootprint MeasureBlocks(string blocksPath) => BlockFootprint.Measure(blocksPath, file => file.Name switch
    {
        "chunks.arrow" => BlockFileRole.Chunks,
        "series.arrow" or "index.arrow" => BlockFileRole.Index,
        _ => BlockFileRole.Other,
    });

    /// <summary>Every file under a folder; 0 when it does not exist.</summary>
    public static long FolderBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
