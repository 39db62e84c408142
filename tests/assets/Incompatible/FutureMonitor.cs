using Dashboard.Abstractions;

namespace Incompatible;

/// <summary>A monitor built against Dashboard.Abstractions 2.0.</summary>
public sealed class FutureMonitor : IMonitor
{
    public string Name => "Future";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
