using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Bench.Harness;

/// <summary>What the process costs: CPU time, resident memory, garbage collections.</summary>
internal static class ProcessStats
{
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Resident set size in KiB, from <c>VmRSS</c> in <c>/proc/self/status</c>.</summary>
    /// <returns>The size, or -1 where there is no procfs.</returns>
    public static long ResidentKib() => StatusKib("/proc/self/status", "VmRSS:");

    /// <summary>Another process's resident set size in KiB, from <c>VmRSS</c> in <c>/proc/&lt;pid&gt;/status</c>.</summary>
    /// <returns>The size, or -1 where there is no procfs or no such process.</returns>
    public static long ResidentKib(int processId) =>
        StatusKib(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/status"), "VmRSS:");

    private static long StatusKib(string path, string field)
    {
        if (!File.Exists(path))
        {
            return -1;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var number = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(number, CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>Full, compacting collections until finalizers have run and collectible contexts had their chance.</summary>
    public static void CollectFully(int passes = 3)
    {
        for (var i = 0; i < passes; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>The machine's busy and total CPU time so far, in clock ticks, from the first line of <c>/proc/stat</c>.</summary>
    /// <returns>Both zero where there is no procfs.</returns>
    public static (long Busy, long Total) MachineTicks()
    {
        const string Path = "/proc/stat";
        if (!File.Exists(Path))
        {
            return (0, 0);
        }

        // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
        var fields = File.ReadLines(Path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

    /// <summary>How many cores the whole machine kept busy between two readings.</summary>
    public static double BusyCores((long Busy, long Total) before, (long Busy, long Total) after) =>
        after.Total == before.Total ? double.NaN
            : (after.Busy - before.Busy) / (double)(after.Total - before.Total) * Environment.ProcessorCount;

    /// <summary>CPU clock ticks used so far by each live thread of this process, and by the process as a whole.</summary>
    /// <returns>Per thread id: its name and ticks; plus the process's ticks (exited threads included).</returns>
    public static (Dictionary<int, (string Name, long Ticks)> Threads, long Process) ThreadTicks()
    {
        var threads = new Dictionary<int, (string, long)>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return (threads, 0);
        }

        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var id = int.Parse(System.IO.Path.GetFileName(task), CultureInfo.InvariantCulture);
                threads[id] = ParseStat(File.ReadAllText(System.IO.Path.Combine(task, "stat")));
            }
            catch (IOException)
            {
                // The thread exited between listing and reading.
            }
        }

        return (threads, ParseStat(File.ReadAllText("/proc/self/stat")).Ticks);
    }

    // pid (comm) state ppid ... utime stime: utime and stime are fields 14 and 15, i.e. 12 and 13 after the ')'.
    private static (string Name, long Ticks) ParseStat(string stat)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    public static (int Gen0, int Gen1, int Gen2) Collections() =>
        (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
}
