using System.Globalization;
using Dashboard.Bench.Harness.StorageData;
using Dashboard.Core.RemoteWrite.Protocol;

namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// The data P4 and P6 query, as remote_write requests: every series has one sample per <c>interval</c> from
/// <see cref="StartMs"/> to <see cref="EndMs"/>, on an exact grid, seeded so both stores get the same values.
/// Three families: <see cref="Counter"/> (counters for <c>rate</c>), <see cref="Gauge"/> (random walks with a
/// <c>group</c> label for <c>sum by (group)</c>) and <see cref="Histogram"/><c>_bucket</c> (cumulative buckets, ten
/// <c>le</c> per instance, for <c>histogram_quantile</c>).
/// </summary>
internal sealed class QueryDataSet
{
    public const string Counter = "p4_requests_total";
    public const string Gauge = "p4_gauge";
    public const string Histogram = "p4_latency_seconds";

    private static readonly string[] Bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];

    private readonly ulong _seed;
    private readonly SeriesState[] _series;

    /// <param name="counters">Counter series.</param>
    /// <param name="gauges">Gauge series, spread over <paramref name="groups"/> values of <c>group</c>.</param>
    /// <param name="groups">Distinct <c>group</c> values.</param>
    /// <param name="histogramInstances">Histograms; each is ten bucket series.</param>
    /// <param name="startMs">The first sample's time.</param>
    /// <param name="endMs">The last sample's time (a whole number of intervals after the first).</param>
    /// <param name="intervalMs">The time between a series' samples.</param>
    /// <param name="seed">The values' seed.</param>
    public QueryDataSet(int counters, int gauges, int groups, int histogramInstances, long startMs, long endMs, long intervalMs, ulong seed)
    {
        if ((endMs - startMs) % intervalMs != 0)
        {
            throw new ArgumentException("the range must be a whole number of intervals.");
        }

        StartMs = startMs;
        EndMs = endMs;
        IntervalMs = intervalMs;
        _seed = seed;
        var series = new List<SeriesState>(counters + gauges + (histogramInstances * Bounds.Length));
        for (var i = 0; i < counters; i++)
        {
            series.Add(new SeriesState(Family.Counter, i, 0, Labels(Counter, ("instance", Instance(i)), ("job", "p4")), SeededRandom.For(seed, 1, (ulong)i)));
        }

        for (var i = 0; i < gauges; i++)
        {
            var group = string.Create(CultureInfo.InvariantCulture, $"g{i % groups:D2}");
            series.Add(new SeriesState(Family.Gauge, i, 0, Labels(Gauge, ("group", group), ("instance", Instance(i)), ("job", "p4")), SeededRandom.For(seed, 2, (ulong)i)));
        }

        for (var i = 0; i < histogramInstances; i++)
        {
            for (var b = 0; b < Bounds.Length; b++)
            {
                series.Add(new SeriesState(Family.Bucket, i, b, Labels(Histogram + "_bucket", ("instance", Instance(i)), ("job", "p4"), ("le", Bounds[b])), null));
            }
        }

        _series = [.. series];
    }

    private enum Family
    {
        Counter,
        Gauge,
        Bucket,
    }

    public long StartMs { get; }

    public long EndMs { get; }

    public long IntervalMs { get; }

    public int SeriesCount => _series.Length;

    public int Rounds => (int)((EndMs - StartMs) / IntervalMs) + 1;

    public long SampleCount => (long)Rounds * _series.Length;

    /// <summary>
    /// The whole set, oldest first: <paramref name="roundsPerRequest"/> samples of each of up to
    /// <paramref name="seriesPerRequest"/> series per request. Every series' samples come in time order, and no
    /// request runs more than <paramref name="roundsPerRequest"/> intervals ahead of another, so a receiver that keeps
    /// only a window of recent time open for appends (Prometheus's head: an hour) takes all of it.
    /// </summary>
    /// <remarks>Single use: the series' values advance as requests are made.</remarks>
    public IEnumerable<WriteRequest> Requests(int roundsPerRequest, int seriesPerRequest)
    {
        for (var first = 0; first < Rounds; first += roundsPerRequest)
        {
            var rounds = Math.Min(roundsPerRequest, Rounds - first);
            for (var from = 0; from < _series.Length; from += seriesPerRequest)
            {
                var request = new WriteRequest();
                for (var s = from; s < Math.Min(from + seriesPerRequest, _series.Length); s++)
                {
                    var state = _series[s];
                    var timeSeries = new TimeSeries();
                    timeSeries.Labels.AddRange(state.Labels);
                    for (var round = first; round < first + rounds; round++)
                    {
                        timeSeries.Samples.Add(new Sample { Timestamp = StartMs + (round * IntervalMs), Value = Next(state, round) });
                    }

                    request.Timeseries.Add(timeSeries);
                }

                yield return request;
            }
        }
    }

    private static string Instance(int i) => string.Create(CultureInfo.InvariantCulture, $"host-{i:D5}");

    // Sorted by name, as Prometheus keeps them; __name__ sorts first.
    private static Label[] Labels(string metric, params (string Name, string Value)[] labels) =>
        [new Label { Name = "__name__", Value = metric }, .. labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new Label { Name = l.Name, Value = l.Value })];

    private double Next(SeriesState state, int round)
    {
        switch (state.Kind)
        {
            case Family.Counter:
                state.Value += state.Random!.NextInt(100);
                break;
            case Family.Gauge:
                state.Value = Math.Round(state.Value + state.Random!.NextGaussian(), 2);
                break;
            default:
                // One draw per bucket per histogram and round, shared by its buckets: bucket b adds the observations
                // of buckets 0…b, so the buckets stay cumulative whatever order they are generated in.
                var random = SeededRandom.For(_seed, 3 + (ulong)state.Index, (ulong)round);
                for (var b = 0; b <= state.Bucket; b++)
                {
                    state.Value += random.NextInt(8);
                }

                break;
        }

        return state.Value;
    }

    private sealed class SeriesState(Family kind, int index, int bucket, Label[] labels, SeededRandom? random)
    {
        public Family Kind { get; } = kind;

        public int Index { get; } = index;

        public int Bucket { get; } = bucket;

        public Label[] Labels { get; } = labels;

        public SeededRandom? Random { get; } = random;

        public double Value { get; set; }
    }
}
