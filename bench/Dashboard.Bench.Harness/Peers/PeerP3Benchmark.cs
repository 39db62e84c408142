using System.Diagnostics;
using Dashboard.Tests;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// P3, Prometheus side: CPU seconds per million samples on the scrape path. Prometheus scrapes loopback targets
/// (default one of 50 k series, every second); once every series exists and a warm-up has passed, its own CPU time
/// (utime + stime) over a window is divided by the samples it appended in that window, from its /metrics at both
/// ends. The targets run in this process, so their cost is not counted.
/// </summary>
internal static class PeerP3Benchmark
{
    private const string HeadSeries = "prometheus_tsdb_head_series";
    private const string SamplesAppended = "prometheus_tsdb_head_samples_appended_total";

    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var series = args.Int("series", 50_000);
        var targets = args.Int("targets", 1);
        var seconds = args.Int("seconds", 60);
        var warmupSeconds = args.Int("warmup-seconds", 15, min: 0);
        var intervalSeconds = args.Int("scrape-interval-s", 1);
        var seed = (ulong)args.Int("seed", 3, min: 0);
        if (series % (targets * kinds.Count) != 0)
        {
            throw new ArgumentException($"--series {series} does not split evenly over {targets} targets × {kinds.Count} kinds.");
        }

        // Every target serves the same series names; the scraper's instance label tells them apart.
        var perTarget = Enumerable.Range(0, targets)
            .Select(t => new StorageBenchData(kinds, series / targets / kinds.Count, 0, intervalSeconds * 1000, int.MaxValue, seed + (ulong)t))
            .ToArray();
        var kind = SeriesKinds.Describe(kinds);
        ResultLine.Note($"P3 {targets} target(s) × {series / targets:N0} series ({kind}), scraped every {intervalSeconds} s for {seconds} s after {warmupSeconds} s");

        using var work = new BenchWorkFolder(args, "peer-p3");
        using var target = new ScrapeTarget(perTarget);
        var (cpu, appended, wall, scrapes) = await MeasureAsync(target, work, series, intervalSeconds, warmupSeconds, seconds);

        ResultLine.Write("prometheus_p3_cpu_seconds_per_million_samples", kind, cpu / (appended / 1e6), "cpu-s/Msamples");
        ResultLine.Write("prometheus_p3_cpu_cores", kind, cpu / wall, "cores");
        ResultLine.Write("prometheus_p3_samples_per_second", kind, appended / wall, "samples/s");
        ResultLine.Write("prometheus_p3_scrapes", kind, scrapes, "scrapes");
    }

    /// <summary>
    /// Starts Prometheus scraping <paramref name="target"/>'s ports, waits for <paramref name="series"/> head series
    /// and the warm-up, then measures its CPU time and appended samples over <paramref name="seconds"/>.
    /// </summary>
    public static async Task<ScrapeCost> MeasureAsync(ScrapeTarget target, BenchWorkFolder work, int series, int intervalSeconds,
        int warmupSeconds, int seconds)
    {
        var config = PrometheusConfig.WriteScrape(work.Combine("prometheus.yml"), target.Ports, intervalSeconds);
        await using var prometheus = PrometheusServer.Start(work.Combine("data"), config, LoopbackListener.FreePort(), remoteWriteReceiver: false);
        await prometheus.WaitReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        await prometheus.WaitMetricsAsync(m => PrometheusMetricsText.Sum(m, HeadSeries) >= series, TimeSpan.FromSeconds(120),
            $"{series} head series", CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));

        var scrapesBefore = target.Scrapes;
        var appendedBefore = PrometheusMetricsText.Sum(await prometheus.MetricsAsync(CancellationToken.None), SamplesAppended);
        var cpuBefore = prometheus.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var cpu = (prometheus.CpuTime() - cpuBefore).TotalSeconds;
        var wall = clock.Elapsed.TotalSeconds;
        var appended = PrometheusMetricsText.Sum(await prometheus.MetricsAsync(CancellationToken.None), SamplesAppended) - appendedBefore;
        var scrapes = target.Scrapes - scrapesBefore;
        ResultLine.Note($"prometheus: {appended:N0} samples appended, {scrapes} scrapes, {cpu:0.00} CPU s in {wall:0.0} s");
        if (appended <= 0)
        {
            throw new InvalidOperationException("prometheus appended nothing in the window; see prometheus.log.");
        }

        return new ScrapeCost(cpu, appended, wall, scrapes);
    }
}
