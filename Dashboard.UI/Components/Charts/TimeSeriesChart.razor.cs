using Dashboard.Core.Collection;
using Dashboard.UI.Components.TimeRange;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.UI.Components.Charts;

/// <summary>
/// A uPlot chart of one or more PromQL queries over a range. The browser fetches the (M4-decimated) data itself from
/// <c>api/v1/query_range</c>, so only the spec crosses the circuit. Live, it slides with the clock: each stored collect
/// (<see cref="CollectFeed"/>) fetches again, at most <see cref="LiveInterval"/> apart. Dragging across the plot zooms:
/// <see cref="RangeChanged"/> gets the absolute range selected.
/// </summary>
public sealed partial class TimeSeriesChart : IAsyncDisposable
{
    /// <summary>The shortest time between two live refreshes of one chart.</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource _closed = new();
    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<TimeSeriesChart>? _self;
    private (string Queries, ChartRange Range, bool Live)? _drawn;
    private bool _subscribed;
    private int _livePending;
    private DateTimeOffset _lastLive;
    private string? _error;
    private int? _seriesCount;

    /// <summary>The PromQL expressions drawn, one or more.</summary>
    [Parameter]
    [EditorRequired]
    public required IReadOnlyList<string> Queries { get; set; }

    /// <summary>The range shown.</summary>
    [Parameter]
    [EditorRequired]
    public required ChartRange Range { get; set; }

    /// <summary>Whether a relative range slides as collects arrive.</summary>
    [Parameter]
    public bool Live { get; set; }

    /// <summary>Raised with the absolute range the user dragged across.</summary>
    [Parameter]
    public EventCallback<ChartRange> RangeChanged { get; set; }

    /// <summary>Raised when a fetch fails (the query's error) or succeeds again (null).</summary>
    [Parameter]
    public EventCallback<string?> ErrorChanged { get; set; }

    /// <summary>What a screen reader announces for the chart.</summary>
    [Parameter]
    public string AriaLabel { get; set; } = "Chart";

    /// <summary>Stored collects, which refresh a live chart.</summary>
    [Inject]
    public required CollectFeed Feed { get; init; }

    /// <summary>The clock relative ranges end at.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    private IJSRuntime JS { get; init; } = default!;

    /// <summary>Called by js/chart.js after a drag across the plot.</summary>
    [JSInvokable]
    public Task OnZoomed(long fromMs, long toMs) => toMs <= fromMs
        ? Task.CompletedTask
        : RangeChanged.InvokeAsync(ChartRange.Between(DateTimeOffset.FromUnixTimeMilliseconds(fromMs), DateTimeOffset.FromUnixTimeMilliseconds(toMs), Range.Zone));

    /// <summary>Called by js/chart.js after each fetch: the query's error, or null and how many series came.</summary>
    [JSInvokable]
    public async Task OnFetched(string? error, int seriesCount)
    {
        var changed = error != _error;
        if (!changed && seriesCount == _seriesCount)
        {
            return;
        }

        _error = error;
        _seriesCount = error is null ? seriesCount : null;
        StateHasChanged();
        if (changed)
        {
            await ErrorChanged.InvokeAsync(error);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Subscribe(false);
        await _closed.CancelAsync();
        _closed.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("destroy", _element);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone, and the chart with it.
            }
        }

        _self?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnParametersSet() => Subscribe(Live && Range.IsRelative);

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var wanted = (string.Join('\n', Queries), Range, Live);
        if (_drawn == wanted)
        {
            return;
        }

        _drawn = wanted;
        try
        {
            if (firstRender)
            {
                _self = DotNetObjectReference.Create(this);
                _module = await JS.InvokeAsync<IJSObjectReference>("import", _closed.Token, "./_content/Dashboard.UI/js/chart.js");
                await _module.InvokeVoidAsync("create", _closed.Token, _element, _self, Spec());
            }
            else if (_module is not null)
            {
                await _module.InvokeVoidAsync("update", _closed.Token, _element, Spec());
            }
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException)
        {
            // The page was closed meanwhile.
        }
    }

    private ChartSpec Spec()
    {
        var (start, end) = Range.Resolve(Time.GetUtcNow());
        return new ChartSpec(Queries, start, end, Range.Zone == ChartTimeZone.Utc, Live && Range.IsRelative);
    }

    private void Subscribe(bool live)
    {
        if (live == _subscribed)
        {
            return;
        }

        _subscribed = live;
        if (live)
        {
            Feed.Collected += OnCollected;
        }
        else
        {
            Feed.Collected -= OnCollected;
        }
    }

    // On the ingest loop: hand off at once, and coalesce the collects of one interval into one refresh.
    private void OnCollected(object? sender, CollectNotice notice)
    {
        if (Interlocked.Exchange(ref _livePending, 1) == 0)
        {
            _ = RefreshLiveAsync();
        }
    }

    private async Task RefreshLiveAsync()
    {
        try
        {
            var wait = _lastLive + LiveInterval - Time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Time, _closed.Token);
            }

            Volatile.Write(ref _livePending, 0);
            _lastLive = Time.GetUtcNow();
            await InvokeAsync(async () =>
            {
                if (_module is not null && _subscribed)
                {
                    await _module.InvokeVoidAsync("update", _closed.Token, _element, Spec());
                }
            });
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
        {
            // The page was closed meanwhile.
        }
    }
}
