using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Plugins;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using static System.FormattableString;

namespace Dashboard.Bench.Harness;

/// <summary>
/// How long a dropped plugin folder takes to produce its first sample, and whether loading and unloading a plugin
/// many times leaks its load contexts or memory. Uses the real <see cref="PluginCatalog"/> on a temp plugins folder
/// and the real Counting plugin DLL.
/// </summary>
internal static class PluginLoadBenchmark
{
    private const double GoalP50Ms = 50;
    private const double GoalRssGrowthPercent = 5;
    private static readonly TimeSpan LoadBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(HarnessArguments args)
    {
        var loads = args.Int("loads", 50);
        var cycles = args.Int("cycles", 1000);
        var warmupCycles = Math.Min(args.Int("warmup-cycles", 50), cycles);
        var uniqueNames = args.Flag("unique-names");
        var source = CountingPlugin.Locate(args.Text("plugin"));
        using var config = JsonDocument.Parse(CountingPlugin.Config);

        var machineBefore = ProcessStats.MachineTicks();
        var cpuBefore = ProcessStats.CpuTime();
        var wall = Stopwatch.StartNew();
        var watched = await MeasureWatchedLoadsAsync(source, loads, config.RootElement);
        var direct = await MeasureDirectLoadsAsync(source, loads, config.RootElement);
        var cycled = await MeasureCyclesAsync(source, cycles, warmupCycles, uniqueNames, config.RootElement);
        var others = ProcessStats.BusyCores(machineBefore, ProcessStats.MachineTicks()) - (ProcessStats.CpuTime() - cpuBefore) / wall.Elapsed;

        var output = Console.Out;
        output.WriteLine(Invariant($"## Plugin load: {loads} drops watched, {loads} drops rescanned directly, {cycles} load/unload cycles"));
        output.WriteLine();
        MachineInfo.Print(output);

        var loadTable = new MarkdownTable("drop → first sample", "p50", "p90", "min", "max", "first (cold)", "goal p50");
        Row(loadTable, "watched folder (the catalog's own watcher and quiet period)", watched.Total);
        Row(loadTable, "direct RescanAsync after the copy: total", direct.Total);
        Row(loadTable, "… copy the folder (4 files)", direct.Copy);
        Row(loadTable, "… RescanAsync (catalog load)", direct.Rescan);
        Row(loadTable, "… create + Configure + first collect", direct.FirstCollect);
        loadTable.WriteTo(output);

        var cycleTable = new MarkdownTable("load/unload cycles", "value", "goal");
        cycleTable.Row("cycles", Invariant($"{cycles:N0} ({(uniqueNames ? "a new folder name each cycle" : "the same folder name each cycle")})"), "");
        cycleTable.Row("time per cycle (copy, rescan, create, configure, collect, delete, rescan)",
            Invariant($"{cycled.Elapsed.TotalMilliseconds / cycles:0.00} ms"), "");
        cycleTable.Row("load contexts alive after 1 full GC", Invariant($"{cycled.AliveAfterOnePass} of {cycles}"), "");
        cycleTable.Row("… after 10 more full GCs", Invariant($"{cycled.AliveAfterTenPasses} of {cycles}"), "");
        cycleTable.Row(Invariant($"… after up to {SettleBound.TotalSeconds:0} s more (GC every 100 ms)"),
            Invariant($"{cycled.AliveAtEnd} of {cycles} (settled in {cycled.Settled.TotalSeconds:0.0} s)"), "0");
        cycleTable.Row(Invariant($"VmRSS after {warmupCycles} warm-up cycles (full GC)"), Invariant($"{cycled.RssWarmKib / 1024.0:0.0} MiB"), "");
        cycleTable.Row(Invariant($"VmRSS after {cycles} cycles (full GC)"), Invariant($"{cycled.RssEndKib / 1024.0:0.0} MiB"), "");
        var growth = (cycled.RssEndKib - cycled.RssWarmKib) * 100.0 / cycled.RssWarmKib;
        cycleTable.Row(Invariant($"resident memory growth ({warmupCycles} → {cycles})"), Formats.SignedPercent(growth),
            Invariant($"≤ {GoalRssGrowthPercent} %"));
        var half = cycled.Trajectory.FirstOrDefault(p => p.Cycle >= cycles / 2 && p.Cycle > warmupCycles);
        if (half.Cycle > 0 && half.Cycle < cycles)
        {
            cycleTable.Row(Invariant($"resident memory growth over the later cycles ({half.Cycle} → {cycles})"),
                Formats.SignedPercent((cycled.RssEndKib - half.RssKib) * 100.0 / half.RssKib), "");
        }

        cycleTable.Row("VmRSS along the way (cycle: MiB)",
            string.Join(", ", cycled.Trajectory.Select(p => Invariant($"{p.Cycle}: {p.RssKib / 1024.0:0.0}"))), "");
        cycleTable.Row("managed heap after warm-up → end (full GC)",
            Invariant($"{cycled.HeapWarm / (1024.0 * 1024):0.00} → {cycled.HeapEnd / (1024.0 * 1024):0.00} MiB"), "");
        cycleTable.Row("plugin records kept by the catalog at the end", Invariant($"{cycled.CatalogRecords}"), "");
        cycleTable.WriteTo(output);

        output.WriteLine(Invariant($"Other processes kept {others * 100:0} % of one core busy during the run ({wall.Elapsed.TotalSeconds:0} s)."));
        output.WriteLine();
        output.WriteLine("The watched figure includes the catalog's quiet period: the watcher waits for the copy's file events " +
            "to stop (25 ms) before it rescans. The direct figure is the " +
            "same drop with RescanAsync called right after the copy, i.e. the catalog's own cost.");
    }

    private static void Row(MarkdownTable table, string name, List<double> ms)
    {
        var sorted = Percentiles.Sorted(ms);
        var goal = name.StartsWith("watched", StringComparison.Ordinal) || name.EndsWith("total", StringComparison.Ordinal)
            ? Invariant($"≤ {GoalP50Ms} ms") : "";
        table.Row(name, Ms(Percentiles.Of(sorted, 50)), Ms(Percentiles.Of(sorted, 90)), Ms(sorted[0]), Ms(sorted[^1]), Ms(ms[0]), goal);
    }

    private static string Ms(double value) => Invariant($"{value:0.0} ms");

    /// <summary>Drops the plugin into a folder watched by a started catalog and waits for the watcher to load it.</summary>
    private static async Task<Timings> MeasureWatchedLoadsAsync(string source, int loads, JsonElement config)
    {
        using var temp = new TempFolder();
        var pluginsPath = Path.Combine(temp.Path, "plugins");
        using var catalog = new PluginCatalog(pluginsPath, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        await catalog.StartAsync(CancellationToken.None);
        using var changed = new SemaphoreSlim(0);
        catalog.Changed += (_, _) => changed.Release();

        var timings = new Timings();
        for (var i = 0; i < loads; i++)
        {
            var folder = Path.Combine(pluginsPath, Invariant($"Counting-{i:D4}"));
            var wall = Stopwatch.StartNew();
            CountingPlugin.CopyTo(source, folder);
            var type = await WaitForLoadAsync(catalog, folder, changed);
            await CollectFirstSampleAsync(type, config);
            timings.Total.Add(wall.Elapsed.TotalMilliseconds);

            Directory.Delete(folder, recursive: true);
            await catalog.RescanAsync(CancellationToken.None);

            // Let the watcher's debounced rescan of the deletion run now, not in the middle of the next drop.
            await Task.Delay(600);
            while (changed.CurrentCount > 0)
            {
                await changed.WaitAsync();
            }
        }

        return timings;
    }

    private static async Task<MonitorType> WaitForLoadAsync(PluginCatalog catalog, string folder, SemaphoreSlim changed)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (catalog.Find(CountingPlugin.MonitorName) is { } type && type.AssemblyPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return type;
            }

            var left = LoadBound - deadline.Elapsed;
            if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
            {
                var state = catalog.GetPlugins().FirstOrDefault(p => p.Path.StartsWith(folder, StringComparison.Ordinal));
                throw new InvalidOperationException($"{folder} was not loaded within {LoadBound.TotalSeconds} s: {state?.Error ?? "not seen"}");
            }
        }
    }

    /// <summary>The same drop, but the catalog is not watching: RescanAsync is called right after the copy.</summary>
    private static async Task<Timings> MeasureDirectLoadsAsync(string source, int loads, JsonElement config)
    {
        using var temp = new TempFolder();
        var pluginsPath = Path.Combine(temp.Path, "plugins");
        Directory.CreateDirectory(pluginsPath);
        using var catalog = new PluginCatalog(pluginsPath, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        await catalog.RescanAsync(CancellationToken.None);

        var timings = new Timings();
        for (var i = 0; i < loads; i++)
        {
            var folder = Path.Combine(pluginsPath, Invariant($"Counting-{i:D4}"));
            var wall = Stopwatch.StartNew();
            CountingPlugin.CopyTo(source, folder);
            var copied = wall.Elapsed;
            await catalog.RescanAsync(CancellationToken.None);
            var rescanned = wall.Elapsed;
            var type = catalog.Find(CountingPlugin.MonitorName)
                ?? throw new InvalidOperationException($"{folder} did not load: {(catalog.GetPlugins() is [.., var last] ? last.Error : "not seen")}");
            await CollectFirstSampleAsync(type, config);
            var total = wall.Elapsed;

            timings.Copy.Add(copied.TotalMilliseconds);
            timings.Rescan.Add((rescanned - copied).TotalMilliseconds);
            timings.FirstCollect.Add((total - rescanned).TotalMilliseconds);
            timings.Total.Add(total.TotalMilliseconds);

            Directory.Delete(folder, recursive: true);
            await catalog.RescanAsync(CancellationToken.None);
        }

        return timings;
    }

    /// <summary>Creates and configures a monitor as the host does (plugin code off the caller's thread, under a
    /// time limit), then collects once through an instance writer.</summary>
    /// <returns>The number of samples collected.</returns>
    private static async Task<int> CollectFirstSampleAsync(MonitorType type, JsonElement config)
    {
        var settings = new MonitorSettings("first", new Dictionary<string, string>(), config, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var monitor = await PluginCode.RunAsync(() =>
        {
            var created = type.Create();
            created.Configure(settings);
            return created;
        }, "Counting: its constructor or Configure", PluginCode.DefaultTimeout);

        var writer = new InstanceSampleWriter(settings.InstanceId, new SeriesTable(settings.Labels, 1000));
        writer.Begin(DateTimeOffset.UtcNow);
        await monitor.CollectAsync(writer, CancellationToken.None);
        var batch = writer.Complete();
        var count = batch.Count;
        batch.Release();
        (monitor as IDisposable)?.Dispose();
        return count > 0 ? count : throw new InvalidOperationException("The first collect wrote no sample.");
    }

    private static async Task<CycleResult> MeasureCyclesAsync(string source, int cycles, int warmupCycles, bool uniqueNames, JsonElement config)
    {
        using var temp = new TempFolder();
        var pluginsPath = Path.Combine(temp.Path, "plugins");
        Directory.CreateDirectory(pluginsPath);
        using var catalog = new PluginCatalog(pluginsPath, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        await catalog.RescanAsync(CancellationToken.None);

        var contexts = new List<WeakReference>(cycles);
        var trajectory = new List<(int Cycle, long RssKib)>();
        long rssWarm = 0;
        long heapWarm = 0;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            var folder = Path.Combine(pluginsPath, uniqueNames ? Invariant($"Counting-{i:D5}") : "Counting");
            CountingPlugin.CopyTo(source, folder);
            contexts.Add(await LoadCollectUnloadAsync(catalog, folder, config));

            var done = i + 1;
            if (done == warmupCycles || (done % Math.Max(cycles / 4, 1) == 0 && done != cycles))
            {
                wall.Stop();
                ProcessStats.CollectFully();
                trajectory.Add((done, ProcessStats.ResidentKib()));
                if (done == warmupCycles)
                {
                    rssWarm = trajectory[^1].RssKib;
                    heapWarm = GC.GetTotalMemory(forceFullCollection: true);
                }

                wall.Start();
            }
        }

        var elapsed = wall.Elapsed;
        ProcessStats.CollectFully(passes: 1);
        var aliveAfterOnePass = contexts.Count(c => c.IsAlive);
        ProcessStats.CollectFully(passes: 10);
        var aliveAfterTenPasses = contexts.Count(c => c.IsAlive);

        // A context can outlive its last use by a moment (a pool thread's stale stack slot, until the thread runs its
        // next work item): give stragglers a bounded time, collecting all the while.
        var settle = Stopwatch.StartNew();
        while (contexts.Any(c => c.IsAlive) && settle.Elapsed < SettleBound)
        {
            await Task.Delay(100);
            ProcessStats.CollectFully(passes: 1);
        }

        var settled = settle.Elapsed;
        ProcessStats.CollectFully();
        var rssEnd = ProcessStats.ResidentKib();
        trajectory.Add((cycles, rssEnd));
        var heapEnd = GC.GetTotalMemory(forceFullCollection: true);
        return new CycleResult(elapsed, contexts.Count(c => c.IsAlive), aliveAfterOnePass, aliveAfterTenPasses, settled,
            rssWarm, rssEnd, heapWarm, heapEnd, catalog.GetPlugins().Count, trajectory);
    }

    /// <summary>One cycle. Everything that references plugin types lives in this frame, so that nothing the
    /// caller holds but the weak reference keeps the plugin's load context alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> LoadCollectUnloadAsync(PluginCatalog catalog, string folder, JsonElement config)
    {
        await catalog.RescanAsync(CancellationToken.None);
        var type = catalog.Find(CountingPlugin.MonitorName)
            ?? throw new InvalidOperationException($"{folder} did not load: {(catalog.GetPlugins() is [.., var last] ? last.Error : "not seen")}");
        var context = await CollectAndCaptureContextAsync(type, config);
        Directory.Delete(folder, recursive: true);
        await catalog.RescanAsync(CancellationToken.None);
        return context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> CollectAndCaptureContextAsync(MonitorType type, JsonElement config)
    {
        var settings = new MonitorSettings("cycle", new Dictionary<string, string>(), config, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var monitor = type.Create();
        monitor.Configure(settings);
        var writer = new InstanceSampleWriter(settings.InstanceId, new SeriesTable(settings.Labels, 1000));
        writer.Begin(DateTimeOffset.UtcNow);
        await monitor.CollectAsync(writer, CancellationToken.None);
        writer.Complete().Release();
        return WeakContextOf(monitor);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakContextOf(IMonitor monitor)
    {
        var context = AssemblyLoadContext.GetLoadContext(monitor.GetType().Assembly)
            ?? throw new InvalidOperationException("The monitor's assembly has no load context.");
        return context.IsCollectible ? new WeakReference(context)
            : throw new InvalidOperationException($"The plugin was loaded into a non-collectible context ({context.Name}).");
    }

    private sealed class Timings
    {
        public List<double> Total { get; } = [];

        public List<double> Copy { get; } = [];

        public List<double> Rescan { get; } = [];

        public List<double> FirstCollect { get; } = [];
    }

    private sealed record CycleResult(TimeSpan Elapsed, int AliveAtEnd, int AliveAfterOnePass, int AliveAfterTenPasses,
        TimeSpan Settled, long RssWarmKib, long RssEndKib, long HeapWarm, long HeapEnd, int CatalogRecords,
        List<(int Cycle, long RssKib)> Trajectory);
}
