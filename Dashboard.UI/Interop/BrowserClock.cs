using Microsoft.JSInterop;

namespace Dashboard.UI.Interop;

/// <summary>
/// The browser's offset from UTC, read once per circuit: "local" time on charts and range pickers is the browser's,
/// not the server's. Scoped, so each circuit asks its own browser and releases the module when it ends.
/// </summary>
public sealed class BrowserClock(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private TimeSpan? _offset;

    /// <summary>The browser's UTC offset, or null when the browser left before answering.</summary>
    public async Task<TimeSpan?> LocalOffsetAsync()
    {
        if (_offset is { } known)
        {
            return known;
        }

        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./_content/Dashboard.UI/js/chart.js");
            _offset = TimeSpan.FromMinutes(await _module.InvokeAsync<int>("utcOffsetMinutes"));
            return _offset;
        }
        catch (JSDisconnectedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone; so is the module.
        }
    }
}
