using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>
/// The <see cref="ISampleWriter"/> one instance's collects write into: it resolves each write to an interned
/// <see cref="Series"/> and appends it to the current <see cref="SampleBatch"/>.
/// </summary>
public sealed class InstanceSampleWriter : ISampleWriter
{
    private readonly string _instanceId;
    private SampleBatch? _batch;
    private long _defaultTimestampMs;
    private int _lastCount = 16;

    // Where a metrics class's values are read to before they are written; reused, grown to the largest class seen.
    private double[] _values = [];
    private bool[] _present = [];

    /// <summary>Creates the writer of one instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="table">The instance's series.</param>
    public InstanceSampleWriter(string instanceId, SeriesTable table)
    {
        _instanceId = instanceId;
        Table = table;
    }

    /// <summary>The instance's series.</summary>
    public SeriesTable Table { get; }

    /// <summary>Starts the batch of a collect that started at <paramref name="collectedAt"/>.</summary>
    /// <param name="collectedAt">The collect's start; the default timestamp of its samples.</param>
    public void Begin(DateTimeOffset collectedAt)
    {
        _defaultTimestampMs = collectedAt.ToUnixTimeMilliseconds();
        _batch = new SampleBatch(_instanceId, Table, collectedAt, _lastCount);
    }

    /// <inheritdoc />
    public void Write(string metric, MetricKind kind, ReadOnlySpan<Label> labels, double value, DateTimeOffset? timestamp = null)
    {
        var batch = _batch ?? throw new InvalidOperationException(
            "The sample writer is only valid while CollectAsync runs; this collect has completed or was abandoned.");
        var series = Table.Resolve(metric, kind, labels);
        if (series is not null)
        {
            batch.Add(series, timestamp?.ToUnixTimeMilliseconds() ?? _defaultTimestampMs, value);
        }
    }

    /// <inheritdoc />
    /// <exception cref="MetricDeclarationException">The class's declarations break the naming rules.</exception>
    public void Write<T>(T metrics, ReadOnlySpan<Label> labels = default, DateTimeOffset? timestamp = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var batch = _batch ?? throw new InvalidOperationException(
            "The sample writer is only valid while CollectAsync runs; this collect has completed or was abandoned.");

        // The object's own class, not T: a subclass may declare more.
        var compiled = MetricClasses.For(metrics.GetType());
        var declared = compiled.Declared;
        if (_values.Length < declared.Length)
        {
            _values = new double[declared.Length];
            _present = new bool[declared.Length];
        }

        var values = _values;
        var present = _present;
        compiled.Read(metrics, values, present);
        var timestampMs = timestamp?.ToUnixTimeMilliseconds() ?? _defaultTimestampMs;
        for (var i = 0; i < declared.Length; i++)
        {
            if (present[i] && Table.Resolve(declared[i].Name, declared[i].Kind, labels) is { } series)
            {
                batch.Add(series, timestampMs, values[i]);
            }
        }
    }

    /// <summary>Ends the collect and hands over its batch.</summary>
    /// <returns>The batch, now owned by the caller.</returns>
    public SampleBatch Complete()
    {
        var batch = _batch ?? throw new InvalidOperationException("No collect is in progress.");
        _batch = null;
        _lastCount = Math.Max(batch.Count, 16);
        return batch;
    }

    /// <summary>Ends a failed collect and drops what it wrote.</summary>
    public void Discard() => Interlocked.Exchange(ref _batch, null)?.Release();

    /// <summary>
    /// Ends an abandoned collect. Its batch is not returned to the pool: the plugin may still be writing into it.
    /// </summary>
    public void Abandon() => _batch = null;
}
