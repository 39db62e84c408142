using System.Diagnostics;
using Dashboard.Tests;
using System.Globalization;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.RemoteWrite;

/// <summary>
/// The remote_write receiver under Prometheus 2.42: Prometheus scrapes loopback targets (default 4 × 25 k series
/// every second: 100 k samples/s) and remote-writes them with its default queue_config to our host, a process of its
/// own. Over a window after a warm-up: the host's CPU (cores), the samples Prometheus sent and those it failed or
/// dropped (its own <c>prometheus_remote_storage_*</c> counters), and Prometheus's CPU beside it. Goal: 0 dropped at
/// 100 k samples/s on at most half a core.
/// </summary>
internal static class RemoteWriteReceiveBenchmark
{
    private const string WriterKey = "bench-writer-key";
    private const string Sent = "prometheus_remote_storage_samples_total";
    private const string Failed = "prometheus_remote_storage_samples_failed_total";
    private const string Dropped = "prometheus_remote_storage_samples_dropped_total";
    private const string Retried = "prometheus_remote_storage_samples_retried_total";
    private const string Pending = "prometheus_remote_storage_samples_pending";

    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var series = args.Int("series", 100_000);
        var targets = args.Int("targets", 4);
        var seconds = args.Int("seconds", 60);
        var warmupSeconds = args.Int("warmup-seconds", 20, min: 0);
        if (series % (targets * kinds.Count) != 0)
        {
            throw new ArgumentException($"--series {series} does not split evenly over {targets} targets × {kinds.Count} kinds.");
        }

        using var work = new BenchWorkFolder(args, "remote-write-receive");
        await using var host = DashboardHostProcess.Start(work.Path, LoopbackListener.FreePort(),
            new Dictionary<string, string> { ["Dashboard:Auth:WriterApiKey"] = WriterKey }, args.Text("host-dll"));
        await host.WaitReadyAsync(TimeSpan.FromSeconds(120));

        var perTarget = Enumerable.Range(0, targets)
            .Select(t => new StorageBenchData(kinds, series / targets / kinds.Count, 0, 1000, int.MaxValue, 5 + (ulong)t))
            .ToArray();
        using var target = new ScrapeTarget(perTarget);
        var config = PrometheusConfig.WriteScrape(work.Combine("prometheus.yml"), target.Ports, intervalSeconds: 1);
        // Prometheus 2.42's default queue_config: only the URL and the writer key are set.
        File.AppendAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""
            remote_write:
              - url: {{new Uri(host.BaseAddress, "api/v1/write")}}
                authorization: { credentials: {{WriterKey}} }

            """));
        await using var prometheus = PrometheusServer.Start(work.Combine("data"), config, LoopbackListener.FreePort(), remoteWriteReceiver: false);
        await prometheus.WaitReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        ResultLine.Note($"remote_write receive: {targets} target(s) × {series / targets:N0} series every 1 s, window {seconds} s after {warmupSeconds} s");
        await prometheus.WaitMetricsAsync(m => PrometheusMetricsText.Sum(m, Sent) >= series, TimeSpan.FromSeconds(120),
            $"{series} samples sent to us", CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));

        var before = await prometheus.MetricsAsync(CancellationToken.None);
        var hostCpuBefore = host.CpuTime();
        var promCpuBefore = prometheus.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var hostCpu = (host.CpuTime() - hostCpuBefore).TotalSeconds;
        var promCpu = (prometheus.CpuTime() - promCpuBefore).TotalSeconds;
        var wall = clock.Elapsed.TotalSeconds;
        var after = await prometheus.MetricsAsync(CancellationToken.None);

        double Delta(string name) => PrometheusMetricsText.Sum(after, name) - PrometheusMetricsText.Sum(before, name);
        var sent = Delta(Sent);
        var lost = Delta(Failed) + Delta(Dropped);
        ResultLine.Note($"{sent:N0} samples sent to us, {Delta(Failed):N0} failed, {Delta(Dropped):N0} dropped, {Delta(Retried):N0} retried, " +
                        $"{PrometheusMetricsText.Sum(after, Pending):N0} pending at the end; host {hostCpu:0.00} CPU s " +
                        $"({host.ResidentKib() / 1024:N0} MiB resident), Prometheus {promCpu:0.00} CPU s, in {wall:0.0} s");
        if (double.IsNaN(sent) || sent <= 0)
        {
            throw new InvalidOperationException("prometheus sent nothing in the window; see prometheus.log and host.log.");
        }

        ResultLine.Write("ours_remote_write_receive_samples_per_second", "scrape", sent / wall, "samples/s");
        ResultLine.Write("ours_remote_write_receive_cpu_cores", "scrape", hostCpu / wall, "cores");
        ResultLine.Write("ours_remote_write_receive_cpu_seconds_per_million_samples", "scrape", hostCpu / (sent / 1e6), "cpu-s/Msamples");
        ResultLine.Write("prometheus_remote_write_lost_samples", "scrape", lost, "samples");
        ResultLine.Write("prometheus_remote_write_sender_cpu_cores", "scrape", promCpu / wall, "cores");
    }
}
