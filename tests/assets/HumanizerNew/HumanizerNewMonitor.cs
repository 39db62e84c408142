using System.Reflection;
using Dashboard.Abstractions;
using Humanizer;

namespace HumanizerNew;

/// <summary>Reports which Humanizer its own load context resolved, and uses it.</summary>
public sealed class HumanizerNewMonitor : IMonitor
{
    public string Name => "HumanizerNew";

    public string ConfigSchema => """{ "type": "object" }""";

    public void Configure(MonitorSettings settings)
    {
    }

    public ValueTask CollectAsync(ISampleWriter writer, CancellationToken cancellationToken)
    {
        var assembly = typeof(StringHumanizeExtensions).Assembly.GetName();
        var words = "PluginDependencyCheck".Humanize();
        writer.Gauge("test_dependency_info", [new("assembly_version", assembly.Version!.ToString()), new("words", words)], 1);
        return ValueTask.CompletedTask;
    }
}
