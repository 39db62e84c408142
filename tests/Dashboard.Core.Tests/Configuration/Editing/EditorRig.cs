using Dashboard.Core.Audit;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Configuration.History;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Configuration.Editing;

/// <summary>The real config parts on a temporary folder with the Counting test plugin: store, catalog, supervisor, audit, history, editors.</summary>
internal sealed class EditorRig : IAsyncDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestMeterFactory _meters = new();
    private readonly CollectionScheduler _scheduler;

    private EditorRig()
    {
        var plugins = _folder.Combine("plugins");
        Directory.CreateDirectory(plugins);
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), plugins, "Counting");
        ConfigPath = _folder.Combine("plugins.json");
        Catalog = new PluginCatalog(plugins, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        var secrets = new ConfigSecrets(name => Catalog.Find(name)?.Schema);
        Audit = new AuditLogFile(_folder.Combine("data", "audit", "audit.log"), TimeProvider.System, NullLogger<AuditLogFile>.Instance);
        Store = new ConfigStore(ConfigPath, _folder.Combine("data", "config-history"), Audit, secrets, TimeProvider.System,
            NullLogger<ConfigStore>.Instance);
        var options = Options.Create(new CollectionOptions());
        _scheduler = new CollectionScheduler(TimeProvider.System, new SampleChannel(1000), options, new CollectionMetrics(_meters),
            NullLogger<CollectionScheduler>.Instance);
        Supervisor = new InstanceSupervisor(Store, Catalog, _scheduler, new LatestSamples(), secrets, options,
            NullLogger<InstanceSupervisor>.Instance);
        History = new ConfigHistory(Store, Audit, secrets);
        Instances = new InstanceEditor(Store, Catalog, Supervisor, secrets, History, Audit);
        File = new ConfigFileEditor(Store, Catalog, Supervisor, secrets, History, Audit);
    }

    public string ConfigPath { get; }

    public PluginCatalog Catalog { get; }

    public AuditLogFile Audit { get; }

    public ConfigStore Store { get; }

    public InstanceSupervisor Supervisor { get; }

    public ConfigHistory History { get; }

    public InstanceEditor Instances { get; }

    public ConfigFileEditor File { get; }

    public static async Task<EditorRig> StartAsync(string pluginsJson)
    {
        var rig = new EditorRig();
        await System.IO.File.WriteAllTextAsync(rig.ConfigPath, pluginsJson);
        await rig.Catalog.StartAsync(CancellationToken.None);
        await rig.Store.StartAsync(CancellationToken.None);
        await rig.Supervisor.StartAsync(CancellationToken.None);
        return rig;
    }

    public async Task<string?> VersionOfAsync(string id) => (await Instances.ReadAsync(id, CancellationToken.None)).Version;

    public Task<string> DiskAsync() => System.IO.File.ReadAllTextAsync(ConfigPath);

    public async ValueTask DisposeAsync()
    {
        Supervisor.Dispose();
        await _scheduler.DisposeAsync();
        Store.Dispose();
        Catalog.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }
}
