using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Dashboard.Abstractions;
using static System.FormattableString;

namespace Dashboard.Bench.Harness;

/// <summary>
/// The control for the plugin-load cycles: the same DLL loaded into a bare collectible
/// <see cref="AssemblyLoadContext"/> and unloaded, with no catalog, McMaster loader or schema parsing. Resident memory
/// that grows here too is the runtime's, not Core's.
/// </summary>
internal static class AlcBaselineBenchmark
{
    public static async Task RunAsync(HarnessArguments args)
    {
        var cycles = args.Int("cycles", 1000);
        var warmupCycles = Math.Min(args.Int("warmup-cycles", 50), cycles);
        var folder = CountingPlugin.Locate(args.Text("plugin"));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "Counting.dll"));

        var contexts = new List<WeakReference>(cycles);
        var trajectory = new List<(int Cycle, long RssKib)>();
        for (var i = 1; i <= cycles; i++)
        {
            contexts.Add(LoadAndUnload(bytes));
            if (i == warmupCycles || i % Math.Max(cycles / 4, 1) == 0)
            {
                ProcessStats.CollectFully();
                await Task.Delay(100);
                ProcessStats.CollectFully();
                trajectory.Add((i, ProcessStats.ResidentKib()));
            }
        }

        var warm = trajectory.First(p => p.Cycle == warmupCycles).RssKib;
        var end = trajectory[^1].RssKib;
        var output = Console.Out;
        output.WriteLine(Invariant($"## Bare collectible AssemblyLoadContext: {cycles} load/unload cycles of Counting.dll (control)"));
        output.WriteLine();
        MachineInfo.Print(output);
        var table = new MarkdownTable("bare load/unload cycles", "value");
        table.Row("load contexts still alive after full GC", Invariant($"{contexts.Count(c => c.IsAlive)} of {cycles}"));
        table.Row(Invariant($"resident memory growth ({warmupCycles} → {cycles})"), Formats.SignedPercent((end - warm) * 100.0 / warm));
        table.Row("VmRSS along the way (cycle: MiB)", string.Join(", ", trajectory.Select(p => Invariant($"{p.Cycle}: {p.RssKib / 1024.0:0.0}"))));
        table.WriteTo(output);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadAndUnload(byte[] bytes)
    {
        var context = new AssemblyLoadContext("baseline", isCollectible: true);
        using (var stream = new MemoryStream(bytes, writable: false))
        {
            var assembly = context.LoadFromStream(stream);
            var type = assembly.GetTypes().First(t => typeof(IMonitor).IsAssignableFrom(t));
            var monitor = (IMonitor)Activator.CreateInstance(type)!;
            _ = monitor.Name;
            _ = monitor.ConfigSchema;
        }

        context.Unload();
        return new WeakReference(context);
    }
}
