using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Dashboard.Bench.Harness;

/// <summary>The machine a result was measured on, printed above every table.</summary>
internal static class MachineInfo
{
    public static void Print(TextWriter output)
    {
        output.WriteLine(FormattableString.Invariant($"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}"));
        output.WriteLine(FormattableString.Invariant($"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores"));
        output.WriteLine(FormattableString.Invariant($"- memory: {MemoryGib():0.0} GiB"));
        output.WriteLine($"- OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        output.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode}");
        output.WriteLine();
    }

    private static string CpuModel()
    {
        const string Path = "/proc/cpuinfo";
        var line = File.Exists(Path)
            ? File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static double MemoryGib()
    {
        const string Path = "/proc/meminfo";
        var line = File.Exists(Path) ? File.ReadLines(Path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        if (line is null)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        }

        var kib = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / (1024.0 * 1024);
    }
}
