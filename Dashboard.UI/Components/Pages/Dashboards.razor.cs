using Dashboard.Core.Audit;
using Dashboard.UI.Components.Dashboards;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.UI.Components.Pages;

/// <summary>The boards: built-in and saved ones (a broken file listed with its error), and, for admins, import.</summary>
public sealed partial class Dashboards
{
    private IReadOnlyList<BoardListing> _listings = [];
    private IReadOnlyList<string> _importErrors = [];
    private string? _importName;

    /// <summary>The boards.</summary>
    [Inject]
    public required BoardStore Store { get; init; }

    /// <summary>Where imports are recorded.</summary>
    [Inject]
    public required IAuditLog Audit { get; init; }

    /// <summary>Tells the admin an import worked.</summary>
    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>Where an imported board is opened.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The signed-in user, whose role import needs.</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    /// <inheritdoc />
    protected override void OnInitialized() => _listings = Store.List();

    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        _importName = file.Name;
        if (await AdminCheck.AdminAsync(Authentication) is not { } user)
        {
            _importErrors = ["only an admin may import a board"];
            return;
        }

        if (file.Size > BoardStore.MaxBytes)
        {
            _importErrors = [$"the file is larger than {BoardStore.MaxBytes / 1024} KiB"];
            return;
        }

        string json;
        using (var reader = new StreamReader(file.OpenReadStream(BoardStore.MaxBytes)))
        {
            json = await reader.ReadToEndAsync();
        }

        if (Store.ReadImport(json, out var errors) is not { } board)
        {
            _importErrors = errors;
            return;
        }

        _importErrors = [];
        await Store.SaveAsync(board, CancellationToken.None);
        Audit.Record(new AuditEntry(AuditActor.Of(user), AuditActions.DashboardSave, board.Id, $"imported from {file.Name}"));
        Snackbar.Add($"Imported \"{board.Title}\"", Severity.Success);
        Navigation.NavigateTo($"dashboards/{board.Id}");
    }
}
