using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Tests;

namespace Dashboard.Bench.Harness.Exposition;

/// <summary>
/// P9: the cost of a <c>/metrics</c> scrape per exposed series, ours against <c>prometheus-node-exporter</c> on the
/// same series. node_exporter serves <paramref name="series"/> series from its textfile collector (which reads the
/// file at every scrape: that is its real work for such series); our host scrapes that node_exporter once through the
/// PrometheusScrape plugin and re-exposes the same series. Each side is then scraped sequentially over loopback without
/// gzip; the figures are the served process's CPU time and the client's wall time per scrape, divided by the series
/// in the answer.
/// </summary>
internal static class P9ExpositionBenchmark
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static async Task RunAsync(HarnessArguments args)
    {
        var scrapes = args.Int("scrapes", 30);
        var repo = args.Text("repo") ?? FindRepoRoot();
        foreach (var text in (args.Text("series") ?? "10000,100000").Split(','))
        {
            var series = int.Parse(text, CultureInfo.InvariantCulture);
            using var work = new TempFolder();
            WriteTextfile(work.Combine("textfile"), series);

            var nodePort = LoopbackListener.FreePort();
            await using var node = ServedProcess.Start(NodeExporter(work.Combine("textfile"), nodePort), work.Combine("node.log"),
                new Uri($"http://127.0.0.1:{nodePort}/metrics"));
            var peer = await MeasureAsync(node, series, scrapes);

            var hostPort = LoopbackListener.FreePort();
            await using var host = ServedProcess.Start(OurHost(repo, work, node.Metrics, hostPort), work.Combine("host.log"),
                new Uri($"http://127.0.0.1:{hostPort}/metrics"));
            var ours = await MeasureAsync(host, series, scrapes);

            var kind = series.ToString(CultureInfo.InvariantCulture);
            ResultLine.Write("p9_node_exporter_cpu_ns_per_series", kind, peer.CpuNs, "ns");
            ResultLine.Write("p9_node_exporter_wall_ns_per_series", kind, peer.WallNs, "ns");
            ResultLine.Write("p9_ours_cpu_ns_per_series", kind, ours.CpuNs, "ns");
            ResultLine.Write("p9_ours_wall_ns_per_series", kind, ours.WallNs, "ns");
            ResultLine.Write("p9_ratio_cpu_ours_over_node_exporter", kind, ours.CpuNs / peer.CpuNs, "x");
            ResultLine.Write("p9_ratio_wall_ours_over_node_exporter", kind, ours.WallNs / peer.WallNs, "x");
            ResultLine.Note($"{series} series: node_exporter answered {peer.Lines} sample lines, ours {ours.Lines}");
        }
    }

    /// <summary>Node-exporter-like series: a counter per cpu and mode, and a gauge per device and mount point.</summary>
    private static void WriteTextfile(string folder, int series)
    {
        Directory.CreateDirectory(folder);
        var text = new StringBuilder("# HELP bench_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE bench_cpu_seconds_total counter\n");
        string[] modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
        for (var i = 0; i < series / 2; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"bench_cpu_seconds_total{{cpu=\"{i / modes.Length}\",mode=\"{modes[i % modes.Length]}\"}} {1000 + (i * 0.37):0.##}\n");
        }

        text.Append("# HELP bench_filesystem_avail_bytes Bytes available to non-root users.\n# TYPE bench_filesystem_avail_bytes gauge\n");
        for (var i = series / 2; i < series; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"bench_filesystem_avail_bytes{{device=\"/dev/sd{i}\",fstype=\"ext4\",mountpoint=\"/mnt/{i}\"}} {4_000_000_000L + (i * 4096L)}\n");
        }

        File.WriteAllText(Path.Combine(folder, "bench.prom"), text.ToString());
    }

    private static ProcessStartInfo NodeExporter(string textfiles, int port)
    {
        var start = new ProcessStartInfo("prometheus-node-exporter");
        foreach (var argument in (string[])[$"--web.listen-address=127.0.0.1:{port}", "--collector.disable-defaults",
                     "--collector.textfile", $"--collector.textfile.directory={textfiles}"])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static ProcessStartInfo OurHost(string repo, TempFolder work, Uri nodeMetrics, int port)
    {
        var config = work.Combine("plugins.json");
        File.WriteAllText(config, $$"""
            { "instances": [
              { "id": "node", "plugin": "PrometheusScrape",
                "config": { "interval_ms": 3600000, "timeout_ms": 30000, "targets": [ { "url": "{{nodeMetrics}}" } ] } } ] }
            """);
        var hostFolder = Path.Combine(repo, "Dashboard.Host");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = hostFolder };
        start.ArgumentList.Add(Path.Combine(hostFolder, "bin", "Release", "net10.0", "Dashboard.Host.dll"));
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Dashboard__Auth__Mode"] = "Unsecured";
        start.Environment["Dashboard__PluginsPath"] = Path.Combine(repo, "artifacts", "plugins");
        start.Environment["Dashboard__PluginsConfigPath"] = config;
        start.Environment["Dashboard__DataPath"] = work.Combine("data");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    private static async Task<(double CpuNs, double WallNs, int Lines)> MeasureAsync(ServedProcess served, int series, int scrapes)
    {
        // Ready when the answer holds every series (ours: once the plugin's first collect has landed).
        var lines = 0;
        var deadline = Stopwatch.StartNew();
        while (lines < series)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"{served.Metrics} did not expose {series} series within 2 minutes (last: {lines}).");
            }

            await Task.Delay(250);
            lines = await SampleLinesAsync(served.Metrics);
        }

        for (var i = 0; i < 3; i++)
        {
            await SampleLinesAsync(served.Metrics);
        }

        var cpuBefore = served.CpuTime();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < scrapes; i++)
        {
            lines = await SampleLinesAsync(served.Metrics);
        }

        wall.Stop();
        var cpu = served.CpuTime() - cpuBefore;
        var perSeries = (double)scrapes * lines;
        return (cpu.TotalNanoseconds / perSeries, wall.Elapsed.TotalNanoseconds / perSeries, lines);
    }

    private static async Task<int> SampleLinesAsync(Uri metrics)
    {
        try
        {
            await using var body = await Http.GetStreamAsync(metrics);
            using var reader = new StreamReader(body);
            var lines = 0;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0 && line[0] != '#')
                {
                    lines++;
                }
            }

            return lines;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Dashboard.sln not found above the harness; pass --repo <path>.");
    }
}
