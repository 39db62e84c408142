using Dashboard.Abstractions;

namespace CtorThrows;

/// <summary>Cannot even be constructed.</summary>
public sealed class CtorThrowsMonitor : IMonitor
{
    public CtorThrowsMonitor() => throw new InvalidOperationException("missing license file");

    public string Name => "CtorThrows";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
