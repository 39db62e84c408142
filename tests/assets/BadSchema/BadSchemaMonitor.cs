using Dashboard.Abstractions;

namespace BadSchema;

/// <summary>Declares a schema that is JSON but not JSON Schema.</summary>
public sealed class BadSchemaMonitor : IMonitor
{
    public string Name => "BadSchema";

    public string ConfigSchema => """{ "type": "object", "properties": { "port": { "type": "integr" } } }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
