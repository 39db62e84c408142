using Dashboard.Abstractions;

namespace Dashboard.Plugins.System;

/// <summary>Memory and swap figures, from <c>/proc/meminfo</c>.</summary>
internal sealed class MemoryCollector : ISystemCollector
{
    private readonly ProcFileReader _reader;

    public MemoryCollector(ProcFileReader reader, string procPath)
    {
        _reader = reader;
        SourcePath = Path.Combine(procPath, "meminfo");
    }

    public string SourcePath { get; }

    public void Collect(ISampleWriter writer, CancellationToken cancellationToken)
    {
        foreach (var line in _reader.ReadAll(SourcePath).EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var metric = MetricFor(line[..colon]);
            if (metric is null)
            {
                continue;
            }

            var fields = new FieldReader(line[(colon + 1)..]);
            var value = fields.ReadUInt64();

            // meminfo says "kB" but means KiB.
            var scale = fields.TryRead(out var unit) && unit.SequenceEqual("kB") ? 1024UL : 1UL;
            writer.Gauge(metric, (double)(value * scale));
        }
    }

    private static string? MetricFor(ReadOnlySpan<char> key) => key switch
    {
        "MemTotal" => "system_memory_total_bytes",
        "MemAvailable" => "system_memory_available_bytes",
        "MemFree" => "system_memory_free_bytes",
        "Buffers" => "system_memory_buffers_bytes",
        "Cached" => "system_memory_cached_bytes",
        "SwapTotal" => "system_memory_swap_total_bytes",
        "SwapFree" => "system_memory_swap_free_bytes",
        _ => null,
    };
}
