using System.Diagnostics;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Plugins;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static System.FormattableString;

namespace Dashboard.Bench.Harness;

/// <summary>
/// N instances of the real Counting plugin (loaded through <see cref="PluginCatalog"/>) on the real
/// <see cref="CollectionScheduler"/>, drained by the real <see cref="SampleIngestor"/> into <see cref="LatestSamples"/>.
/// Lateness is Core's own <c>dashboard.collection.lateness</c> histogram, every measurement kept; CPU is the
/// process's CPU time over the wall time of the measured window, as a share of one core.
/// </summary>
internal static class SchedulerBenchmark
{
    // The peer: the seed article's Go worker pool, 10K metrics/s. Published figures, not run here.
    private const double PeerP99Ms = 14;
    private const double PeerCpuPercent = 41;
    private const double GoalP99Ms = 1;
    private const double GoalCpuPercent = 15;

    public static async Task RunAsync(HarnessArguments args)
    {
        var seconds = args.Int("seconds", 60);
        var instances = args.Int("instances", 1000);
        var intervalMs = args.Int("interval-ms", 100, min: 100);
        var warmupSeconds = args.Int("warmup-seconds", 5, min: 0);
        var clock = args.Text("clock") switch
        {
            null or "system" => TimeProvider.System,
            "millisecond" => new MillisecondClock(),
            var other => throw new ArgumentException($"--clock is system or millisecond, not '{other}'."),
        };
        var source = CountingPlugin.Locate(args.Text("plugin"));
        var interval = TimeSpan.FromMilliseconds(intervalMs);
        var expectedPerSecond = instances * 1000.0 / intervalMs;

        using var temp = new TempFolder();
        var pluginsPath = Path.Combine(temp.Path, "plugins");
        CountingPlugin.CopyTo(source, Path.Combine(pluginsPath, "Counting"));
        using var catalog = new PluginCatalog(pluginsPath, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        await catalog.StartAsync(CancellationToken.None);
        var type = catalog.Find(CountingPlugin.MonitorName)
            ?? throw new InvalidOperationException($"The Counting plugin did not load: {(catalog.GetPlugins() is [var first, ..] ? first.Error : "not seen")}");

        var options = new CollectionOptions();
        var channel = new SampleChannel(options.ChannelCapacity);
        var counted = new CountingSink();
        var ingestor = new SampleIngestor(channel, [new LatestSamples(), counted], NullLogger<SampleIngestor>.Instance);
        var ingestion = Task.Run(ingestor.RunAsync);

        using var meters = new TestMeterFactory();
        using var metrics = new CollectionMetrics(meters);
        using var lateness = new LatenessRecorder((int)(expectedPerSecond * (seconds + 5) * 1.2));
        var scheduler = new CollectionScheduler(clock, channel, Options.Create(options), metrics,
            NullLogger<CollectionScheduler>.Instance);

        using var config = JsonDocument.Parse(CountingPlugin.Config);
        var labels = new Dictionary<string, string> { ["env"] = "bench" };
        var jobs = new List<CollectionJob>(instances);
        for (var i = 0; i < instances; i++)
        {
            var settings = new MonitorSettings($"counting-{i:D5}", labels, config.RootElement, interval, TimeSpan.FromSeconds(5));
            var monitor = type.Create();
            monitor.Configure(settings);
            var job = new CollectionJob(monitor, settings, options.MaxSeriesPerInstance);
            jobs.Add(job);
            scheduler.Add(job);
        }

        scheduler.Start();
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));

        var collectsBefore = jobs.Sum(j => j.GetStatus().Collects);
        var samplesBefore = counted.Samples;
        var gcBefore = ProcessStats.Collections();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var threadsBefore = ProcessStats.ThreadTicks();
        var machineBefore = ProcessStats.MachineTicks();
        var cpuBefore = ProcessStats.CpuTime();
        var wall = Stopwatch.StartNew();
        lateness.Start();

        await Task.Delay(TimeSpan.FromSeconds(seconds));

        var sorted = lateness.Stop();
        var measured = lateness.Count;
        var cpu = ProcessStats.CpuTime() - cpuBefore;
        var machineCores = ProcessStats.BusyCores(machineBefore, ProcessStats.MachineTicks());
        var threadsAfter = ProcessStats.ThreadTicks();
        var elapsed = wall.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var gcAfter = ProcessStats.Collections();
        var collects = jobs.Sum(j => j.GetStatus().Collects) - collectsBefore;
        var samples = counted.Samples - samplesBefore;

        await scheduler.DisposeAsync();
        channel.Complete();
        await ingestion;

        var statuses = jobs.Select(j => j.GetStatus()).ToList();
        var cpuPercent = cpu / elapsed * 100;
        var p50 = Percentiles.Of(sorted, 50);
        var p99 = Percentiles.Of(sorted, 99);
        var max = sorted.Length > 0 ? sorted[^1] : double.NaN;

        var output = Console.Out;
        output.WriteLine(Invariant($"## Scheduler: {instances} × Counting every {intervalMs} ms ({expectedPerSecond:N0} collections/s expected), {seconds} s measured after {warmupSeconds} s warm-up"));
        output.WriteLine();
        MachineInfo.Print(output);

        var table = new MarkdownTable("measure", "value", "goal", "peer (published: Go worker pool)", "ours / peer");
        table.Row("lateness p50", Invariant($"{p50:0.000} ms"), "", "", "");
        table.Row("lateness p99", Invariant($"{p99:0.000} ms"), Invariant($"≤ {GoalP99Ms} ms"), Invariant($"{PeerP99Ms} ms"), Ratio(p99, PeerP99Ms));
        table.Row("lateness max", Invariant($"{max:0.000} ms"), "", "", "");
        table.Row("host CPU (CPU time / wall time)", Invariant($"{cpuPercent:0.0} % of one core"), Invariant($"≤ {GoalCpuPercent} %"),
            Invariant($"{PeerCpuPercent} %"), Ratio(cpuPercent, PeerCpuPercent));
        table.Row("collections completed", Invariant($"{collects:N0} ({collects / elapsed.TotalSeconds:N0}/s)"), Invariant($"{expectedPerSecond:N0}/s"), "10,000/s", "");
        table.Row("lateness measurements", Invariant($"{measured:N0} ({measured / elapsed.TotalSeconds:N0}/s)"), "", "", "");
        table.Row("samples ingested", Invariant($"{samples:N0} ({samples / elapsed.TotalSeconds:N0}/s)"), "", "", "");
        table.Row("allocated", Invariant($"{allocated / (1024.0 * 1024):N1} MiB ({(collects > 0 ? allocated / (double)collects : 0):N0} B/collect)"), "", "", "");
        table.Row("GCs gen0 / gen1 / gen2", Invariant($"{gcAfter.Gen0 - gcBefore.Gen0} / {gcAfter.Gen1 - gcBefore.Gen1} / {gcAfter.Gen2 - gcBefore.Gen2}"), "", "", "");
        table.Row("ticks skipped (previous still running; whole run, warm-up included)", Invariant($"{statuses.Sum(s => s.Skipped):N0}"), "0", "", "");
        table.Row("failed collects (whole run)", Invariant($"{statuses.Sum(s => s.Failures):N0}"), "0", "", "");
        table.Row("batches dropped, channel full (whole run)", Invariant($"{channel.DroppedBatches:N0}"), "0", "", "");
        table.Row("busiest threads (share of one core)", BusiestThreads(threadsBefore, threadsAfter, cpuPercent), "", "", "");
        table.Row("other processes' CPU meanwhile (isolation)", Invariant($"{(machineCores - cpu / elapsed) * 100:0} % of one core"), "≈ 0", "", "");
        table.Row("wall time measured", Invariant($"{elapsed.TotalSeconds:0.00} s"), "", "", "");
        table.WriteTo(output);
        if (clock is MillisecondClock)
        {
            output.WriteLine("Clock: MillisecondClock (timestamps in whole ms, so the dispatcher never spins); lateness is quantised to 1 ms here.");
        }

        output.WriteLine(Invariant($"Scheduler options: MaxConcurrency {options.MaxConcurrency}, ChannelCapacity {options.ChannelCapacity}. ") +
            "The peer column holds the seed article's published figures for its Go worker pool at 10K metrics/s; it was not run " +
            "here, so the ratio compares our measurement against a published number from another machine.");
        if (lateness.Overflow > 0)
        {
            output.WriteLine(Invariant($"Warning: {lateness.Overflow} lateness measurements did not fit the preallocated array and are not in the percentiles."));
        }
    }

    // The process's CPU split by thread: a thread near 100 % of a core for the whole run is spinning.
    private static string BusiestThreads((Dictionary<int, (string Name, long Ticks)> Threads, long Process) before,
        (Dictionary<int, (string Name, long Ticks)> Threads, long Process) after, double cpuPercent)
    {
        var processTicks = after.Process - before.Process;
        if (processTicks <= 0)
        {
            return "n/a";
        }

        var busiest = after.Threads
            .Select(t => (t.Value.Name, Ticks: t.Value.Ticks - (before.Threads.TryGetValue(t.Key, out var b) ? b.Ticks : 0)))
            .OrderByDescending(t => t.Ticks)
            .Take(3)
            .Select(t => Invariant($"{t.Name} {t.Ticks * cpuPercent / processTicks:0} %"));
        return string.Join(", ", busiest);
    }

    private static string Ratio(double ours, double peer) => ours <= peer
        ? Invariant($"{ours / peer:0.000} ({peer / ours:0.0}× lower)")
        : Invariant($"{ours / peer:0.000} ({ours / peer:0.0}× higher)");
}
