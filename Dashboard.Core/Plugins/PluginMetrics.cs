using System.Diagnostics.Metrics;

namespace Dashboard.Core.Plugins;

/// <summary>The plugin catalog's measurements, on the <c>Dashboard.Plugins</c> meter, read from the catalog when observed.</summary>
public sealed class PluginMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Dashboard.Plugins";

    private readonly Meter _meter;

    /// <summary>Creates the meter.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public PluginMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
    }

    /// <summary>Publishes the catalog's counts as observable instruments.</summary>
    /// <param name="catalog">The catalog.</param>
    internal void Observe(PluginCatalog catalog)
    {
        _meter.CreateObservableCounter("dashboard.plugins.loads", () => catalog.Loads, "{load}",
            "Plugin folders loaded, reloads after a change included.");
        _meter.CreateObservableCounter("dashboard.plugins.unloads", () => catalog.Unloads, "{unload}",
            "Plugin folders unloaded because they were removed.");
        _meter.CreateObservableCounter("dashboard.plugins.load.failures", () => catalog.LoadFailures, "{failure}",
            "Plugin folders that failed to load (corrupt DLL, no monitor, wrong contract version, ...).");
        _meter.CreateObservableGauge("dashboard.plugins", () => ByState(catalog), "{plugin}",
            "Plugin folders found, by state: loaded, failed or unloaded.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static IEnumerable<Measurement<int>> ByState(PluginCatalog catalog)
    {
        var plugins = catalog.GetPlugins();
        foreach (var state in Enum.GetValues<PluginState>())
        {
            yield return new Measurement<int>(plugins.Count(p => p.State == state),
                new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()));
        }
    }
}
