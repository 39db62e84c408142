using Dashboard.UI.Components.Explorer;
using Dashboard.UI.Components.TimeRange;
using Dashboard.UI.Interop;
using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.Pages;

/// <summary>
/// The metrics explorer: queries built from a metric and label filters or typed in PromQL, charted over a range,
/// optionally live. The URL holds the whole state (<see cref="ExplorerState"/>): each change replaces it (no history
/// entry per keystroke), and opening a URL restores the chart.
/// </summary>
public sealed partial class Explorer
{
    private ExplorerState _state = new([], ChartRange.Default, live: false);
    private List<QueryRow> _rows = [new("")];
    private int _nextRowId = 1;
    private string? _urlError;
    private TimeSpan _localOffset;

    /// <summary>The queries (<c>q</c>, repeated).</summary>
    [SupplyParameterFromQuery(Name = ExplorerState.QueryParameter)]
    public string[]? Queries { get; set; }

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
    [SupplyParameterFromQuery(Name = ExplorerState.LiveParameter)]
    public string? Live { get; set; }

    /// <summary>Where the URL is changed.</summary>
    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The browser's UTC offset, for local times.</summary>
    [Inject]
    public required BrowserClock Clock { get; init; }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var state = ExplorerState.Parse(Queries, Range, From, To, Zone, Live, out _urlError);
        if (state.Equals(_state))
        {
            return;
        }

        _state = state;
        _rows = [.. state.Queries.Select(q => new QueryRow(q) { Id = _nextRowId++ })];
        if (_rows.Count == 0)
        {
            _rows.Add(new QueryRow("") { Id = _nextRowId++ });
        }
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

    private void AddQuery() => _rows.Add(new QueryRow("") { Id = _nextRowId++ });

    private void SetQuery(int index, string text)
    {
        _rows[index].Text = text;
        Show(new ExplorerState([.. _rows.Select(r => r.Text)], _state.Range, _state.Live));
    }

    private void RemoveQuery(int index)
    {
        _rows.RemoveAt(index);
        Show(new ExplorerState([.. _rows.Select(r => r.Text)], _state.Range, _state.Live));
    }

    private void UseSelector(string selector)
    {
        // The builder fills the first empty row, else the last one.
        var row = _rows.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Text)) ?? _rows[^1];
        row.Text = selector;
        Show(new ExplorerState([.. _rows.Select(r => r.Text)], _state.Range, _state.Live));
    }

    private void SetRange(ChartRange range) => Show(new ExplorerState(_state.Queries, range, _state.Live && range.IsRelative));

    private void SetLive(bool live) => Show(new ExplorerState(_state.Queries, _state.Range, live));

    private void Show(ExplorerState state)
    {
        _state = state;
        _urlError = null;
        Navigation.NavigateTo(state.ToRelativeUri(), new NavigationOptions { ReplaceHistoryEntry = true });
    }

    /// <summary>One query field: its committed text and a stable key, so removing a row keeps the others' typing.</summary>
    private sealed class QueryRow(string text)
    {
        public int Id { get; init; }

        public string Text { get; set; } = text;
    }
}
