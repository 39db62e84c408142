namespace Dashboard.UI.Model.Instances;

/// <summary>
/// Coalesces render requests from live events (collects, config changes) into at most one render per interval, so a
/// busy host does not flood a circuit.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly ITimer _timer;
    private readonly TimeSpan _interval;
    private readonly Func<Task> _render;
    private int _pending;

    /// <summary>Creates the throttle.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="interval">The least time between two renders.</param>
    /// <param name="render">Renders (e.g. <c>() => InvokeAsync(StateHasChanged)</c>).</param>
    public RenderThrottle(TimeProvider time, TimeSpan interval, Func<Task> render)
    {
        ArgumentNullException.ThrowIfNull(time);
        _interval = interval;
        _render = render;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Asks for a render: the first request of an interval schedules one at its end; later ones join it.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        Volatile.Write(ref _pending, 0);
        _ = _render();
    }
}
