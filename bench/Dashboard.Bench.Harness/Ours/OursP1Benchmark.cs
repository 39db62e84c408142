using System.Diagnostics;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Storage.Head;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>
/// P1, our side: bytes per sample on disk, on the data sets of <see cref="PeerP1Benchmark"/>. Each data set (one per
/// synthetic kind, or the node-exporter dump) is appended in the same order into a store of its own, the whole head
/// is cut into blocks, and the blocks are weighed: all files of all blocks ÷ the samples their <c>meta.json</c> files
/// report. Prometheus gets one block per data set from promtool, so the store's block duration is a day: one cut
/// takes everything (a 2 h store would write several small blocks that compaction merges later).
/// </summary>
internal static class OursP1Benchmark
{
    private static readonly TimeSpan BlockDuration = TimeSpan.FromDays(1);

    public static async Task RunAsync(HarnessArguments args)
    {
        using var work = new BenchWorkFolder(args, "ours-p1");
        foreach (var (kind, samples) in P1DataSets.From(args))
        {
            await MeasureAsync(kind, samples, work);
        }
    }

    private static async Task MeasureAsync(string kind, IEnumerable<BenchSample> samples, BenchWorkFolder work)
    {
        var path = work.Combine($"{kind}-tsdb");
        var clock = Stopwatch.StartNew();
        using (var store = new BenchStore(path, BlockDuration))
        {
            store.Store.Open();
            var labels = new Dictionary<BenchSeries, Label[]>(ReferenceEqualityComparer.Instance);
            long written = 0, refused = 0;
            foreach (var sample in samples)
            {
                if (!labels.TryGetValue(sample.Series, out var set))
                {
                    set = StoreLabels.Of(sample.Series);
                    labels.Add(sample.Series, set);
                }

                if (store.Store.Append(set, sample.TimestampMs, sample.Value) == AppendOutcome.Appended)
                {
                    written++;
                }
                else
                {
                    refused++;
                }
            }

            store.Store.Flush();
            var appendSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            await store.Store.RunMaintenanceAsync(flushHead: true);
            var footprint = StoreFootprint.MeasureBlocks(store.BlocksPath);
            var disk = store.Store.DiskBytes;
            ResultLine.Note($"{kind}: {written:N0} samples appended in {appendSeconds:0.0} s; cut into {footprint.Blocks} block(s), "
                + $"{footprint.Bytes:N0} bytes, {footprint.Series:N0} series in {clock.Elapsed.TotalSeconds:0.0} s; {disk:N0} bytes with log and snapshot");
            // A refused sample would flatter us, as a skipped one would flatter promtool: every count must agree.
            if (refused != 0 || footprint.Samples != written)
            {
                throw new InvalidOperationException($"{kind}: {refused} samples refused, {written} appended, the blocks hold {footprint.Samples}.");
            }

            ResultLine.Write("ours_p1_bytes_per_sample", kind, footprint.BytesPerSample, "bytes/sample");
            ResultLine.Write("ours_p1_chunk_bytes_per_sample", kind, (double)footprint.ChunkBytes / footprint.Samples, "bytes/sample");
            ResultLine.Write("ours_p1_index_bytes", kind, footprint.IndexBytes, "bytes");
            ResultLine.Write("ours_p1_samples", kind, footprint.Samples, "samples");
            ResultLine.Write("ours_p1_series", kind, footprint.Series, "series");
            ResultLine.Write("ours_p1_blocks", kind, footprint.Blocks, "blocks");
            // Not comparable with Prometheus's block-only figure: the log segment and head snapshot left after the cut.
            ResultLine.Write("ours_p1_disk_bytes_per_sample", kind, (double)disk / footprint.Samples, "bytes/sample");
        }

        if (!work.Keep)
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
