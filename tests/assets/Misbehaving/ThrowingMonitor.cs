using Dashboard.Abstractions;

namespace Misbehaving;

/// <summary>Every collect throws.</summary>
public sealed class ThrowingMonitor : IMonitor
{
    public string Name => "Throwing";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        writer.Gauge("never_published", 1);
        throw new InvalidOperationException("the disk is on fire");
    }
}
