using System.Diagnostics;
using System.Globalization;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// P4 and P6: our host beside Prometheus 2.42 in one run, on the same data. Both are started empty, over TLS
/// (the same throwaway certificate), and backfilled through their remote_write receivers with the same requests
/// (<see cref="QueryDataSet"/>: by default 24 h + 10 min at 60 s of 100 counters, 10,000 gauges in 10 groups and
/// 100 histograms of 10 buckets: 16.1 M samples each); both cut their heads into blocks as the data arrives, as they
/// would have over a day. Once both are idle:
/// <list type="bullet">
/// <item>P4: each query_range of <see cref="P4Queries"/> is asked <c>--warmup</c> times (and for at least
/// <c>--warmup-seconds</c>) of each, then
/// <c>--iterations</c> times of each, alternately (so a change in the shared machine's load hits both alike), one
/// request at a time on a kept-alive HTTP/1.1 connection; p50 and p99 of the wall time, and the server's CPU time
/// per query.</item>
/// <item>P6: h2load over HTTP/2 repeating one query_range (a dashboard panel: the rate of all counters summed, 24 h at
/// 1,000 steps) against each server in turn: requests/s and p99.</item>
/// </list>
/// </summary>
internal static class QueryBenchmark
{
    private const string WriterKey = "bench-writer-key";

    /// <summary>P4's fixed set: the kind name in the result lines, and the expression.</summary>
    private static readonly (string Kind, string Expression)[] P4Queries =
    [
        ("rate_100_series", $"rate({QueryDataSet.Counter}[5m])"),
        ("sum_by_group_10k_series", $"sum by (group) ({QueryDataSet.Gauge})"),
        ("histogram_quantile_1k_buckets", $"histogram_quantile(0.9, sum by (le) (rate({QueryDataSet.Histogram}_bucket[5m])))"),
    ];

    public static async Task RunAsync(HarnessArguments args)
    {
        var parts = (args.Text("parts") ?? "p4,p6").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sides = (args.Text("sides") ?? "prometheus,ours").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Except(["p4", "p6"]).Any() || sides.Except(["prometheus", "ours"]).Any() || sides.Length == 0)
        {
            throw new ArgumentException("--parts takes p4 and/or p6, --sides prometheus and/or ours (comma-separated).");
        }

        var intervalMs = args.Long("interval-s", 60, min: 1) * 1000;
        var hours = args.Int("hours", 24);
        var iterations = args.Int("iterations", 50);
        var warmup = args.Int("warmup", 5, min: 0);
        var steps = args.Int("steps", 1000);
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-s", 1800));
        MachineInfo.Print(Console.Error);
        ResultLine.Note($"load average at start: {LoadAverage()}");

        // An exact grid ending a minute ago, with 10 extra minutes before the queried day so the first step's
        // 5-minute windows (and the 5-minute lookback) are full.
        var endMs = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / intervalMs) - 1) * intervalMs;
        var leadMs = (long)Math.Ceiling(600_000.0 / intervalMs) * intervalMs;
        var queryStartMs = endMs - (hours * 3_600_000L);
        var data = new QueryDataSet(args.Int("counters", 100), args.Int("gauges", 10_000), args.Int("groups", 10), args.Int("histograms", 100),
            queryStartMs - leadMs, endMs, intervalMs, (ulong)args.Int("seed", 6));

        using var work = new BenchWorkFolder(args, "query");
        var tls = await LoopbackTls.CreateAsync(work.Combine("tls"), CancellationToken.None);
        var servers = new List<Server>();
        Directory.CreateDirectory(work.Combine("prometheus"));
        await using var prometheus = sides.Contains("prometheus")
            ? PrometheusServer.Start(work.Combine("prometheus", "data"), PrometheusConfig.WriteEmpty(work.Combine("prometheus.yml")),
                LoopbackListener.FreePort(), remoteWriteReceiver: true, tls)
            : null;
        var httpsPort = LoopbackListener.FreePort();
        var httpPort = LoopbackListener.FreePort();
        await using var ours = sides.Contains("ours")
            ? DashboardHostProcess.Start(work.Combine("ours"), httpPort, HostSettings(tls, httpPort, httpsPort, args), args.Text("host-dll"))
            : null;
        if (prometheus is not null)
        {
            await prometheus.WaitReadyAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            servers.Add(new Server("prometheus", prometheus.BaseAddress, prometheus.CpuTime, new RemoteWriteClient(prometheus.BaseAddress, tls.CreateHandler())));
        }

        if (ours is not null)
        {
            await ours.WaitReadyAsync(TimeSpan.FromSeconds(120));
            // The backfill goes to the plain port; queries to the TLS one, as Prometheus's.
            servers.Add(new Server("ours", new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{httpsPort}/")), ours.CpuTime,
                new RemoteWriteClient(ours.BaseAddress, bearerToken: WriterKey)));
        }

        try
        {
            ResultLine.Note($"backfilling {data.SeriesCount:N0} series × {data.Rounds:N0} samples ({data.SampleCount:N0}) into {string.Join(" and ", servers.Select(s => s.Name))}");
            await QueryBackfill.PushAsync(data, [.. servers.Select(s => s.Writer)], args.Int("rounds-per-request", 10), args.Int("series-per-request", 1000), CancellationToken.None);
            await QueryBackfill.SettleAsync([.. servers.Select(s => s.CpuTime)], busyCores: 0.1, timeout);
            var range = (Start: queryStartMs / 1000.0, End: endMs / 1000.0, Step: (endMs - queryStartMs) / 1000.0 / steps);

            if (parts.Contains("p4"))
            {
                await P4Async(servers, tls, range, iterations, warmup, TimeSpan.FromSeconds(args.Int("warmup-seconds", 15, min: 0)));
            }

            if (parts.Contains("p6"))
            {
                var path = args.Text("p6-path") ?? QueryRangeTimer.PathAndQuery(args.Text("p6-query") ?? $"sum(rate({QueryDataSet.Counter}[5m]))", range.Start, range.End, range.Step);
                await P6Async(servers, work, path, args);
            }
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Writer.Dispose();
            }

            ResultLine.Note($"load average at the end: {LoadAverage()}");
        }
    }

    private static Dictionary<string, string> HostSettings(LoopbackTls tls, int httpPort, int httpsPort, HarnessArguments args)
    {
        var settings = new Dictionary<string, string>(tls.KestrelSettings(httpPort, httpsPort)) { ["Dashboard:Auth:WriterApiKey"] = WriterKey };
        // Further host settings as key=value;key=value (query limits, say).
        foreach (var pair in (args.Text("host-settings") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--host-settings takes key=value pairs separated by ';', not '{pair}'.");
            }

            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        return settings;
    }

    private static async Task P4Async(List<Server> servers, LoopbackTls tls, (double Start, double End, double Step) range, int iterations, int warmup,
        TimeSpan warmupTime)
    {
        using var http = new HttpClient(tls.CreateHandler()) { Timeout = TimeSpan.FromMinutes(5) };
        var timer = new QueryRangeTimer(http);
        foreach (var (kind, expression) in P4Queries)
        {
            var path = QueryRangeTimer.PathAndQuery(expression, range.Start, range.End, range.Step);
            var shapes = new Dictionary<string, QueryRangeTimer.ResultShape>();
            foreach (var server in servers)
            {
                // Warm means JIT-warm too: .NET compiles a method again, optimised, only after ~30 calls and a pause, so
                // the warm-up runs for at least warmupTime as well as the count.
                var warming = Stopwatch.StartNew();
                for (var i = 0; i < warmup || warming.Elapsed < warmupTime; i++)
                {
                    _ = await timer.TimeAsync(server.BaseAddress, path, readShape: false, CancellationToken.None);
                }

                shapes[server.Name] = (await timer.TimeAsync(server.BaseAddress, path, readShape: true, CancellationToken.None)).Shape;
            }

            var times = servers.ToDictionary(s => s.Name, _ => new List<double>(iterations));
            var cpu = servers.ToDictionary(s => s.Name, _ => TimeSpan.Zero);
            for (var i = 0; i < iterations; i++)
            {
                // Alternate who goes first, so neither always runs right after the other's garbage collection or cache misses.
                foreach (var server in i % 2 == 0 ? servers : Enumerable.Reverse(servers))
                {
                    var cpuBefore = server.CpuTime();
                    var (ms, _) = await timer.TimeAsync(server.BaseAddress, path, readShape: false, CancellationToken.None);
                    cpu[server.Name] += server.CpuTime() - cpuBefore;
                    times[server.Name].Add(ms);
                }
            }

            ResultLine.Note($"P4 {kind}: {expression}, {range.Step:0.###} s step; " + string.Join("; ", shapes.Select(s => $"{s.Key}: {s.Value}")));
            var p50 = new Dictionary<string, double>();
            var p99 = new Dictionary<string, double>();
            foreach (var server in servers)
            {
                var sorted = Percentiles.Sorted(times[server.Name]);
                p50[server.Name] = Percentiles.Of(sorted, 50);
                p99[server.Name] = Percentiles.Of(sorted, 99);
                ResultLine.Write($"{server.Name}_p4_query_range_p50_ms", kind, p50[server.Name], "ms");
                ResultLine.Write($"{server.Name}_p4_query_range_p99_ms", kind, p99[server.Name], "ms");
                ResultLine.Write($"{server.Name}_p4_query_range_cpu_ms", kind, cpu[server.Name].TotalMilliseconds / iterations, "ms/query");
            }

            if (servers.Count == 2)
            {
                var (theirs, ours) = (shapes["prometheus"], shapes["ours"]);
                if (!theirs.Matches(ours))
                {
                    ResultLine.Note($"P4 {kind}: THE ANSWERS DIFFER (prometheus: {theirs}; ours: {ours})");
                }

                ResultLine.Write("ours_vs_prometheus_p4_query_range_p50", kind, p50["ours"] / p50["prometheus"], "ratio");
                ResultLine.Write("ours_vs_prometheus_p4_query_range_p99", kind, p99["ours"] / p99["prometheus"], "ratio");
            }
        }
    }

    private static async Task P6Async(List<Server> servers, BenchWorkFolder work, string pathAndQuery, HarnessArguments args)
    {
        var seconds = args.Int("p6-seconds", 20);
        var warmupSeconds = args.Int("p6-warmup-seconds", 5);
        var clients = args.Int("clients", 8);
        var streams = args.Int("streams", 4);
        ResultLine.Note($"P6: h2load {clients} clients × {streams} streams, {warmupSeconds} s warm-up + {seconds} s: {pathAndQuery}");
        var results = new Dictionary<string, H2Load.Result>();
        foreach (var server in servers)
        {
            var cpuBefore = server.CpuTime();
            var clock = Stopwatch.StartNew();
            var result = await H2Load.RunAsync(new Uri(server.BaseAddress, pathAndQuery.TrimStart('/')), seconds, warmupSeconds, clients, streams,
                work.Combine($"h2load-{server.Name}.log"), CancellationToken.None);
            var cores = (server.CpuTime() - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
            results[server.Name] = result;
            ResultLine.Note($"P6 {server.Name}: {result.Succeeded:N0} requests ({result.Logged:N0} logged), p50 {result.P50Ms:0.###} ms, max {result.MaxMs:0.###} ms, " +
                            $"server {cores:0.00} cores");
            ResultLine.Write($"{server.Name}_p6_requests_per_second", "h2load", result.RequestsPerSecond, "requests/s");
            ResultLine.Write($"{server.Name}_p6_p99_ms", "h2load", result.P99Ms, "ms");
        }

        if (servers.Count == 2)
        {
            ResultLine.Write("ours_vs_prometheus_p6_requests_per_second", "h2load", results["ours"].RequestsPerSecond / results["prometheus"].RequestsPerSecond, "ratio");
            ResultLine.Write("ours_vs_prometheus_p6_p99", "h2load", results["ours"].P99Ms / results["prometheus"].P99Ms, "ratio");
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <param name="Name">prometheus or ours: the result lines' prefix.</param>
    /// <param name="BaseAddress">Where queries go (HTTPS).</param>
    /// <param name="CpuTime">The server process's CPU time so far.</param>
    /// <param name="Writer">Its remote_write receiver.</param>
    private sealed record Server(string Name, Uri BaseAddress, Func<TimeSpan> CpuTime, RemoteWriteClient Writer);
}
