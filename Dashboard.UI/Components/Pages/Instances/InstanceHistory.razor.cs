using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Configuration.History;
using Dashboard.Core.Configuration;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Dashboard.UI.Components.Pages.Instances;

/// <summary>
/// The kept versions of one instance, read again whenever its current version changes; a comparison (secrets masked)
/// with the current entry, and, for admins, a confirmed rollback through the same checked and audited save as an edit.
/// </summary>
public sealed partial class InstanceHistory
{
    private IReadOnlyList<InstanceVersion> _versions = [];
    private IReadOnlyList<ValidationError> _rollbackErrors = [];
    private InstanceVersion? _compared;
    private InstanceDiff? _diff;
    private string? _shownFor;

    /// <summary>The instance.</summary>
    [Parameter, EditorRequired]
    public required string InstanceId { get; set; }

    /// <summary>The version of the instance on disk now, or <see langword="null"/> when it does not exist.</summary>
    [Parameter]
    public string? CurrentVersion { get; set; }

    /// <summary>Whether to offer rollbacks (admins).</summary>
    [Parameter]
    public bool CanRollBack { get; set; }

    /// <summary>Raised after a rollback was saved.</summary>
    [Parameter]
    public EventCallback OnRolledBack { get; set; }

    /// <summary>The kept versions.</summary>
    [Inject]
    public required ConfigHistory History { get; init; }

    /// <summary>The config in force, for the current entry.</summary>
    [Inject]
    public required ConfigStore Store { get; init; }

    /// <summary>Rolls back.</summary>
    [Inject]
    public required InstanceEditor Editor { get; init; }

    /// <summary>Confirms rollbacks.</summary>
    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>Tells the outcome.</summary>
    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        var key = $"{InstanceId}@{CurrentVersion}";
        if (key == _shownFor)
        {
            return;
        }

        _shownFor = key;
        _versions = await History.ListInstanceAsync(InstanceId, CancellationToken.None);
        if (_compared is not null)
        {
            Compare(_compared);
        }
    }

    private void Compare(InstanceVersion version)
    {
        _compared = version;
        _diff = History.Compare(version.Definition, Store.Current.Instances.FirstOrDefault(i => i.Id == InstanceId));
    }

    private async Task RollBackAsync(InstanceVersion version)
    {
        var user = await AdminCheck.AdminAsync(Authentication);
        if (user is null)
        {
            return;
        }

        var what = version.Definition is null ? "remove the instance (that version did not have it)" : "put the instance back as it was";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Roll back",
            $"Roll back '{InstanceId}' to the version replaced at {version.File.ReplacedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC? This will {what}; the current version is kept in the history.",
            yesText: "Roll back", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var expected = CurrentVersion is null ? ExpectedVersion.Absent : ExpectedVersion.OneOf([CurrentVersion]);
        var result = await Editor.RollBackAsync(InstanceId, version.File.Id, expected, AuditActor.Of(user), CancellationToken.None);
        _rollbackErrors = result is EditResult.Invalid invalid ? invalid.Errors : [];
        switch (result)
        {
            case EditResult.Saved:
                Snackbar.Add($"Rolled back '{InstanceId}'.", Severity.Success);
                await OnRolledBack.InvokeAsync();
                break;
            case EditResult.Stale or EditResult.Conflict:
                Snackbar.Add("The instance changed since this page read it; nothing was rolled back. Reload first.", Severity.Warning);
                break;
            case EditResult.NotFound:
                Snackbar.Add("That version is no longer kept.", Severity.Warning);
                break;
            case EditResult.Unreadable unreadable:
                Snackbar.Add(unreadable.Message, Severity.Error);
                break;
        }
    }
}
