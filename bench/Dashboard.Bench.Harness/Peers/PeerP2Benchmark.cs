using System.Diagnostics;
using Dashboard.Tests;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// P2, Prometheus side: resident memory per active series. An idle Prometheus is pushed S series × N samples by
/// remote_write (default 100 k × 480, 2 h at 15 s ending now: all of it stays in the head, which compacts only
/// beyond 3 h); the RSS it gained, divided by S, is the figure. Go's heap floats between the live data and twice that
/// (GOGC=100), so each measurement first has Prometheus collect garbage, then takes the median of RSS readings a
/// second apart (Go returns freed pages to the system gradually).
/// </summary>
internal static class PeerP2Benchmark
{
    private const string HeadSeries = "prometheus_tsdb_head_series";
    private const string SamplesAppended = "prometheus_tsdb_head_samples_appended_total";
    private const string HeapInUse = "go_memstats_heap_inuse_bytes";

    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var series = args.Int("series", 100_000);
        var count = args.Int("count", 480);
        var intervalMs = args.Int("interval-ms", 15_000, min: 10);
        var seed = (ulong)args.Int("seed", 2, min: 0);
        var batch = args.Int("batch", 10_000);
        var senders = args.Int("concurrency", 2);
        var settleSeconds = args.Int("settle-seconds", 10);
        if (series % kinds.Count != 0)
        {
            throw new ArgumentException($"--series {series} does not split evenly over {kinds.Count} kinds.");
        }

        var data = new StorageBenchData(kinds, series / kinds.Count, StorageBenchData.StartEndingNow(TimeProvider.System, intervalMs, count),
            intervalMs, count, seed);
        var kind = SeriesKinds.Describe(kinds);
        ResultLine.Note($"P2 {data}");

        using var work = new BenchWorkFolder(args, "peer-p2");
        var config = PrometheusConfig.WriteEmpty(work.Combine("prometheus.yml"));
        await using var prometheus = PrometheusServer.Start(work.Combine("data"), config, LoopbackListener.FreePort(), remoteWriteReceiver: true);
        await prometheus.WaitReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        await prometheus.CollectGarbageAsync(CancellationToken.None);
        var heapBefore = PrometheusMetricsText.Sum(await prometheus.MetricsAsync(CancellationToken.None), HeapInUse);
        var before = await MedianResidentKibAsync(prometheus, 5);
        ResultLine.Note($"idle RSS {before:N0} KiB");

        var clock = Stopwatch.StartNew();
        var sent = await RemoteWritePusher.PushAsync(data, prometheus.BaseAddress, batch, senders, CancellationToken.None);
        var pushSeconds = clock.Elapsed.TotalSeconds;
        ResultLine.Note($"pushed {sent:N0} samples in {pushSeconds:0.0} s ({sent / pushSeconds:N0}/s)");

        var metrics = await prometheus.WaitMetricsAsync(
            m => PrometheusMetricsText.Sum(m, HeadSeries) >= data.SeriesCount && PrometheusMetricsText.Sum(m, SamplesAppended) >= sent,
            TimeSpan.FromSeconds(120), $"{data.SeriesCount} head series and {sent} samples appended", CancellationToken.None);
        var headSeries = PrometheusMetricsText.Sum(metrics, HeadSeries);
        var unsettled = prometheus.ResidentKib();
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        await prometheus.CollectGarbageAsync(CancellationToken.None);
        var heapAfter = PrometheusMetricsText.Sum(await prometheus.MetricsAsync(CancellationToken.None), HeapInUse);
        var after = await MedianResidentKibAsync(prometheus, settleSeconds + 1);
        ResultLine.Note($"RSS {after:N0} KiB with {headSeries:N0} head series ({unsettled:N0} KiB right after the push, before a collection)");

        ResultLine.Write("prometheus_p2_rss_bytes_per_series", kind, (after - before) * 1024.0 / data.SeriesCount, "bytes/series");
        ResultLine.Write("prometheus_p2_heap_inuse_bytes_per_series", kind, (heapAfter - heapBefore) / data.SeriesCount, "bytes/series");
        ResultLine.Write("prometheus_p2_rss_idle", kind, before, "KiB");
        ResultLine.Write("prometheus_p2_rss_total", kind, after, "KiB");
        ResultLine.Write("prometheus_p2_rss_uncollected", kind, unsettled, "KiB");
        ResultLine.Write("prometheus_p2_head_series", kind, headSeries, "series");
        ResultLine.Write("prometheus_p2_samples", kind, sent, "samples");
        ResultLine.Write("prometheus_p2_push_samples_per_second", kind, sent / pushSeconds, "samples/s");
    }

    /// <summary>The median of <paramref name="readings"/> RSS readings one second apart.</summary>
    private static async Task<double> MedianResidentKibAsync(PrometheusServer prometheus, int readings)
    {
        var values = new List<double>(readings);
        for (var i = 0; i < readings; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            values.Add(prometheus.ResidentKib());
        }

        return Percentiles.Of(Percentiles.Sorted(values), 50);
    }
}
