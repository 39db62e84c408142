using Dashboard.Abstractions;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// The samples of one scrape of one target, held until the scrape has succeeded (a failed scrape writes none of them,
/// as in Prometheus) and the collect writes them. The arrays are reused scrape after scrape.
/// </summary>
internal sealed class ScrapedSamples
{
    /// <summary>Marks a sample without a timestamp of its own: it is written at the collect's time.</summary>
    public const long NoTimestamp = long.MinValue;

    private SeriesEntry[] _series = new SeriesEntry[256];
    private MetricKind[] _kinds = new MetricKind[256];
    private double[] _values = new double[256];
    private long[] _timestamps = new long[256];

    /// <summary>How many samples the scrape holds.</summary>
    public int Count { get; private set; }

    public SeriesEntry Series(int index) => _series[index];

    public MetricKind Kind(int index) => _kinds[index];

    public double Value(int index) => _values[index];

    /// <summary>The sample's timestamp in Unix milliseconds, or <see cref="NoTimestamp"/>.</summary>
    public long Timestamp(int index) => _timestamps[index];

    public void Add(SeriesEntry series, MetricKind kind, double value, long timestampMs)
    {
        if (Count == _series.Length)
        {
            Grow();
        }

        _series[Count] = series;
        _kinds[Count] = kind;
        _values[Count] = value;
        _timestamps[Count] = timestampMs;
        Count++;
    }

    /// <summary>Empties the buffer, keeping its arrays.</summary>
    public void Clear() => Count = 0;

    /// <summary>Writes every sample, in the order scraped.</summary>
    public void WriteTo(ISampleWriter writer)
    {
        for (var i = 0; i < Count; i++)
        {
            var series = _series[i];
            var timestamp = _timestamps[i] == NoTimestamp ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(_timestamps[i]);
            writer.Write(series.Metric, _kinds[i], series.Labels, _values[i], timestamp);
        }
    }

    private void Grow()
    {
        var size = _series.Length * 2;
        Array.Resize(ref _series, size);
        Array.Resize(ref _kinds, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _timestamps, size);
    }
}
