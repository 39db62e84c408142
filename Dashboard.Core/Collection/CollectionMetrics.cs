using System.Diagnostics.Metrics;

namespace Dashboard.Core.Collection;

/// <summary>The scheduler's own measurements, on the <c>Dashboard.Collection</c> meter.</summary>
public sealed class CollectionMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Dashboard.Collection";

    private readonly Meter _meter;
    private readonly Histogram<double> _lateness;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public CollectionMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _lateness = _meter.CreateHistogram<double>("dashboard.collection.lateness", "s",
            "How long after its due time a collect started.");
        _duration = _meter.CreateHistogram<double>("dashboard.collection.duration", "s",
            "How long collects took.");
        _failures = _meter.CreateCounter<long>("dashboard.collection.failures", "{collect}",
            "Collects that threw, timed out or were abandoned.");
    }

    internal void RecordLateness(TimeSpan lateness) => _lateness.Record(Math.Max(0, lateness.TotalSeconds));

    internal void RecordCollect(CollectionJob job, TimeSpan duration, bool failed)
    {
        var instance = new KeyValuePair<string, object?>("instance", job.InstanceId);
        _duration.Record(duration.TotalSeconds, instance);
        if (failed)
        {
            _failures.Add(1, instance);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
