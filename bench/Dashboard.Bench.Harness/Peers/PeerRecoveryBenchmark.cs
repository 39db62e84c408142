using System.Globalization;
using Dashboard.Tests;
using System.Text.Json;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>
/// Recovery, Prometheus side: time to ready after <c>kill -9</c>. Prometheus is pushed S series × N samples
/// (default 20 k × 500 = 10 M, 2 h 05 min at 15 s ending now, so none has left the head and its WAL), killed with
/// SIGKILL, and started again on the same folder; the figure is from that start to the first 200 of /-/ready.
/// A query afterwards counts the samples it came back with.
/// </summary>
internal static class PeerRecoveryBenchmark
{
    private const string SamplesAppended = "prometheus_tsdb_head_samples_appended_total";
    private const string HeadSeries = "prometheus_tsdb_head_series";

    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var series = args.Int("series", 20_000);
        var count = args.Int("count", 500);
        var intervalMs = args.Int("interval-ms", 15_000, min: 10);
        var seed = (ulong)args.Int("seed", 4, min: 0);
        var batch = args.Int("batch", 10_000);
        var senders = args.Int("concurrency", 2);
        var readyTimeout = TimeSpan.FromSeconds(args.Int("ready-timeout-s", 600));
        if (series % kinds.Count != 0)
        {
            throw new ArgumentException($"--series {series} does not split evenly over {kinds.Count} kinds.");
        }

        var data = new StorageBenchData(kinds, series / kinds.Count, StorageBenchData.StartEndingNow(TimeProvider.System, intervalMs, count),
            intervalMs, count, seed);
        var kind = SeriesKinds.Describe(kinds);
        ResultLine.Note($"recovery {data}");

        using var work = new BenchWorkFolder(args, "peer-recovery");
        var config = PrometheusConfig.WriteEmpty(work.Combine("prometheus.yml"));
        var dataPath = work.Combine("data");
        long sent;
        await using (var first = PrometheusServer.Start(dataPath, config, LoopbackListener.FreePort(), remoteWriteReceiver: true))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            sent = await RemoteWritePusher.PushAsync(data, first.BaseAddress, batch, senders, CancellationToken.None);
            // Every push was answered, so every sample is committed to the WAL; the metric only confirms the count.
            var appended = PrometheusMetricsText.Sum(await first.MetricsAsync(CancellationToken.None), SamplesAppended);
            ResultLine.Note($"pushed {sent:N0} samples, prometheus counts {appended:N0}; kill -9 {first.ProcessId}");
            await first.KillHardAsync();
        }

        var walBytes = FolderBytes(Path.Combine(dataPath, "wal"));
        var headChunkBytes = FolderBytes(Path.Combine(dataPath, "chunks_head"));
        ResultLine.Note($"left behind: {walBytes:N0} bytes of WAL, {headChunkBytes:N0} bytes of head chunks");

        await using var second = PrometheusServer.Start(dataPath, config, LoopbackListener.FreePort(), remoteWriteReceiver: true);
        var ready = await second.WaitReadyAsync(readyTimeout, CancellationToken.None);
        var replay = ReplaySeconds(Path.Combine(work.Path, "prometheus.log"));
        ResultLine.Note($"ready again after {ready.TotalSeconds:0.000} s, of which {replay:0.000} s replaying the WAL by its log");

        var headSeries = PrometheusMetricsText.Sum(await second.MetricsAsync(CancellationToken.None), HeadSeries);
        var recovered = await CountSamplesAsync(second, data, CancellationToken.None);
        ResultLine.Note($"after recovery: {headSeries:N0} head series, {recovered:N0} samples answer a query");
        if (recovered != sent)
        {
            ResultLine.Note($"WARNING: {sent - recovered:N0} acknowledged samples did not come back");
        }

        ResultLine.Write("prometheus_recovery_seconds", kind, ready.TotalSeconds, "s");
        ResultLine.Write("prometheus_recovery_replay_seconds", kind, replay, "s");
        ResultLine.Write("prometheus_recovery_samples", kind, sent, "samples");
        ResultLine.Write("prometheus_recovery_samples_recovered", kind, recovered, "samples");
        ResultLine.Write("prometheus_recovery_head_series", kind, headSeries, "series");
        ResultLine.Write("prometheus_recovery_wal_bytes", kind, walBytes, "bytes");
        ResultLine.Write("prometheus_recovery_head_chunk_bytes", kind, headChunkBytes, "bytes");
    }

    private static async Task<double> CountSamplesAsync(PrometheusServer prometheus, StorageBenchData data, CancellationToken cancellationToken)
    {
        var end = (data.StartMs + ((long)data.Count * data.IntervalMs)) / 1000.0 + 1;
        var span = (long)data.Count * data.IntervalMs / 1000 + 60;
        // One count per metric name: count_over_time drops __name__, and the kinds' series differ by nothing else.
        var count = string.Join(" + ", data.Kinds.Select(k =>
            string.Create(CultureInfo.InvariantCulture, $"sum(count_over_time({{__name__=\"{SeriesKinds.MetricName(k)}\"}}[{span}s]))")));
        var query = string.Create(CultureInfo.InvariantCulture, $"api/v1/query?query={Uri.EscapeDataString(count)}&time={end:0.000}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        using var response = await http.GetAsync(new Uri(prometheus.BaseAddress, query), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The count query answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? 0
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>The head's own account of the restart: <c>total_replay_duration</c> of its last "WAL replay completed".</summary>
    /// <returns>Seconds, or NaN when the log has no such line.</returns>
    private static double ReplaySeconds(string logPath)
    {
        const string Field = "total_replay_duration=";
        var line = File.ReadLines(logPath).LastOrDefault(l => l.Contains("WAL replay completed", StringComparison.Ordinal));
        var start = line?.IndexOf(Field, StringComparison.Ordinal) ?? -1;
        if (line is null || start < 0)
        {
            return double.NaN;
        }

        var value = line[(start + Field.Length)..].Split(' ')[0];
        return GoDuration.Parse(value).TotalSeconds;
    }

    private static long FolderBytes(string path) =>
        Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
}
