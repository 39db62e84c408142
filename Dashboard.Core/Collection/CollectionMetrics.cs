using System.Diagnostics.Metrics;

namespace Dashboard.Core.Collection;

/// <summary>The scheduler's own measurements, on the <c>Dashboard.Collection</c> meter.</summary>
public sealed class CollectionMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Dashboard.Collection";

    // From a millisecond (an in-process read) to the default 5 s timeout and past it.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

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
        _lateness = _meter.CreateHistogram("dashboard.collection.lateness", "s",
            "How long after its due time a collect started.", advice: SecondsBuckets);
        _duration = _meter.CreateHistogram("dashboard.collection.duration", "s",
            "How long collects took.", advice: SecondsBuckets);
        _failures = _meter.CreateCounter<long>("dashboard.collection.failures", "{collect}",
            "Collects that threw, timed out or were abandoned.");
    }

    /// <summary>Publishes the channel's drop counts as observable counters.</summary>
    /// <param name="channel">The channel between the scheduler and the consumers.</param>
    internal void Observe(SampleChannel channel)
    {
        _meter.CreateObservableCounter("dashboard.collection.batches.dropped", () => channel.DroppedBatches, "{batch}",
            "Collected batches dropped because the consumers (store, remote write) fell behind.");
        _meter.CreateObservableCounter("dashboard.collection.samples.dropped", () => channel.DroppedSamples, "{sample}",
            "Samples in those batches.");
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
