using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Storage.Head;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>
/// P2, our side: resident memory per active series, on the data set of <see cref="PeerP2Benchmark"/> (default 100 k
/// series × 480 samples, 2 h at 15 s ending now). This process is the server: it opens an empty store, collects
/// garbage and reads its RSS, appends every sample in time order (one thread, <see cref="Core.Storage.TsdbStore.Append"/>,
/// the remote-write path), then collects again and reads the RSS it gained. With the default 2 h blocks nothing is cut
/// (a cut waits for 3 h in the head, as in Prometheus), which the run checks; one maintenance round re-encodes the
/// sealed head chunks before the reading, as the store's minute timer would. The GC is the one the host runs (this
/// harness is built like it); the run reports which.
/// </summary>
/// <remarks>
/// The generator's own state (its series, their labels, the round being sorted) is allocated before the first
/// reading, so the difference is the store's; each new series reaches the store in strings of its own, as a decoded
/// request's would. The append path is compiled on a throwaway store first, as Prometheus's code is compiled ahead.
/// </remarks>
internal static class OursP2Benchmark
{
    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var seriesCount = args.Int("series", 100_000);
        var count = args.Int("count", 480);
        var intervalMs = args.Int("interval-ms", 15_000, min: 10);
        var seed = (ulong)args.Int("seed", 2, min: 0);
        var settleSeconds = args.Int("settle-seconds", 10);
        if (seriesCount % kinds.Count != 0)
        {
            throw new ArgumentException($"--series {seriesCount} does not split evenly over {kinds.Count} kinds.");
        }

        var data = new StorageBenchData(kinds, seriesCount / kinds.Count, StorageBenchData.StartEndingNow(TimeProvider.System, intervalMs, count),
            intervalMs, count, seed);
        var kind = SeriesKinds.Describe(kinds);
        ResultLine.Note($"P2 {data}");
        ResultLine.Note($"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}, {Environment.ProcessorCount} cores");

        using var work = new BenchWorkFolder(args, "ours-p2");
        WarmUp(work.Combine("warm-up"));

        var series = data.CreateSeries();
        var lookup = series.Select(s => StoreLabels.Of(s.Series)).ToArray();
        var known = new bool[series.Length];
        var round = new BenchSample[series.Length];
        var order = new (long TimestampMs, int Index)[series.Length];

        using var store = new BenchStore(work.Combine("tsdb"));
        store.Store.Open();
        var heapBefore = ResidentMemory.CollectAndMeasureHeap();
        var before = await ResidentMemory.MedianKibAsync(5);
        ResultLine.Note($"idle RSS {before:N0} KiB, managed heap {heapBefore / 1024:N0} KiB");

        var clock = Stopwatch.StartNew();
        long appended = 0;
        // Round by round, each sorted by timestamp (ties by series): the order of StorageBenchData.TimeOrdered.
        for (var r = 0; r < data.Count; r++)
        {
            for (var i = 0; i < series.Length; i++)
            {
                round[i] = series[i].Next();
                order[i] = (round[i].TimestampMs, i);
            }

            Array.Sort(order);
            foreach (var (_, i) in order)
            {
                var labels = known[i] ? lookup[i] : StoreLabels.Copy(lookup[i]);
                known[i] = true;
                var outcome = store.Store.Append(labels, round[i].TimestampMs, round[i].Value);
                appended += outcome == AppendOutcome.Appended ? 1
                    : throw new InvalidOperationException($"{round[i].Series} at {round[i].TimestampMs}: {outcome}.");
            }
        }

        store.Store.Flush();
        var appendSeconds = clock.Elapsed.TotalSeconds;
        // One maintenance round, as the store runs every minute: it re-encodes the head's sealed chunks densely
        // (Prometheus, likewise, moves its full head chunks out of the heap to memory-mapped files in the background).
        await store.Store.RunMaintenanceAsync();
        ResultLine.Note($"appended {appended:N0} samples in {appendSeconds:0.0} s ({appended / appendSeconds:N0}/s)");
        if (store.Store.BlockCount != 0 || store.Store.HeadSeries != data.SeriesCount)
        {
            throw new InvalidOperationException($"Not all in the head: {store.Store.BlockCount} blocks, {store.Store.HeadSeries} head series.");
        }

        var unsettled = ProcessStats.ResidentKib();
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        var heapAfter = ResidentMemory.CollectAndMeasureHeap();
        var after = await ResidentMemory.MedianKibAsync(settleSeconds + 1);
        ResultLine.Note($"RSS {after:N0} KiB with {store.Store.HeadSeries:N0} head series ({unsettled:N0} KiB right after the appends, before a collection), "
            + string.Create(CultureInfo.InvariantCulture, $"managed heap {heapAfter / 1024:N0} KiB"));

        ResultLine.Write("ours_p2_rss_bytes_per_series", kind, (after - before) * 1024.0 / data.SeriesCount, "bytes/series");
        ResultLine.Write("ours_p2_heap_inuse_bytes_per_series", kind, (double)(heapAfter - heapBefore) / data.SeriesCount, "bytes/series");
        ResultLine.Write("ours_p2_rss_idle", kind, before, "KiB");
        ResultLine.Write("ours_p2_rss_total", kind, after, "KiB");
        ResultLine.Write("ours_p2_rss_uncollected", kind, unsettled, "KiB");
        ResultLine.Write("ours_p2_head_series", kind, store.Store.HeadSeries, "series");
        ResultLine.Write("ours_p2_samples", kind, appended, "samples");
        // In process on one thread: not comparable with Prometheus's remote_write push rate, so named apart.
        ResultLine.Write("ours_p2_append_samples_per_second", kind, appended / appendSeconds, "samples/s");
        // The generator's state was in the first reading; it must be in the second too, not collected after its last use.
        GC.KeepAlive(series);
        GC.KeepAlive(lookup);
        GC.KeepAlive(known);
        GC.KeepAlive(round);
        GC.KeepAlive(order);
    }

    // Runs the append path (series creation, chunk cuts, log writes) long enough to be compiled at its final tier.
    private static void WarmUp(string path)
    {
        using (var store = new BenchStore(path))
        {
            store.Store.Open();
            var labels = Enumerable.Range(0, 1000)
                .Select(i => new Label[] { new("__name__", "warm_up"), new("i", i.ToString(CultureInfo.InvariantCulture)) })
                .ToArray();
            for (var t = 0; t < 500; t++)
            {
                foreach (var set in labels)
                {
                    store.Store.Append(set, 1_000_000 + (t * 15_000L), t);
                }
            }

            store.Store.Flush();
        }

        Directory.Delete(path, recursive: true);
    }
}
