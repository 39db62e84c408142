using Dashboard.Abstractions;

namespace PreviousMinor;

/// <summary>A monitor built against Dashboard.Abstractions 1.0, the minor before the host's.</summary>
public sealed class PreviousMinorMonitor : IMonitor
{
    public string Name => "PreviousMinor";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        writer.Gauge("previous_minor_up", 1);
        return ValueTask.CompletedTask;
    }
}
