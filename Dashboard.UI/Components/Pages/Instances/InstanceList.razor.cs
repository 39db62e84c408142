using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Configuration;
using Dashboard.Core.Instances;
using Dashboard.Core.Plugins;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.UI.Components.Pages.Instances;

/// <summary>
/// Every configured instance with its state, interval and last error, live; admins create one (choosing its plugin)
/// or delete one, confirmed, against the version shown (a removal of an instance changed meanwhile is refused).
/// </summary>
public sealed partial class InstanceList : IDisposable
{
    private IReadOnlyList<InstanceStatus> _instances = [];
    private IReadOnlyList<string> _plugins = [];
    private RenderThrottle? _throttle;

    /// <summary>The instances.</summary>
    [Inject]
    public required InstanceSupervisor Supervisor { get; init; }

    /// <summary>The plugins a new instance may run.</summary>
    [Inject]
    public required PluginCatalog Catalog { get; init; }

    /// <summary>Config changes, to refresh.</summary>
    [Inject]
    public required ConfigStore Store { get; init; }

    /// <summary>Collects, to refresh.</summary>
    [Inject]
    public required CollectFeed Feed { get; init; }

    /// <summary>Removes instances.</summary>
    [Inject]
    public required InstanceEditor Editor { get; init; }

    /// <summary>Confirms removals.</summary>
    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>Tells the outcome.</summary>
    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>The clock of the refresh throttle.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        Store.Changed -= OnChanged;
        Catalog.Changed -= OnChanged;
        Feed.Collected -= OnCollected;
        _throttle?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Refresh();
        _throttle = new RenderThrottle(TimeSpan.FromSeconds(1), Time, () => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }));
        Store.Changed += OnChanged;
        Catalog.Changed += OnChanged;
        Feed.Collected += OnCollected;
    }

    private static string Interval(InstanceStatus status) =>
        status.Config["interval_ms"] is { } ms && ms.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? $"{ms.GetValue<double>().ToString(CultureInfo.InvariantCulture)} ms" : "–";

    private void Refresh()
    {
        _instances = Supervisor.GetInstances();
        _plugins = [.. Catalog.GetPlugins().Where(p => p.State == PluginState.Loaded).Select(p => p.Name).Distinct().Order(StringComparer.Ordinal)];
    }

    private void OnChanged(object? sender, EventArgs e) => _throttle?.Request();

    private void OnCollected(object? sender, CollectNotice notice) => _throttle?.Request();

    private async Task DeleteAsync(InstanceStatus instance)
    {
        var user = await AdminCheck.AdminAsync(Authentication);
        if (user is null)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete instance",
            $"Delete instance '{instance.Id}' ({instance.Plugin})? It stops collecting and its entry leaves plugins.json; the previous file is kept in the history.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var result = await Editor.DeleteAsync(instance.Id, ExpectedVersion.OneOf([instance.Version]), AuditActor.Of(user), CancellationToken.None);
        switch (result)
        {
            case EditResult.Saved:
                Snackbar.Add($"Instance '{instance.Id}' deleted.", Severity.Success);
                break;
            case EditResult.Stale or EditResult.Conflict:
                Snackbar.Add($"Instance '{instance.Id}' changed since this page showed it; nothing was deleted. Look at it again first.", Severity.Warning);
                break;
            case EditResult.NotFound:
                Snackbar.Add($"Instance '{instance.Id}' was already removed.", Severity.Info);
                break;
            case EditResult.Unreadable unreadable:
                Snackbar.Add(unreadable.Message, Severity.Error);
                break;
        }

        Refresh();
    }
}
