using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Bench.Harness.Ours;
using Dashboard.Bench.Harness.Peers;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Plugins;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench.Harness;

/// <summary>
/// Scrape cost, ours beside Prometheus 2.42's, in one run on one target: CPU seconds per million samples scraped from a
/// loopback <see cref="ScrapeTarget"/> (P3's, default 50 k series, every second) and stored. Ours is the real
/// PrometheusScrape plugin DLL, loaded by the host's <see cref="PluginCatalog"/>, collected through an
/// <see cref="InstanceSampleWriter"/> into our store, in a child process so that the target's own CPU (it runs in
/// this process) is counted for neither side. Then Prometheus scrapes the same target
/// (<see cref="PeerP3Benchmark.MeasureAsync"/>). Both windows follow a warm-up; the ratio is ours ÷ Prometheus's.
/// </summary>
internal static class ScrapeBenchmark
{
    private const string ChildCommand = "scrape-ours-child";
    private const string PluginFolder = "Dashboard.Plugins.PrometheusScrape";

    public static async Task RunAsync(HarnessArguments args)
    {
        var kinds = SeriesKinds.Parse(args.Text("kinds"));
        var series = args.Int("series", 50_000);
        var seconds = args.Int("seconds", 60);
        var warmupSeconds = args.Int("warmup-seconds", 15, min: 0);
        var seed = (ulong)args.Int("seed", 3, min: 0);
        var plugin = LocatePlugin(args.Text("plugin"));
        if (series % kinds.Count != 0)
        {
            throw new ArgumentException($"--series {series} does not split evenly over {kinds.Count} kinds.");
        }

        var kind = SeriesKinds.Describe(kinds);
        ResultLine.Note($"scrape: 1 target × {series:N0} series ({kind}) every 1 s, {seconds} s measured after {warmupSeconds} s; ours first, then prometheus");
        using var work = new BenchWorkFolder(args, "scrape");
        using var target = new ScrapeTarget([new StorageBenchData(kinds, series / kinds.Count, 0, 1000, int.MaxValue, seed)]);
        var port = target.Ports.Single();

        ScrapeCost ours;
        using (var child = HarnessChild.Start(ChildCommand,
        [
            "--port", Text(port), "--seconds", Text(seconds), "--warmup-seconds", Text(warmupSeconds), "--plugin", plugin,
            "--work", work.Path, "--series", Text(series),
        ]))
        {
            var scrapesBefore = target.Scrapes;
            var said = await child.ExpectAsync("result", TimeSpan.FromSeconds(warmupSeconds + seconds + 300));
            await child.WaitForExitAsync(TimeSpan.FromSeconds(60));
            ours = new ScrapeCost(Number(said[0]), Number(said[1]), Number(said[2]), target.Scrapes - scrapesBefore);
            ResultLine.Note(string.Create(CultureInfo.InvariantCulture,
                $"ours: {ours.Samples:N0} samples stored, {said[3]} collects ({said[4]} of them with the target down), {ours.CpuSeconds:0.00} CPU s in {ours.WallSeconds:0.0} s"));
        }

        var prometheus = await PeerP3Benchmark.MeasureAsync(target, work, series, 1, warmupSeconds, seconds);

        ResultLine.Write("ours_scrape_cpu_seconds_per_million_samples", kind, ours.CpuSecondsPerMillionSamples, "cpu-s/Msamples");
        ResultLine.Write("prometheus_scrape_cpu_seconds_per_million_samples", kind, prometheus.CpuSecondsPerMillionSamples, "cpu-s/Msamples");
        ResultLine.Write("scrape_cpu_ratio_ours_to_prometheus", kind, ours.CpuSecondsPerMillionSamples / prometheus.CpuSecondsPerMillionSamples, "ratio");
        ResultLine.Write("ours_scrape_samples_per_second", kind, ours.Samples / ours.WallSeconds, "samples/s");
        ResultLine.Write("prometheus_scrape_samples_per_second", kind, prometheus.Samples / prometheus.WallSeconds, "samples/s");
    }

    /// <summary>
    /// The child: collects the plugin once a second on the second, for the warm-up and the measured window, each round
    /// stored; says <c>result cpu-seconds samples wall-seconds collects down</c> for the measured window.
    /// </summary>
    public static async Task ChildAsync(HarnessArguments args)
    {
        var port = args.Int("port", 0);
        var seconds = args.Int("seconds", 60);
        var warmupSeconds = args.Int("warmup-seconds", 15, min: 0);
        var series = args.Int("series", 50_000);
        var plugin = LocatePlugin(args.Text("plugin"));
        using var work = new BenchWorkFolder(args, "scrape-ours");

        var pluginsPath = work.Combine("plugins");
        CountingPlugin.CopyTo(plugin, Path.Combine(pluginsPath, PluginFolder));
        using var catalog = new PluginCatalog(pluginsPath, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        await catalog.StartAsync(CancellationToken.None);
        var type = catalog.Find("PrometheusScrape")
            ?? throw new InvalidOperationException($"PrometheusScrape did not load from {plugin}: {string.Join("; ", catalog.GetPlugins().Select(p => p.Error))}");

        // Prometheus scrapes with a 1 s timeout here; ours gets a 1 s collect timeout, so 900 ms per scrape.
        var config = JsonSerializer.SerializeToNode(new { interval_ms = 1000, timeout_ms = 1000, targets = new[] { new { url = $"http://127.0.0.1:{port}/metrics" } } })!.AsObject();
        var validation = ConfigValidator.Validate(config, type.Schema, "config");
        if (!validation.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", validation.Errors));
        }

        var monitor = type.Create();
        monitor.Configure(new MonitorSettings("scrape-bench", new Dictionary<string, string>(), JsonSerializer.SerializeToElement(validation.Effective),
            validation.Interval, validation.Timeout));
        using var store = new BenchStore(work.Combine("tsdb"));
        store.Store.Open();
        var writer = new InstanceSampleWriter("scrape-bench", new SeriesTable(new Dictionary<string, string> { ["job"] = "scrape-bench" }, Math.Max(100_000, 2 * series)));

        var clock = Stopwatch.StartNew();
        long collected = 0;
        var down = 0;
        for (var round = 0; round < warmupSeconds; round++)
        {
            await CollectAsync(monitor, writer, store, clock, round);
        }

        store.Store.Flush();
        var cpuBefore = ProcessStats.CpuTime();
        var window = Stopwatch.StartNew();
        for (var round = warmupSeconds; round < warmupSeconds + seconds; round++)
        {
            var (count, up) = await CollectAsync(monitor, writer, store, clock, round);
            collected += count;
            down += up ? 0 : 1;
        }

        store.Store.Flush();
        var cpu = (ProcessStats.CpuTime() - cpuBefore).TotalSeconds;
        var wall = window.Elapsed.TotalSeconds;
        (monitor as IDisposable)?.Dispose();
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {cpu:R} {collected} {wall:R} {seconds} {down}"));
    }

    // One collect at the start of second `round`, as the scheduler would run it, its batch handed to the store.
    private static async Task<(long Samples, bool Up)> CollectAsync(IMonitor monitor, InstanceSampleWriter writer, BenchStore store,
        Stopwatch clock, int round)
    {
        var due = TimeSpan.FromSeconds(round) - clock.Elapsed;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        writer.Begin(DateTimeOffset.UtcNow);
        await monitor.CollectAsync(writer, timeout.Token);
        var batch = writer.Complete();
        var up = IsUp(batch.Samples);
        store.Store.Accept(batch);
        var count = batch.Count;
        batch.Release();
        return (count, up);
    }

    // The plugin writes up after the target's samples, with the three scrape_* samples: among the last four.
    private static bool IsUp(ReadOnlySpan<Sample> samples)
    {
        for (var i = samples.Length - 1; i >= Math.Max(0, samples.Length - 4); i--)
        {
            if (samples[i].Series.Metric == "up")
            {
                return samples[i].Value == 1;
            }
        }

        return false;
    }

    private static string LocatePlugin(string? given)
    {
        var relative = Path.Combine("artifacts", "plugins", PluginFolder);
        foreach (var candidate in given is null
            ? new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
                .SelectMany(start => Ancestors(start).Select(dir => Path.Combine(dir, relative)))
            : [given])
        {
            if (File.Exists(Path.Combine(candidate, PluginFolder + ".dll")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new ArgumentException($"{relative}/{PluginFolder}.dll was not found; build plugins/PrometheusScrape or pass --plugin <dir>.");
    }

    private static IEnumerable<string> Ancestors(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
