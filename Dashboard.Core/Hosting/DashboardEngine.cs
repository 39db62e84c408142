using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.Core.RemoteWrite;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Hosting;

/// <summary>
/// Starts the parts in order (store, plugins, config, scheduler and ingestion, then the supervisor that joins them)
/// and stops them in reverse, so no collect runs against a half-started host and no sample is written to a closed store.
/// </summary>
public sealed partial class DashboardEngine : IHostedService
{
    private readonly PluginCatalog _catalog;
    private readonly ConfigStore _config;
    private readonly CollectionScheduler _scheduler;
    private readonly SampleChannel _channel;
    private readonly SampleIngestor _ingestor;
    private readonly InstanceSupervisor _supervisor;
    private readonly TsdbStore _store;
    private readonly DashboardOptions _options;
    private readonly ILogger<DashboardEngine> _logger;
    private readonly RemoteWriteSink? _remoteWrite;
    private Task? _ingestion;

    /// <summary>Creates the engine.</summary>
    /// <param name="catalog">The plugin catalog.</param>
    /// <param name="config">The config store.</param>
    /// <param name="scheduler">The scheduler.</param>
    /// <param name="channel">The sample channel.</param>
    /// <param name="ingestor">The ingestor.</param>
    /// <param name="supervisor">The supervisor.</param>
    /// <param name="store">The store.</param>
    /// <param name="options">The resolved paths.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="remoteWrite">The remote_write sender, when remotes are configured.</param>
    public DashboardEngine(PluginCatalog catalog, ConfigStore config, CollectionScheduler scheduler, SampleChannel channel,
        SampleIngestor ingestor, InstanceSupervisor supervisor, TsdbStore store, IOptions<DashboardOptions> options, ILogger<DashboardEngine> logger,
        RemoteWriteSink? remoteWrite = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _config = config;
        _scheduler = scheduler;
        _channel = channel;
        _ingestor = ingestor;
        _supervisor = supervisor;
        _store = store;
        _options = options.Value;
        _logger = logger;
        _remoteWrite = remoteWrite;
    }

    /// <summary>Whether start-up has finished: plugins scanned, config read, jobs scheduled.</summary>
    public bool IsReady { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogPaths(_options.PluginsPath, _options.PluginsConfigPath, _options.DataPath);
        // Recovery replays the log: off the caller's thread, and before anything can append.
        await Task.Run(_store.Open, cancellationToken).ConfigureAwait(false);
        _store.StartMaintenance();
        await _catalog.StartAsync(cancellationToken).ConfigureAwait(false);
        await _config.StartAsync(cancellationToken).ConfigureAwait(false);
        _remoteWrite?.Start();
        _ingestion = Task.Run(_ingestor.RunAsync, CancellationToken.None);
        _scheduler.Start();
        await _supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
        IsReady = true;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsReady = false;
        _supervisor.Dispose();
        _config.Dispose();
        await _scheduler.DisposeAsync().ConfigureAwait(false);
        _channel.Complete();
        if (_ingestion is not null)
        {
            await _ingestion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // After ingestion has drained, so the last collects are queued; bounded by its flush timeout.
        if (_remoteWrite is not null)
        {
            await _remoteWrite.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        _store.Dispose();
        _catalog.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugins folder: {PluginsPath}; plugins config: {ConfigPath}; data: {DataPath}")]
    private partial void LogPaths(string pluginsPath, string configPath, string dataPath);
}
