using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;
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
    private readonly ConfigSecrets _secrets;
    private readonly CollectionOptions _options;
    private readonly ILogger<InstanceSupervisor> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<Entry> _snapshot = [];
    private bool _disposed;

    /// <summary>Creates the supervisor.</summary>
    /// <param name="config">The config store.</param>
    /// <param name="catalog">The plugin catalog.</param>
    /// <param name="scheduler">The scheduler the jobs run on.</param>
    /// <param name="latest">The latest values, forgotten when an instance stops.</param>
    /// <param name="secrets">The secret fields masked in the statuses.</param>
    /// <param name="options">Collection settings (series limit).</param>
    /// <param name="logger">The logger.</param>
    public InstanceSupervisor(ConfigStore config, PluginCatalog catalog, CollectionScheduler scheduler, LatestSamples latest,
        ConfigSecrets secrets, IOptions<CollectionOptions> options, ILogger<InstanceSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _config = config;
        _catalog = catalog;
        _scheduler = scheduler;
        _latest = latest;
        _secrets = secrets;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// Raised after each reconciliation, when <see cref="GetInstances"/> shows the new states (the config's and the
    /// catalog's own <c>Changed</c> events come before it). Handlers must return at once.
    /// </summary>
    public event EventHandler? Changed;

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
        _snapshot.FirstOrDefault(e => e.Status.Id == id) is { } entry ? WithCollection(entry) : null;

    /// <summary>Brings the running jobs in line with the current config and plugins.</summary>
    /// <param name="cancellationToken">Cancels the wait for a reconciliation in progress.</param>
    /// <returns>A task.</returns>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            var document = _config.Current;
            var statuses = new List<Entry>();
            foreach (var definition in document.Instances)
            {
                // Masked once here, so that no page or API answer built from a status can show a secret.
                var entry = await ReconcileAsync(definition).ConfigureAwait(false);
                statuses.Add(entry with { Status = entry.Status with { Config = _secrets.Mask(definition.Plugin, entry.Status.Config) } });
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

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _config.Changed -= OnChanged;
        _catalog.Changed -= OnChanged;

        // Under the gate: a reconciliation in progress must not start jobs after these are stopped.
        _gate.Wait();
        try
        {
            _disposed = true;
            foreach (var id in _running.Keys.ToList())
            {
                Stop(id);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Entry> ReconcileAsync(InstanceDefinition definition)
    {
        var status = new InstanceStatus(definition.Id, definition.Plugin, definition.Enabled, InstanceState.Invalid,
            definition.Labels, definition.Config, null, definition.Errors, null, definition.Version);
        _running.TryGetValue(definition.Id, out var current);

        if (!definition.Enabled)
        {
            Stop(definition.Id);
            return new(status with { State = InstanceState.Disabled, Message = "disabled in plugins.json" }, null);
        }

        var type = _catalog.Find(definition.Plugin);
        if (type is null)
        {
            Stop(definition.Id);
            var why = _catalog.GetPlugins().FirstOrDefault(p => p.Name == definition.Plugin) is { Error: { } error }
                ? error
                : $"no loaded plugin is named '{definition.Plugin}'";
            return new(status with { State = InstanceState.Waiting, Message = $"waiting for plugin '{definition.Plugin}': {why}" }, null);
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
                return new(status with { State = InstanceState.Invalid, ValidationErrors = errors, Message = "the config is invalid; the instance is not running" }, null);
            }

            LogRejected(definition.Id, errors.Count);
            return Report(status with
            {
                ValidationErrors = errors,
                Message = "the config as written is invalid; the last valid config keeps running",
            }, keepable);
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
                return Report(status with { Message = ex.Message + "; the last valid config keeps running" }, keepable);
            }

            Stop(definition.Id);
            return new(status with { State = InstanceState.Failing, Config = validation.Effective, Message = ex.Message }, null);
        }

        Stop(definition.Id);
        var job = new CollectionJob(monitor, settings, _options.MaxSeriesPerInstance);
        var running = new Running(definition, type, job, validation.Effective);
        _running[definition.Id] = running;
        _scheduler.Add(job);
        LogStarted(definition.Id, type.Name, type.Version, validation.Interval.TotalMilliseconds);
        return Report(status, running);
    }

    private static Entry Report(InstanceStatus status, Running running) =>
        new(status with
        {
            Plugin = running.Type.Name,
            Labels = running.Definition.Labels,
            Config = running.Effective,
            State = InstanceState.Running,
        }, running.Job);

    // The job is the one the status was reconciled with, so a read during a reconciliation stays consistent.
    private static InstanceStatus WithCollection(Entry entry)
    {
        if (entry.Job is null)
        {
            return entry.Status;
        }

        var collection = entry.Job.GetStatus();
        return entry.Status with
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
#pragma warning disable CA1031 // An event handler's failure must be logged, never crash the host.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReconcileFailed(ex);
        }
    }

    private sealed record Entry(InstanceStatus Status, CollectionJob? Job);

    private sealed record Running(InstanceDefinition Definition, MonitorType Type, CollectionJob Job, JsonObject Effective);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling the instances with the config and plugins failed; the previous state stays")]
    private partial void LogReconcileFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} runs plugin {Plugin} {Version} every {IntervalMs} ms")]
    private partial void LogStarted(string instanceId, string plugin, string version, double intervalMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: the new config has {Errors} errors; the last valid config keeps running")]
    private partial void LogRejected(string instanceId, int errors);
}
