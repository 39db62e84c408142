using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.UI.Live;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// The first page: host health, plugins that failed to load and why, and every instance with its state, last collect
/// and key metric. Live by push: collects, reconciliations and plugin changes ask for a render, at most one a second.
/// </summary>
public sealed partial class Overview : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromSeconds(1);

    // A failed collect and the passing of time ("3 s ago") raise no event, so a slow clock renders them when no
    // collect does (every instance failing or disabled).
    private static readonly TimeSpan ClockInterval = TimeSpan.FromSeconds(5);

    private RenderThrottle? _throttle;
    private ITimer? _clock;
    private IReadOnlyList<InstanceRow> _rows = [];
    private IReadOnlyList<PluginInfo> _failedPlugins = [];
    private HostHealthSnapshot _health = null!;
    private DateTimeOffset _now;

    /// <summary>The instances and their states.</summary>
    [Inject]
    public required InstanceSupervisor Supervisor { get; init; }

    /// <summary>The plugins.</summary>
    [Inject]
    public required PluginCatalog Catalog { get; init; }

    /// <summary>The config, whose edits change the instances.</summary>
    [Inject]
    public required ConfigStore Config { get; init; }

    /// <summary>Tells when a collect was stored.</summary>
    [Inject]
    public required CollectFeed Feed { get; init; }

    /// <summary>The key metrics' recent values.</summary>
    [Inject]
    public required InstanceSparklines Sparklines { get; init; }

    /// <summary>The host's figures.</summary>
    [Inject]
    public required HostHealth Health { get; init; }

    /// <summary>The clock.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    /// <inheritdoc />
    public void Dispose()
    {
        Feed.Collected -= OnCollected;
        Supervisor.Changed -= OnChanged;
        Catalog.Changed -= OnChanged;
        Config.Changed -= OnChanged;
        _clock?.Dispose();
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _throttle = new RenderThrottle(RenderInterval, Time, RefreshAsync);
        Feed.Collected += OnCollected;
        Supervisor.Changed += OnChanged;
        Catalog.Changed += OnChanged;
        Config.Changed += OnChanged;
        _clock = Time.CreateTimer(_ => _throttle.Request(), null, ClockInterval, ClockInterval);
    }

    private void OnCollected(object? sender, CollectNotice notice) => _throttle?.Request();

    private void OnChanged(object? sender, EventArgs e) => _throttle?.Request();

    private async Task RefreshAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed between the notice and the render.
        }
    }

    private async Task LoadAsync()
    {
        var instances = Supervisor.GetInstances();
        Sparklines.Retain([.. instances.Select(i => i.Id)]);
        var sparks = instances.Select(Sparklines.Get).ToList();
        await Task.WhenAll(sparks.OfType<Task<InstanceSparkline>>());
        _rows = [.. instances.Select((instance, i) => new InstanceRow(instance, sparks[i]?.Result))];
        _failedPlugins = [.. Catalog.GetPlugins().Where(p => p.State == PluginState.Failed)];
        _health = Health.Read();
        _now = Time.GetUtcNow();
    }

    private sealed record InstanceRow(InstanceStatus Status, InstanceSparkline? Spark);
}
