using Dashboard.Abstractions;

namespace Misbehaving;

/// <summary>Collects fine; its schema exercises every kind of validation error and nested defaults.</summary>
public sealed class StrictMonitor : IMonitor
{
    public string Name => "Strict";

    public string ConfigSchema => """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["target"],
          "properties": {
            "target": { "type": "string", "minLength": 1 },
            "retries": { "type": "integer", "minimum": 0, "maximum": 5, "default": 2 },
            "mode": { "enum": ["fast", "thorough"], "default": "fast" },
            "endpoints": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["url"],
                "properties": {
                  "url": { "type": "string" },
                  "weight": { "type": "number", "default": 1.5 }
                }
              }
            }
          }
        }
        """;

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        writer.Gauge("strict_up", 1);
        return ValueTask.CompletedTask;
    }
}
