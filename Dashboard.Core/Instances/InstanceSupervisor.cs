using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Instances;

/// <summary>
/// Joins the config and the loaded plugins into running jobs. Whenever either changes it reconciles: every instance
/// whose plugin is loaded and whose config validates runs with a fresh monitor; one whose new config is rejected
/// keeps its last valid config running; one whose plugin is gone waits for it.
/// </summary>
public sealed partial class InstanceSupervisor : IDisposable
{
    private readonly ConfigStore _config;
    private readonly PluginCatalog _catalog;
    private readonly CollectionScheduler _scheduler;
    private readonly LatestSamples _latest;
    private readonly CollectionOptions _options;
    private readonly ILogger<InstanceSupervisor> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<InstanceStatus> _snapshot = [];

    /// <summary>Creates the supervisor.</summary>
    /// <param name="config">The config store.</param>
    /// <param name="catalog">The plugin catalog.</param>
    /// <param name="scheduler">The scheduler the jobs run on.</param>
    /// <param name="latest">The latest values, forgotten when an instance stops.</param>
    /// <param name="options">Collection settings (series limit).</param>
    /// <param name="logger">The logger.</param>
    public InstanceSupervisor(ConfigStore config, PluginCatalog catalog, CollectionScheduler scheduler, LatestSamples latest,
        IOptions<CollectionOptions> options, ILogger<InstanceSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _config = config;
        _catalog = catalog;
        _scheduler = scheduler;
        _latest = latest;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Reconciles now and after every change of config or plugins.</summary>
    /// <param name="cancellationToken">Cancels the first reconciliation.</param>
    /// <returns>A task.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _config.Changed += OnChanged;
        _catalog.Changed += OnChanged;
        await ReconcileAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every configured instance, in file order.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<InstanceStatus> GetInstances() => [.. _snapshot.Select(WithCollection)];

    /// <summary>One instance, or <see langword="null"/>.</summary>
    /// <param name="id">The instance id.</param>
    /// <returns>Its status.</returns>
    public InstanceStatus? GetInstance(string id) =>
        _snapshot.FirstOrDefault(s => s.Id == id) is { } status ? WithCollection(status) : null;

    /// <summary>Brings the running jobs in line with the current config and plugins.</summary>
    /// <param name="cancellationToken">Cancels the wait for a reconciliation in progress.</param>
    /// <returns>A task.</returns>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var document = _config.Current;
            var statuses = new List<InstanceStatus>();
            foreach (var definition in document.Instances)
            {
                statuses.Add(await ReconcileAsync(definition).ConfigureAwait(false));
            }

            foreach (var removed in _running.Keys.Except(document.Instances.Select(d => d.Id)).ToList())
            {
                Stop(removed);
            }

            _snapshot = statuses;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _config.Changed -= OnChanged;
        _catalog.Changed -= OnChanged;
        foreach (var id in _running.Keys.ToList())
        {
            Stop(id);
        }

        _gate.Dispose();
    }

    private async Task<InstanceStatus> ReconcileAsync(InstanceDefinition definition)
    {
        var status = new InstanceStatus(definition.Id, definition.Plugin, definition.Enabled, InstanceState.Invalid,
            definition.Labels, definition.Config, null, definition.Errors, null, definition.Version);
        _running.TryGetValue(definition.Id, out var current);

        if (!definition.Enabled)
        {
            Stop(definition.Id);
            return status with { State = InstanceState.Disabled, Message = "disabled in plugins.json" };
        }

        var type = _catalog.Find(definition.Plugin);
        if (type is null)
        {
            Stop(definition.Id);
            var why = _catalog.GetPlugins().FirstOrDefault(p => p.Name == definition.Plugin) is { Error: { } error }
                ? error
                : $"no loaded plugin is named '{definition.Plugin}'";
            return status with { State = InstanceState.Waiting, Message = $"waiting for plugin '{definition.Plugin}': {why}" };
        }

        // The previous job can keep running only if it runs the same load of the same plugin.
        var keepable = current is not null && current.Type == type ? current : null;
        var errors = definition.Errors;
        ConfigValidation? validation = null;
        if (errors.Count == 0)
        {
            validation = ConfigValidator.Validate(definition.Config, type.Schema, definition.Path + ".config");
            errors = validation.Errors;
        }

        if (errors.Count > 0 || validation is null)
        {
            if (keepable is null)
            {
                Stop(definition.Id);
                return status with { State = InstanceState.Invalid, ValidationErrors = errors, Message = "the config is invalid; the instance is not running" };
            }

            LogRejected(definition.Id, errors.Count);
            return Report(status, keepable) with
            {
                ValidationErrors = errors,
                Message = "the config as written is invalid; the last valid config keeps running",
            };
        }

        if (keepable is not null && keepable.Definition.Version == definition.Version)
        {
            return Report(status, keepable);
        }

        var settings = new MonitorSettings(definition.Id, definition.Labels,
            JsonSerializer.SerializeToElement(validation.Effective), validation.Interval, validation.Timeout);
        IMonitor monitor;
        try
        {
            monitor = await PluginCode.RunAsync(() =>
            {
                var created = type.Create();
                created.Configure(settings);
                return created;
            }, $"plugin '{type.Name}': its constructor or Configure", PluginCode.DefaultTimeout).ConfigureAwait(false);
        }
        catch (PluginCodeException ex)
        {
            if (keepable is not null)
            {
                return Report(status, keepable) with { Message = ex.Message + "; the last valid config keeps running" };
            }

            Stop(definition.Id);
            return status with { State = InstanceState.Failing, Config = validation.Effective, Message = ex.Message };
        }

        Stop(definition.Id);
        var job = new CollectionJob(monitor, settings, _options.MaxSeriesPerInstance);
        var running = new Running(definition, type, job, validation.Effective);
        _running[definition.Id] = running;
        _scheduler.Add(job);
        LogStarted(definition.Id, type.Name, type.Version, validation.Interval.TotalMilliseconds);
        return Report(status, running);
    }

    private static InstanceStatus Report(InstanceStatus status, Running running) =>
        status with
        {
            Plugin = running.Type.Name,
            Labels = running.Definition.Labels,
            Config = running.Effective,
            State = InstanceState.Running,
        };

    private InstanceStatus WithCollection(InstanceStatus status)
    {
        if (status.State != InstanceState.Running || !_running.TryGetValue(status.Id, out var running))
        {
            return status;
        }

        var collection = running.Job.GetStatus();
        return status with
        {
            Collection = collection,
            State = collection.ConsecutiveFailures > 0 ? InstanceState.Failing : InstanceState.Running,
        };
    }

    private void Stop(string id)
    {
        if (_running.TryRemove(id, out var running))
        {
            _scheduler.Retire(running.Job);
            _latest.Forget(id);
        }
    }

    private async void OnChanged(object? sender, EventArgs e)
    {
        try
        {
            await ReconcileAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private sealed record Running(InstanceDefinition Definition, MonitorType Type, CollectionJob Job, JsonObject Effective);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} runs plugin {Plugin} {Version} every {IntervalMs} ms")]
    private partial void LogStarted(string instanceId, string plugin, string version, double intervalMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the new config has {Errors} errors; the last valid config keeps running")]
    private partial void LogRejected(string instanceId, int errors);
}
