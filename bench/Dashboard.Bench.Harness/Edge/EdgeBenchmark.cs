using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.Query;
using Dashboard.Bench.Harness.RemoteWrite;
using Dashboard.Tests;

namespace Dashboard.Bench.Harness.Edge;

/// <summary>
/// The HTTP edge under h2load: our host over HTTPS with the certificate it makes for itself, HTTP/2 by ALPN,
/// <c>--clients</c> × <c>--streams</c> concurrent streams (4 × 25 = 100 by default) for <c>--seconds</c> (in
/// <c>--slices</c> alternating between the hosts, each after <c>--warmup-seconds</c>) on
/// <c>/api/instances</c> and on a query at a fixed time (its parse cached, its answer the same each time), twice: a
/// host with <c>Dashboard:Auth:Mode=Unsecured</c> (no authentication) and one with <c>ApiKey</c>, the admin key sent as
/// <c>Authorization: Bearer</c>. Both hosts run side by side and the runs alternate, so a change in the shared
/// machine's load hits both alike; the ratio of the two is the cost of authentication per request. Every request
/// must succeed (h2load's own count and status codes).
/// </summary>
internal static class EdgeBenchmark
{
    private const string WriterKey = "bench-writer-key";

    public static async Task RunAsync(HarnessArguments args)
    {
        var seconds = args.Int("seconds", 60);
        var warmupSeconds = args.Int("warmup-seconds", 5, min: 0);
        var clients = args.Int("clients", 4);
        var streams = args.Int("streams", 25);
        var slices = args.Int("slices", 6);
        if (seconds % slices != 0)
        {
            throw new ArgumentException($"--seconds ({seconds}) must be a multiple of --slices ({slices}).");
        }
        var modes = (args.Text("modes") ?? "Unsecured,ApiKey").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (modes.Except(["Unsecured", "ApiKey"]).Any() || modes.Length == 0)
        {
            throw new ArgumentException("--modes takes Unsecured and/or ApiKey (comma-separated).");
        }

        MachineInfo.Print(Console.Error);
        ResultLine.Note($"load average at start: {LoadAverage()}");
        using var work = new BenchWorkFolder(args, "edge");

        // An hour of 15 s samples ending a minute ago: the query reads real chunks, at one fixed time.
        const long intervalMs = 15_000;
        var endMs = ((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / intervalMs) - 4) * intervalMs;
        var data = new QueryDataSet(100, 1000, 10, 10, endMs - 3_600_000, endMs, intervalMs, seed: 7);
        var query = args.Text("query") ?? $"sum(rate({QueryDataSet.Counter}[5m]))";
        var queryPath = string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/query?query={Uri.EscapeDataString(query)}&time={endMs / 1000.0:0.###}");
        var paths = (args.Text("paths") ?? "instances,query").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p switch
            {
                "instances" => "/api/instances",
                "query" => queryPath,
                _ => throw new ArgumentException("--paths takes instances and/or query (comma-separated)."),
            }).ToArray();

        var hosts = new List<Host>();
        try
        {
            foreach (var mode in modes)
            {
                hosts.Add(await Host.StartAsync(work, mode, HostSettings(args), args.Text("host-dll")));
            }

            ResultLine.Note($"backfilling {data.SeriesCount:N0} series × {data.Rounds:N0} samples into {string.Join(" and ", hosts.Select(h => h.Mode))}");
            var writers = hosts.Select(h => new RemoteWriteClient(h.Process.BaseAddress, bearerToken: WriterKey)).ToList();
            try
            {
                await QueryBackfill.PushAsync(data, writers, roundsPerRequest: 20, seriesPerRequest: 1000, CancellationToken.None);
            }
            finally
            {
                writers.ForEach(w => w.Dispose());
            }

            await QueryBackfill.SettleAsync([.. hosts.Select(h => (Func<TimeSpan>)h.Process.CpuTime)], busyCores: 0.1, TimeSpan.FromMinutes(5));
            ResultLine.Note($"h2load: {clients} clients × {streams} streams = {clients * streams} concurrent, {warmupSeconds} s warm-up + {seconds} s, over TLS");

            foreach (var path in paths)
            {
                var kind = path == "/api/instances" ? "instances" : "query";
                var totals = hosts.ToDictionary(h => h.Mode, _ => new Totals());
                // In slices, alternately, so that the other engineers' builds on this machine hit both hosts alike.
                for (var slice = 0; slice < slices; slice++)
                {
                    foreach (var host in slice % 2 == 0 ? hosts : Enumerable.Reverse(hosts))
                    {
                        var log = work.Combine($"h2load-{host.Mode}-{kind}-{slice}.log");
                        var cpuBefore = host.Process.CpuTime();
                        var result = await H2Load.RunAsync(new Uri(host.Https, path), seconds / slices, warmupSeconds, clients, streams,
                            log, CancellationToken.None, host.Headers);
                        totals[host.Mode].Add(result, log, host.Process.CpuTime() - cpuBefore);
                    }
                }

                foreach (var host in hosts)
                {
                    var total = totals[host.Mode];
                    var latencies = Percentiles.Sorted(total.Logs.SelectMany(File.ReadLines)
                        .Select(line => line.Split('\t'))
                        .Where(columns => columns.Length >= 3 && columns[1] == "200")
                        .Select(columns => long.Parse(columns[2], CultureInfo.InvariantCulture) / 1000.0));
                    var p99 = Percentiles.Of(latencies, 99);
                    ResultLine.Note($"{host.Mode} {kind}: {total.Succeeded:N0} requests (0 failed, 0 not 2xx) in {slices} slices, " +
                                    $"p50 {Percentiles.Of(latencies, 50):0.###} ms, max {Percentiles.Of(latencies, 100):0.###} ms, " +
                                    $"server CPU {total.Cpu.TotalSeconds:0.0} s");
                    ResultLine.Write($"edge_{host.Mode.ToLowerInvariant()}_requests_per_second", kind, total.RequestsPerSecond, "requests/s");
                    ResultLine.Write($"edge_{host.Mode.ToLowerInvariant()}_p99_ms", kind, p99, "ms");
                    ResultLine.Write($"edge_{host.Mode.ToLowerInvariant()}_cpu_us_per_request", kind, total.Cpu.TotalMicroseconds / total.Succeeded, "us");
                    total.P99Ms = p99;
                }

                if (hosts.Count == 2)
                {
                    var (secured, open) = (totals["ApiKey"], totals["Unsecured"]);
                    ResultLine.Write("edge_apikey_vs_unsecured_requests_per_second", kind, secured.RequestsPerSecond / open.RequestsPerSecond, "ratio");
                    ResultLine.Write("edge_apikey_vs_unsecured_p99", kind, secured.P99Ms / open.P99Ms, "ratio");
                    ResultLine.Write("edge_apikey_vs_unsecured_cpu_per_request", kind,
                        (secured.Cpu.TotalSeconds / secured.Succeeded) / (open.Cpu.TotalSeconds / open.Succeeded), "ratio");
                }
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.Process.DisposeAsync();
            }

            ResultLine.Note($"load average at the end: {LoadAverage()}");
        }
    }

    // Further host settings as key=value;key=value (a rate limit, say).
    private static Dictionary<string, string> HostSettings(HarnessArguments args)
    {
        var settings = new Dictionary<string, string>();
        foreach (var pair in (args.Text("host-settings") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            settings[equals > 0 ? pair[..equals] : throw new ArgumentException($"--host-settings takes key=value pairs separated by ';', not '{pair}'.")] =
                pair[(equals + 1)..];
        }

        return settings;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>What one host did over all slices of one path.</summary>
    private sealed class Totals
    {
        private double _seconds;

        public long Succeeded { get; private set; }

        public List<string> Logs { get; } = [];

        public TimeSpan Cpu { get; private set; }

        public double P99Ms { get; set; }

        // h2load's rate is over its timed part; the slices' requests over their summed timed parts.
        public double RequestsPerSecond => Succeeded / _seconds;

        public void Add(H2Load.Result result, string log, TimeSpan cpu)
        {
            Succeeded += result.Succeeded;
            _seconds += result.Succeeded / result.RequestsPerSecond;
            Logs.Add(log);
            Cpu += cpu;
        }
    }

    /// <summary>One host: its auth mode, its HTTPS address and the headers h2load sends it.</summary>
    private sealed record Host(string Mode, DashboardHostProcess Process, Uri Https, IReadOnlyList<string> Headers)
    {
        public static async Task<Host> StartAsync(BenchWorkFolder work, string mode, IReadOnlyDictionary<string, string> extra, string? hostDll)
        {
            var httpPort = LoopbackListener.FreePort();
            var httpsPort = LoopbackListener.FreePort();
            var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            var settings = new Dictionary<string, string>
            {
                // HTTPS with the certificate the host makes itself under its data folder; plain HTTP for readiness and the backfill.
                ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{httpsPort};http://127.0.0.1:{httpPort}"),
                ["Dashboard:Auth:Mode"] = mode,
                ["Dashboard:Auth:WriterApiKey"] = WriterKey,
            };
            if (mode == "ApiKey")
            {
                settings["Dashboard:Auth:AdminApiKey"] = adminKey;
            }

            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }

            var folder = work.Combine(mode);
            Directory.CreateDirectory(folder);
            var process = DashboardHostProcess.Start(folder, httpPort, settings, hostDll);
            await process.WaitReadyAsync(TimeSpan.FromSeconds(120));
            IReadOnlyList<string> headers = mode == "ApiKey" ? [$"Authorization: Bearer {adminKey}"] : [];
            return new Host(mode, process, new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{httpsPort}/")), headers);
        }
    }
}
