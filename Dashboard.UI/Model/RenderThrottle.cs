namespace Dashboard.UI.Model;

/// <summary>
/// Coalesces change notices into at most one render per interval: a notice while a render is already due adds
/// nothing; a notice sooner than the interval after the last render waits for the rest of it. Live pages call
/// <see cref="Request"/> from engine events (any thread), so a burst of collects costs one render.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Func<Task> _render;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private long _lastRender;
    private bool _rendered;
    private bool _pending;
    private bool _disposed;

    /// <summary>Creates the throttle.</summary>
    /// <param name="interval">The least time between two renders.</param>
    /// <param name="time">The clock.</param>
    /// <param name="render">Renders (the page's <c>InvokeAsync(StateHasChanged)</c>); must not throw.</param>
    public RenderThrottle(TimeSpan interval, TimeProvider time, Func<Task> render)
    {
        ArgumentNullException.ThrowIfNull(time);
        _interval = interval;
        _time = time;
        _render = render;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Renders now if the last render is at least an interval old, else once when it is.</summary>
    public void Request()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_pending || _disposed)
            {
                return;
            }

            _pending = true;
            wait = _rendered ? _interval - _time.GetElapsedTime(_lastRender) : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Fire();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed || !_pending)
            {
                return;
            }

            _pending = false;
            _rendered = true;
            _lastRender = _time.GetTimestamp();
        }

        _ = _render();
    }
}
