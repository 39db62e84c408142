using System.Reflection;
using Dashboard.Abstractions;
using Humanizer;

namespace DependencyIsolation;

/// <summary>
/// Reports which Humanizer its own load context resolved, and uses it. Built twice, against two versions of the
/// package (HumanizerOld, HumanizerNew); each build is named after its assembly.
/// </summary>
public sealed class DependencyMonitor : IMonitor
{
    public string Name => typeof(DependencyMonitor).Assembly.GetName().Name!;

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
