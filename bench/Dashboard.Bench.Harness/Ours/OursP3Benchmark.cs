using System.Diagnostics;
using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Collection;

namespace Dashboard.Bench.Harness.Ours;

/// <summary>
/// P3, our side: CPU seconds per million samples on the ingest path. We have no scrape path yet (a Prometheus-format
/// scrape plugin comes later), so this measures the path a plugin's collect takes: <see cref="InstanceSampleWriter"/>
/// → <see cref="SampleBatch"/> → <see cref="Core.Storage.TsdbStore.Accept"/>, with the store's 1 s log flush (and
/// fsync) on its timer. No HTTP, no text parsing: Prometheus's figure includes both, ours cannot.
/// </summary>
/// <remarks>
/// The series and values are <see cref="PeerP3Benchmark"/>'s (50 k series by default, the instance and job labels the
/// scraper would add), one collect per second of data with timestamps 1 s apart, fed back to back rather than paced
/// (<c>--paced</c> waits for each second instead). The values are generated before the clock starts, as Prometheus's
/// targets run outside its process. Process CPU time (all threads: the collect, the log flush, the GC) over the
/// measured collects, the log flushed at both ends, ÷ their samples.
/// </remarks>
internal static class OursP3Benchmark
{
    private const string InstanceId = "bench-target";

    public static void Run(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var seriesCount = args.Int("series", 50_000);
        var seconds = args.Int("seconds", 60);
        var warmupSeconds = args.Int("warmup-seconds", 15, min: 0);
        var seed = (ulong)args.Int("seed", 3, min: 0);
        var paced = args.Flag("paced");
        if (seriesCount % kinds.Count != 0)
        {
            throw new ArgumentException($"--series {seriesCount} does not split evenly over {kinds.Count} kinds.");
        }

        var data = new StorageBenchData(kinds, seriesCount / kinds.Count, 0, 1000, int.MaxValue, seed);
        var kind = SeriesKinds.Describe(kinds);
        var rounds = warmupSeconds + seconds;
        ResultLine.Note($"P3 ours: {seriesCount:N0} series ({kind}), one collect per second of data, {warmupSeconds} warm-up + {seconds} measured collects, "
            + (paced ? "paced at 1/s" : "back to back"));

        var series = data.CreateSeries();
        var metrics = series.Select(s => s.Series.MetricName).ToArray();
        var metricKinds = series.Select(s => s.Series.MetricName.EndsWith("_total", StringComparison.Ordinal) ? MetricKind.Counter : MetricKind.Gauge).ToArray();
        var labels = series.Select(s => PluginLabels(s.Series)).ToArray();
        var values = new double[rounds][];
        for (var r = 0; r < rounds; r++)
        {
            values[r] = [.. series.Select(s => s.Next().Value)];
        }

        using var work = new BenchWorkFolder(args, "ours-p3");
        using var store = new BenchStore(work.Combine("tsdb"));
        store.Store.Open();
        // The instance's labels, as the scraper adds job and instance to each target's series.
        var table = new SeriesTable(new Dictionary<string, string> { ["instance"] = "127.0.0.1:9100", ["job"] = "storage-bench" },
            Math.Max(100_000, seriesCount));
        var writer = new InstanceSampleWriter(InstanceId, table);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(StorageBenchData.StartEndingNow(TimeProvider.System, 1000, rounds));

        var warmup = Stopwatch.StartNew();
        for (var r = 0; r < warmupSeconds; r++)
        {
            Collect(writer, store, start.AddSeconds(r), metrics, metricKinds, labels, values[r]);
            Pace(paced, warmup, r + 1);
        }

        store.Store.Flush();
        var gcBefore = ProcessStats.Collections();
        var cpuBefore = ProcessStats.CpuTime();
        var clock = Stopwatch.StartNew();
        long samples = 0;
        for (var r = warmupSeconds; r < rounds; r++)
        {
            samples += Collect(writer, store, start.AddSeconds(r), metrics, metricKinds, labels, values[r]);
            Pace(paced, clock, r - warmupSeconds + 1);
        }

        store.Store.Flush();
        var wall = clock.Elapsed.TotalSeconds;
        var cpu = (ProcessStats.CpuTime() - cpuBefore).TotalSeconds;
        var gcAfter = ProcessStats.Collections();
        ResultLine.Note(string.Create(CultureInfo.InvariantCulture,
            $"{samples:N0} samples in {seconds} collects, {cpu:0.00} CPU s in {wall:0.00} s; {table.Count:N0} series, {store.Store.HeadSeries:N0} in the head; ")
            + $"GC {gcAfter.Gen0 - gcBefore.Gen0}/{gcAfter.Gen1 - gcBefore.Gen1}/{gcAfter.Gen2 - gcBefore.Gen2} (gen 0/1/2)");
        if (store.Store.HeadSeries != seriesCount || samples != (long)seriesCount * seconds)
        {
            throw new InvalidOperationException($"Expected {seriesCount} series and {(long)seriesCount * seconds} samples stored.");
        }

        // Named like Prometheus's so that the script pairs them; the unit says what ours covers.
        ResultLine.Write("ours_p3_cpu_seconds_per_million_samples", kind, cpu / (samples / 1e6), "cpu-s/Msamples(collect-path,no-scrape)");
        ResultLine.Write("ours_p3_collect_path_samples_per_second", kind, samples / wall, "samples/s");
        ResultLine.Write("ours_p3_collect_path_cpu_cores", kind, cpu / wall, "cores");
        ResultLine.Write("ours_p3_collects", kind, seconds, "collects");
    }

    private static long Collect(InstanceSampleWriter writer, BenchStore store, DateTimeOffset at, string[] metrics, MetricKind[] kinds,
        Label[][] labels, double[] values)
    {
#pragma warning disable CA1859 // A plugin only sees the interface, so the benchmark calls through it too.
        ISampleWriter plugin = writer;
#pragma warning restore CA1859
        writer.Begin(at);
        for (var i = 0; i < values.Length; i++)
        {
            plugin.Write(metrics[i], kinds[i], labels[i], values[i]);
        }

        var batch = writer.Complete();
        store.Store.Accept(batch);
        var count = batch.Count;
        batch.Release();
        return count;
    }

    private static void Pace(bool paced, Stopwatch clock, int collectsDone)
    {
        var due = TimeSpan.FromSeconds(collectsDone) - clock.Elapsed;
        if (paced && due > TimeSpan.Zero)
        {
            Thread.Sleep(due);
        }
    }

    // What the scrape target exposes (ScrapeExposition): job left out, instance renamed host; the scraper adds its own.
    private static Label[] PluginLabels(BenchSeries series) =>
    [
        .. series.Labels
            .Where(l => l.Name is not (BenchSeries.MetricNameLabel or "job"))
            .Select(l => new Label(l.Name == "instance" ? "host" : l.Name, l.Value)),
    ];
}
