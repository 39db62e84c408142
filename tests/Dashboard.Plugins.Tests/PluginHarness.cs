using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Plugins;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Plugins.Tests;

/// <summary>
/// One shipped plugin, loaded as the host loads it: its built folder copied into a fresh plugins folder, loaded by a
/// <see cref="PluginCatalog"/> into a collectible context, configs validated by <see cref="ConfigValidator"/> with
/// the schema's defaults applied, samples collected through an <see cref="InstanceSampleWriter"/>.
/// </summary>
internal sealed class PluginHarness : IAsyncDisposable
{
    private const string InstanceId = "test";

    private readonly TempFolder _root;
    private readonly List<IMonitor> _monitors = [];

    private PluginHarness(TempFolder root, PluginCatalog catalog, string name, string pluginFolder)
    {
        _root = root;
        Catalog = catalog;
        Name = name;
        PluginFolder = pluginFolder;
    }

    /// <summary>The catalog the plugin was loaded by.</summary>
    public PluginCatalog Catalog { get; }

    /// <summary>The monitor name, e.g. <c>System</c>.</summary>
    public string Name { get; }

    /// <summary>The copy of the plugin's folder the catalog loaded.</summary>
    public string PluginFolder { get; }

    /// <summary>
    /// The loaded monitor type, looked up on every call so the harness itself never keeps an unloaded plugin alive.
    /// </summary>
    public MonitorType Type => Catalog.Find(Name) ?? throw new InvalidOperationException(
        $"Plugin {Name} is not loaded: " + string.Join("; ", Catalog.GetPlugins().Select(p => $"{p.Name} {p.State} {p.Error}")));

    /// <summary>Copies the built <c>Dashboard.Plugins.&lt;name&gt;</c> folder into a fresh plugins folder and loads it.</summary>
    /// <param name="name">The monitor name: System, HttpProbe or DotNetRuntime.</param>
    /// <param name="cancellationToken">Cancels the first scan.</param>
    /// <returns>The harness, with the plugin loaded.</returns>
    public static async Task<PluginHarness> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var root = new TempFolder();
        var pluginsPath = root.Combine("plugins");
        var folderName = "Dashboard.Plugins." + name;
        var folder = TestPaths.CopyPlugin(TestPaths.ShippedPlugin(folderName), pluginsPath, folderName);
        var catalog = new PluginCatalog(pluginsPath, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        var harness = new PluginHarness(root, catalog, name, folder);
        await catalog.StartAsync(cancellationToken);
        _ = harness.Type;
        return harness;
    }

    /// <summary>
    /// Validates a plugin config as the host does, at path <c>config</c>. <c>interval_ms</c>, which the host requires
    /// of every instance, is added when the config leaves it out.
    /// </summary>
    /// <param name="configJson">The instance's config object.</param>
    /// <returns>The errors and the effective config.</returns>
    public ConfigValidation Validate(string configJson)
    {
        var config = JsonNode.Parse(configJson)?.AsObject()
            ?? throw new ArgumentException("The config must be a JSON object.", nameof(configJson));
        config.TryAdd("interval_ms", 1000);
        return ConfigValidator.Validate(config, Type.Schema, "config");
    }

    /// <summary>
    /// Validates <paramref name="configJson"/>, creates a monitor and configures it with the effective config. The
    /// monitor is disposed with the harness unless retired first.
    /// </summary>
    /// <param name="configJson">The instance's config object.</param>
    /// <returns>The configured monitor.</returns>
    public IMonitor Configure(string configJson)
    {
        var validation = Validate(configJson);
        Assert.True(validation.IsValid, "The config is invalid: " + string.Join("; ", validation.Errors));

        var monitor = Type.Create();
        _monitors.Add(monitor);
        monitor.Configure(new MonitorSettings(InstanceId, new Dictionary<string, string>(),
            JsonSerializer.SerializeToElement(validation.Effective), validation.Interval, validation.Timeout));
        return monitor;
    }

    /// <summary>Runs one collect of <paramref name="monitor"/> through a host sample writer.</summary>
    /// <param name="monitor">A configured monitor.</param>
    /// <param name="cancellationToken">Passed to the collect, as the host passes its timeout.</param>
    /// <returns>A copy of the collected samples.</returns>
    public static async Task<CollectedSamples> CollectAsync(IMonitor monitor, CancellationToken cancellationToken)
    {
        var writer = new InstanceSampleWriter(InstanceId, new SeriesTable(new Dictionary<string, string>(), 10_000));
        writer.Begin(DateTimeOffset.UtcNow);
        try
        {
            await monitor.CollectAsync(writer, cancellationToken);
        }
        catch
        {
            writer.Discard();
            throw;
        }

        var batch = writer.Complete();
        try
        {
            // A refused write (an invalid metric or label name) would otherwise vanish without a trace.
            Assert.True(writer.Table.LastRefusal is null, "The host refused a sample: " + writer.Table.LastRefusal);
            return new CollectedSamples(batch.Samples.ToArray());
        }
        finally
        {
            batch.Release();
        }
    }

    /// <summary>Disposes a monitor as the host does when it retires one, and forgets it.</summary>
    /// <param name="monitor">A monitor made by <see cref="Configure"/>.</param>
    /// <returns>A task.</returns>
    public async Task RetireAsync(IMonitor monitor)
    {
        _monitors.Remove(monitor);
        await DisposeMonitorAsync(monitor);
    }

    /// <summary>Removes the plugin's folder and rescans, as an operator deleting a plugin would.</summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>A task.</returns>
    public async Task RemovePluginFolderAsync(CancellationToken cancellationToken)
    {
        Directory.Delete(PluginFolder, recursive: true);
        await Catalog.RescanAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var monitor in _monitors)
        {
            await DisposeMonitorAsync(monitor);
        }

        _monitors.Clear();
        Catalog.Dispose();
        _root.Dispose();
    }

    private static async ValueTask DisposeMonitorAsync(IMonitor monitor)
    {
        switch (monitor)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
