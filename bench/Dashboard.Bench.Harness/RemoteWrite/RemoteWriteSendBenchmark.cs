using System.Diagnostics;
using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Core.Collection;
using Dashboard.Core.RemoteWrite;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Bench.Harness.RemoteWrite;

/// <summary>
/// The remote_write sender's throughput: our <see cref="RemoteWriteSink"/>, fed collects as fast as its queue takes
/// them, pushes to a Prometheus 2.42 receiver on loopback. Reported per CPU-second of this process (collect writer,
/// queue, encoding and HTTP together), so the figure is samples/s on one core whatever else the machine runs; the
/// receiving Prometheus's CPU for the same samples is the peer figure beside it.
/// </summary>
internal static class RemoteWriteSendBenchmark
{
    public static async Task RunAsync(HarnessArguments args)
    {
        var series = args.Int("series", 10_000);
        var seconds = args.Int("seconds", 30);
        var shards = args.Int("shards", 4);
        var perSend = args.Int("max-samples-per-send", 500);
        // Room for two whole collects in any one shard, so a round never overflows however the series hash.
        var capacity = Math.Max(args.Int("capacity", 2500), series * 2);

        using var work = new BenchWorkFolder(args, "remote-write-send");
        var config = PrometheusConfig.WriteEmpty(work.Combine("prometheus.yml"));
        await using var prometheus = PrometheusServer.Start(work.Combine("data"), config, LoopbackListener.FreePort(), remoteWriteReceiver: true);
        await prometheus.WaitReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

        var options = new RemoteWriteOptions { FlushTimeout = TimeSpan.FromSeconds(60) };
        options.Remotes.Add(new RemoteOptions
        {
            Name = "prometheus",
            Url = new Uri(prometheus.BaseAddress, "api/v1/write"),
            Shards = shards,
            Capacity = capacity,
            MaxSamplesPerSend = perSend,
        });
        using var meters = new TestMeterFactory();
        using var metrics = new RemoteWriteMetrics(meters);
        await using var sink = new RemoteWriteSink(Options.Create(options), metrics, TimeProvider.System, NullLogger<RemoteWriteSink>.Instance);
        var writer = new InstanceSampleWriter("bench", new SeriesTable(new Dictionary<string, string> { ["job"] = "rw-send" }, series));
        var names = Enumerable.Range(0, series).Select(i => new[] { new Label("series", i.ToString(CultureInfo.InvariantCulture)) }).ToArray();
        ResultLine.Note($"remote_write send: {series:N0} series, {shards} shards × {capacity:N0}, {perSend} samples per send, {seconds} s");
        sink.Start();

        // One round a second of sample time, from an hour ago: always inside the receiver's head, never in its future.
        var start = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var promCpuBefore = prometheus.CpuTime();
        var clock = Stopwatch.StartNew();
        var accepted = 0L;
        var round = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds) && round < 3500)
        {
            // Keep within the buffer: the benchmark measures sending, not dropping.
            while (sink.Pending("prometheus") > series)
            {
                await Task.Delay(1);
            }

            writer.Begin(DateTimeOffset.FromUnixTimeMilliseconds(start + (round * 1000L)));
            for (var i = 0; i < series; i++)
            {
                writer.Write("rw_send_bench", MetricKind.Gauge, names[i], (round * 0.5) + i);
            }

            var batch = writer.Complete();
            sink.Accept(batch);
            batch.Release();
            accepted += series;
            round++;
        }

        await sink.StopAsync(CancellationToken.None);
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var promCpu = (prometheus.CpuTime() - promCpuBefore).TotalSeconds;
        var sent = sink.SentTotal("prometheus");
        var failed = sink.FailedTotal("prometheus");
        var dropped = sink.DroppedTotal("prometheus");
        var appended = PrometheusMetricsText.Sum(await prometheus.MetricsAsync(CancellationToken.None), "prometheus_tsdb_head_samples_appended_total");
        ResultLine.Note($"{accepted:N0} accepted, {sent:N0} sent, {failed:N0} failed, {dropped:N0} dropped, Prometheus appended {appended:N0}; " +
                        $"{cpu:0.00} CPU s here, {promCpu:0.00} CPU s in Prometheus, {wall:0.0} s");
        if (sent != accepted || appended < sent)
        {
            throw new InvalidOperationException($"not everything arrived: accepted {accepted}, sent {sent}, appended {appended}; see prometheus.log.");
        }

        ResultLine.Write("ours_remote_write_send_samples_per_cpu_second", "gauge", sent / cpu, "samples/cpu-s");
        ResultLine.Write("ours_remote_write_send_samples_per_second", "gauge", sent / wall, "samples/s");
        ResultLine.Write("ours_remote_write_send_cpu_cores", "gauge", cpu / wall, "cores");
        ResultLine.Write("prometheus_remote_write_receive_samples_per_cpu_second", "gauge", sent / promCpu, "samples/cpu-s");
    }
}
