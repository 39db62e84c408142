using Dashboard.Abstractions;

namespace Misbehaving;

/// <summary>Collects hang and ignore cancellation: blocking a thread, or awaiting forever, as configured.</summary>
public sealed class HangingMonitor : IMonitor
{
    private static readonly ManualResetEventSlim Never = new(false);
    private bool _block;

    public string Name => "Hanging";

    public string ConfigSchema => """
        { "type": "object", "properties": { "block_thread": { "type": "boolean", "default": false } } }
        """;

    public void Configure(MonitorSettings settings) =>
        _block = settings.Config.GetProperty("block_thread").GetBoolean();

    public async ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        if (_block)
        {
            Never.Wait(TimeSpan.FromMinutes(10), CancellationToken.None);
        }
        else
        {
            await Task.Delay(TimeSpan.FromMinutes(10), CancellationToken.None);
        }
    }
}
