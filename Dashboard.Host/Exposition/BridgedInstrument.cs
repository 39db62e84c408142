using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Dashboard.Host.Exposition;

/// <summary>
/// One of our <see cref="Instrument"/>s mirrored as a prometheus-net metric. The Prometheus family needs its label
/// names up front, so it is made at the first measurement, from that measurement's tag keys; a later tag with another
/// key is dropped and a missing one exposed as empty. Our instruments keep one tag set each, so neither happens.
/// </summary>
internal sealed class BridgedInstrument(Instrument instrument, IMetricFactory factory)
{
    private readonly Lock _gate = new();
    private object? _metric;
    private string[] _tagKeys = [];

    /// <summary>The instrument mirrored.</summary>
    public Instrument Instrument { get; } = instrument;

    /// <summary>Applies one measurement.</summary>
    /// <param name="value">The measured value.</param>
    /// <param name="tags">Its tags.</param>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var metric = _metric ?? Create(tags);
        var labels = LabelValues(tags);
        switch (metric)
        {
            case Counter counter when Instrument.IsObservable:
                counter.WithLabels(labels).IncTo(value);
                break;
            case Counter counter:
                counter.WithLabels(labels).Inc(value);
                break;
            case Gauge gauge when Instrument.IsObservable:
                gauge.WithLabels(labels).Set(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(labels).Inc(value);
                break;
            case Histogram histogram:
                histogram.WithLabels(labels).Observe(value);
                break;
        }
    }

    private object Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            if (_metric is { } made)
            {
                return made;
            }

            var keys = new string[tags.Length];
            for (var i = 0; i < tags.Length; i++)
            {
                keys[i] = tags[i].Key;
            }

            Array.Sort(keys, StringComparer.Ordinal);
            var labelNames = Array.ConvertAll(keys, PrometheusNames.Label);
            var name = PrometheusNames.For(Instrument);
            var help = string.IsNullOrEmpty(Instrument.Description) ? Instrument.Name : Instrument.Description;
            object metric = Instrument switch
            {
                _ when PrometheusNames.IsCounter(Instrument) => factory.CreateCounter(name, help, labelNames),
                Histogram<double> or Histogram<long> or Histogram<int> => factory.CreateHistogram(name, help, labelNames,
                    new HistogramConfiguration { Buckets = Buckets(Instrument) }),
                _ => factory.CreateGauge(name, help, labelNames),
            };
            _tagKeys = keys;
            Volatile.Write(ref _metric, metric);
            return metric;
        }
    }

    private string[] LabelValues(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var keys = _tagKeys;
        if (keys.Length == 0)
        {
            return [];
        }

        var values = new string[keys.Length];
        Array.Fill(values, string.Empty);
        foreach (var (key, value) in tags)
        {
            var at = Array.BinarySearch(keys, key, StringComparer.Ordinal);
            if (at >= 0)
            {
                values[at] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return values;
    }

    private static double[] Buckets(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => Prometheus.Histogram.ExponentialBuckets(0.001, 2, 16),
    };
}
