using Dashboard.Core.Audit;
using Dashboard.UI.Components.Dashboards;
using Dashboard.UI.Components.TimeRange;
using Dashboard.UI.Interop;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// One board: its panels under a shared time range (in the URL as on the explorer: <c>range</c>, <c>from</c>/<c>to</c>,
/// <c>tz</c>, <c>live</c>), its JSON to download, and for admins a copy saved under a new title.
/// </summary>
public sealed partial class BoardPage
{
    private BoardListing? _listing;
    private ChartRange _range = ChartRange.Default;
    private bool _live;
    private TimeSpan _localOffset;
    private bool _savingCopy;
    private string? _copyTitle;
    private string? _copyError;

    /// <summary>The board's id.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    /// <summary>A relative range (<c>range</c>).</summary>
    [SupplyParameterFromQuery(Name = ChartRange.RangeParameter)]
    public string? Range { get; set; }

    /// <summary>An absolute range's start (<c>from</c>).</summary>
    [SupplyParameterFromQuery(Name = ChartRange.FromParameter)]
    public string? From { get; set; }

    /// <summary>An absolute range's end (<c>to</c>).</summary>
    [SupplyParameterFromQuery(Name = ChartRange.ToParameter)]
    public string? To { get; set; }

    /// <summary>The time zone (<c>tz</c>).</summary>
    [SupplyParameterFromQuery(Name = ChartRange.ZoneParameter)]
    public string? Zone { get; set; }

    /// <summary>Live mode (<c>live=1</c>).</summary>
    [SupplyParameterFromQuery(Name = "live")]
    public string? Live { get; set; }

    /// <summary>The boards.</summary>
    [Inject]
    public required BoardStore Store { get; init; }

    /// <summary>Where saved copies are recorded.</summary>
    [Inject]
    public required IAuditLog Audit { get; init; }

    /// <summary>Tells the admin a copy was saved.</summary>
    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>Where the URL is changed.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The signed-in user, whose role saving needs.</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>The browser's UTC offset, for local times.</summary>
    [Inject]
    public required BrowserClock Clock { get; init; }

    [Inject]
    private IJSRuntime JS { get; init; } = default!;

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _listing = Store.Find(Id);
        var range = string.IsNullOrEmpty(Range) && string.IsNullOrEmpty(From) && string.IsNullOrEmpty(To)
            ? _listing?.Board?.Range
            : Range;
        ChartRange.TryParse(range, From, To, Zone, out _range, out _);
        _live = _range.IsRelative && Live is "1" or "true";
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await Clock.LocalOffsetAsync() is { } offset)
        {
            _localOffset = offset;
            StateHasChanged();
        }
    }

    private void SetRange(ChartRange range) => Show(range, _live && range.IsRelative);

    private void SetLive(bool live) => Show(_range, live);

    private void Show(ChartRange range, bool live)
    {
        _range = range;
        _live = live;
        var query = new Dictionary<string, object?>(range.ToQuery()) { ["live"] = live ? "1" : null };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private async Task ExportAsync()
    {
        if (_listing?.Board is not { } board)
        {
            return;
        }

        await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./_content/Dashboard.UI/js/download.js");
        await module.InvokeVoidAsync("saveText", $"{board.Id}.json", BoardJson.Write(board), "application/json");
    }

    private async Task SaveCopyAsync()
    {
        if (_listing?.Board is not { } board)
        {
            return;
        }

        if (await AdminCheck.AdminAsync(Authentication) is not { } user)
        {
            _copyError = "only an admin may save a board";
            return;
        }

        var title = _copyTitle?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > 100)
        {
            _copyError = "give the copy a title of 1 to 100 characters";
            return;
        }

        var copy = board with { Id = Store.NewId(title), Title = title };
        await Store.SaveAsync(copy, CancellationToken.None);
        Audit.Record(new AuditEntry(AuditActor.Of(user), AuditActions.DashboardSave, copy.Id, $"copied from {board.Id}"));
        Snackbar.Add($"Saved \"{title}\"", Severity.Success);
        _savingCopy = false;
        _copyError = null;
        Navigation.NavigateTo($"dashboards/{copy.Id}");
    }
}
