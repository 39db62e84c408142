using Dashboard.Abstractions;

namespace Misbehaving;

/// <summary>Each collect takes <c>delay_ms</c> (honouring cancellation), typically longer than its interval.</summary>
public sealed class SlowMonitor : IMonitor
{
    private TimeSpan _delay;

    public string Name => "Slow";

    public string ConfigSchema => """
        { "type": "object", "properties": { "delay_ms": { "type": "integer", "minimum": 0, "default": 1000 } } }
        """;

    public void Configure(MonitorSettings settings) =>
        _delay = TimeSpan.FromMilliseconds(settings.Config.GetProperty("delay_ms").GetInt32());

    public async ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        await Task.Delay(_delay, cancellationToken);
        writer.Gauge("slow_done", 1);
    }
}
