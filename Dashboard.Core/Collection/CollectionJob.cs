using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>
/// One configured, running monitor object and the record of its collects. Owned by the scheduler from
/// <see cref="CollectionScheduler.Add"/> until it is retired and its monitor disposed.
/// </summary>
public sealed class CollectionJob
{
    private readonly Lock _gate = new();
    private bool _running;
    private bool _retired;
    private bool _abandoned;
    private long _notBefore;
    private DateTimeOffset? _lastCollectedAt;
    private double? _lastDurationMs;
    private string? _lastError;
    private int _consecutiveFailures;
    private long _collects;
    private long _failures;
    private long _skipped;
    private int _lastSampleCount;

    /// <summary>Creates the job of a configured monitor.</summary>
    /// <param name="monitor">The monitor, already configured.</param>
    /// <param name="settings">The settings it was configured with.</param>
    /// <param name="maxSeries">The instance's series limit.</param>
    public CollectionJob(IMonitor monitor, MonitorSettings settings, int maxSeries)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Monitor = monitor;
        Settings = settings;
        Writer = new InstanceSampleWriter(settings.InstanceId, new SeriesTable(settings.Labels, maxSeries));
    }

    /// <summary>The instance id.</summary>
    public string InstanceId => Settings.InstanceId;

    /// <summary>The configured monitor.</summary>
    public IMonitor Monitor { get; }

    /// <summary>The settings the monitor was configured with.</summary>
    public MonitorSettings Settings { get; }

    /// <summary>Where its collects write.</summary>
    public InstanceSampleWriter Writer { get; }

    /// <summary>Whether the job was retired (config change, removal, plugin unload).</summary>
    public bool IsRetired
    {
        get
        {
            lock (_gate)
            {
                return _retired;
            }
        }
    }

    /// <summary>
    /// Claims the tick at <paramref name="now"/>. Fails while backing off, while a run (even an abandoned one) is
    /// still going, or once retired.
    /// </summary>
    /// <param name="now">The scheduler's monotonic timestamp.</param>
    /// <returns>Whether the caller may run a collect now.</returns>
    internal bool TryBeginRun(long now)
    {
        lock (_gate)
        {
            if (_retired || now < _notBefore)
            {
                return false;
            }

            if (_running)
            {
                _skipped++;
                return false;
            }

            _running = true;
            _abandoned = false;
            return true;
        }
    }

    /// <summary>Ends a run.</summary>
    /// <returns>Whether the job was retired meanwhile, so the caller must dispose the monitor.</returns>
    internal bool EndRun()
    {
        lock (_gate)
        {
            _running = false;
            return _retired;
        }
    }

    /// <summary>Stops the job from running again.</summary>
    /// <returns>Whether no run is in progress, so the caller must dispose the monitor now.</returns>
    internal bool Retire()
    {
        // Its table too, so a batch still on its way to the consumers is known to be stale.
        Writer.Table.Retire();
        lock (_gate)
        {
            var first = !_retired;
            _retired = true;
            return first && !_running;
        }
    }

    /// <summary>No tick before <paramref name="notBefore"/> (a monotonic timestamp) will run.</summary>
    internal void BackOffUntil(long notBefore)
    {
        lock (_gate)
        {
            _notBefore = notBefore;
        }
    }

    internal void RecordSuccess(DateTimeOffset startedAt, double durationMs, int samples)
    {
        lock (_gate)
        {
            _lastCollectedAt = startedAt;
            _lastDurationMs = durationMs;
            _lastError = null;
            _consecutiveFailures = 0;
            _collects++;
            _lastSampleCount = samples;
        }
    }

    /// <returns>The number of consecutive failures, this one included.</returns>
    internal int RecordFailure(double durationMs, string error, bool abandoned)
    {
        lock (_gate)
        {
            _lastDurationMs = durationMs;
            _lastError = error;
            _abandoned = abandoned;
            _failures++;
            return ++_consecutiveFailures;
        }
    }

    /// <summary>The record of its collects so far.</summary>
    /// <returns>A snapshot.</returns>
    public CollectionStatus GetStatus()
    {
        var table = Writer.Table;
        lock (_gate)
        {
            var error = _running && _abandoned
                ? _lastError + " The abandoned collect is still running; ticks are skipped until it returns."
                : _lastError;
            return new CollectionStatus(_lastCollectedAt, _lastDurationMs, error, _consecutiveFailures, _collects,
                _failures, _skipped, _lastSampleCount, table.Count, table.RefusedOverLimit + table.RefusedInvalid,
                table.LastRefusal);
        }
    }
}
