using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>Time each CPU spent per mode, from <c>/proc/stat</c>.</summary>
internal sealed class CpuCollector : ISystemCollector
{
    // The kernel reports /proc/stat in USER_HZ, fixed at 100 for user space on every mainstream architecture
    // (sysconf(_SC_CLK_TCK)), whatever the kernel's own tick rate.
    private const double TicksPerSecond = 100;

    // The order of the columns after "cpuN"; guest time is already included in user and nice, so it is reported
    // apart, as node_exporter does, to keep the modes summing to wall time.
    private static readonly string[] Modes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];
    private static readonly string[] GuestModes = ["user", "nice"];

    private readonly ProcFileReader _reader;
    private readonly LabelValueCache _cpuNames = new();

    public CpuCollector(ProcFileReader reader, string procPath)
    {
        _reader = reader;
        SourcePath = Path.Combine(procPath, "stat");
    }

    public string SourcePath { get; }

    public void Collect(ISampleWriter writer, CancellationToken cancellationToken)
    {
        foreach (var line in _reader.ReadAll(SourcePath).EnumerateLines())
        {
            // The cpu lines come first; stopping at the first other line skips the long "intr" line.
            if (!line.StartsWith("cpu", StringComparison.Ordinal))
            {
                break;
            }

            var fields = new FieldReader(line);
            var name = fields.Read();
            if (name.Length == 3)
            {
                // The "cpu" line sums all CPUs: a query can sum the per-CPU series itself.
                continue;
            }

            var cpu = _cpuNames.Get(name[3..]);

            // Older kernels have fewer columns: report those present.
            for (var mode = 0; mode < Modes.Length && fields.TryReadUInt64(out var ticks); mode++)
            {
                writer.Counter("system_cpu_seconds_total", [new("cpu", cpu), new("mode", Modes[mode])],
                    ticks / TicksPerSecond);
            }

            for (var mode = 0; mode < GuestModes.Length && fields.TryReadUInt64(out var ticks); mode++)
            {
                writer.Counter("system_cpu_guest_seconds_total", [new("cpu", cpu), new("mode", GuestModes[mode])],
                    ticks / TicksPerSecond);
            }
        }
    }
}
