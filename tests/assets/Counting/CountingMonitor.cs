using Dashboard.Abstractions;

namespace Counting;

/// <summary>Counts its collects; the build generation shows which copy of the plugin is running after a reload.</summary>
public sealed class CountingMonitor : IMonitor
{
#if GENERATION2
    private const string Generation = "2";
#else
    private const string Generation = "1";
#endif

    private long _collects;
    private string _greeting = "";

    public string Name => "Counting";

    public string ConfigSchema => """
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "greeting": { "type": "string", "default": "hello", "maxLength": 20 },
            "step": { "type": "integer", "minimum": 1, "maximum": 10, "default": 1 }
          }
        }
        """;

    public void Configure(MonitorSettings settings) =>
        _greeting = settings.Config.GetProperty("greeting").GetString()!;

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        _collects++;
        writer.Counter("test_collects_total", _collects);
        writer.Gauge("test_build_info", [new("generation", Generation), new("greeting", _greeting)], 1);
        return ValueTask.CompletedTask;
    }
}
