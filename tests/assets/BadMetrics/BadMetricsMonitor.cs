using Dashboard.Abstractions;

namespace BadMetrics;

/// <summary>A monitor whose metrics class breaks the naming rules: the host must refuse the plugin at load.</summary>
public sealed class BadMetricsMonitor : IMonitor
{
    private readonly QueueMetrics _metrics = new();

    public string Name => "BadMetrics";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        writer.Write(_metrics);
        return ValueTask.CompletedTask;
    }
}
