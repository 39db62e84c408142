using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// The first page: every instance and plugin with its state. Refreshes itself every second while open; the full
/// overview with push updates comes with the UI issue.
/// </summary>
public sealed partial class Overview : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private IReadOnlyList<InstanceStatus> _instances = [];
    private IReadOnlyList<PluginInfo> _plugins = [];

    [Inject]
    public required InstanceSupervisor Supervisor { get; init; }

    [Inject]
    public required PluginCatalog Catalog { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    /// <inheritdoc />
    public void Dispose()
    {
        _closed.Cancel();
        _closed.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized() => Refresh();

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_closed.Token))
            {
                Refresh();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private void Refresh()
    {
        _instances = Supervisor.GetInstances();
        _plugins = Catalog.GetPlugins();
    }
}
