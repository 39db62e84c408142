using System.Globalization;
using Dashboard.Abstractions;

namespace Misbehaving;

/// <summary>Writes <c>series</c> distinct series in one collect: a cardinality explosion.</summary>
public sealed class FloodMonitor : IMonitor
{
    private int _series;

    public string Name => "Flood";

    public string ConfigSchema => """
        { "type": "object", "properties": { "series": { "type": "integer", "minimum": 1, "default": 1000000 } } }
        """;

    public void Configure(MonitorSettings settings) => _series = settings.Config.GetProperty("series").GetInt32();

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _series; i++)
        {
            writer.Gauge("flood_value", [new("n", i.ToString(CultureInfo.InvariantCulture))], i);
        }

        return ValueTask.CompletedTask;
    }
}
