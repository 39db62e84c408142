using System.Globalization;
using Dashboard.Core.Query.Functions;

namespace Dashboard.Core.Tests.Query.Functions;

/// <summary>
/// The aggregation kernels and <c>histogram_quantile</c> against Prometheus 2.42 on the same pushed data: at each
/// evaluation time every series contributes its latest sample of the last 5 minutes (Prometheus's lookback), grouped by
/// a label, and our kernel over each group must give Prometheus's answer.
/// </summary>
public sealed class AggregationKernelsGoldenTests : IAsyncLifetime
{
    private const long LookbackMs = 300_000;
    private static readonly string[] Aggregations = ["sum", "avg", "min", "max", "count", "stddev", "stdvar", "quantile"];
    private static readonly double[] Quantiles = [0, 0.25, 0.5, 0.9, 0.99, 1, -0.5, 1.5];

    private readonly long _startMs = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - 3_600_000;
    private List<(IReadOnlyList<(string Name, string Value)> Labels, long[] Times, double[] Values)> _series = [];
    private GoldenPrometheus _prometheus = null!;

    public async Task InitializeAsync()
    {
        _series = DataSet(_startMs);
        _prometheus = await GoldenPrometheus.StartAsync(_series);
    }

    [Fact]
    public async Task Aggregations_by_a_label_agree_with_Prometheus()
    {
        var disagreements = new List<string>();
        var compared = 0;
        foreach (var timeMs in EvaluationTimes())
        {
            var groups = Latest("golden_agg", timeMs).GroupBy(s => Label(s.Labels, "grp")).ToList();
            foreach (var aggregation in Aggregations)
            {
                var query = aggregation == "quantile" ? "quantile by (grp) (0.3, golden_agg)" : $"{aggregation} by (grp) (golden_agg)";
                var theirs = await _prometheus.QueryAsync(query, timeMs, "grp");
                foreach (var group in groups)
                {
                    var values = group.Select(s => s.Value).ToArray();
                    double ours = aggregation switch
                    {
                        "sum" => AggregationKernels.Sum(values),
                        "avg" => AggregationKernels.Average(values),
                        "min" => AggregationKernels.Min(values),
                        "max" => AggregationKernels.Max(values),
                        "count" => AggregationKernels.Count(values),
                        "stddev" => AggregationKernels.StandardDeviation(values),
                        "stdvar" => AggregationKernels.Variance(values),
                        _ => AggregationKernels.Quantile(0.3, values),
                    };
                    compared++;
                    Compare(disagreements, $"{query} at {timeMs}, grp {group.Key}", theirs, group.Key, ours);
                }

                Assert.Equal(groups.Count, theirs.Count);
            }
        }

        Assert.True(compared > 100, $"only {compared} groups compared");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {compared} answers differ:\n{string.Join('\n', disagreements.Take(30))}");
    }

    [Fact]
    public async Task Histogram_quantile_agrees_with_Prometheus_on_raw_and_rated_buckets()
    {
        var disagreements = new List<string>();
        var compared = 0;
        foreach (var timeMs in EvaluationTimes())
        {
            var histograms = Latest("golden_h_bucket", timeMs).GroupBy(s => Label(s.Labels, "h")).ToList();
            foreach (var q in Quantiles)
            {
                var query = string.Create(CultureInfo.InvariantCulture, $"histogram_quantile({q}, golden_h_bucket)");
                var theirs = await _prometheus.QueryAsync(query, timeMs, "h");
                foreach (var histogram in histograms)
                {
                    var ours = HistogramQuantile.Of(q, [.. histogram.Select(b => UpperBound(b.Labels))], [.. histogram.Select(b => b.Value)]);
                    compared++;
                    Compare(disagreements, $"{query} at {timeMs}, h {histogram.Key}", theirs, histogram.Key, ours);
                }
            }

            // As dashboards ask it: the quantile of the buckets' rates.
            var rated = _series.Where(s => Label(s.Labels, "__name__") == "golden_h_bucket")
                .Select(s => (s.Labels, Rate: Rate(s.Times, s.Values, timeMs)))
                .Where(s => s.Rate is not null)
                .GroupBy(s => Label(s.Labels, "h"));
            var ratedTheirs = await _prometheus.QueryAsync("histogram_quantile(0.9, rate(golden_h_bucket[5m]))", timeMs, "h");
            foreach (var histogram in rated)
            {
                var ours = HistogramQuantile.Of(0.9, [.. histogram.Select(b => UpperBound(b.Labels))], [.. histogram.Select(b => b.Rate!.Value)]);
                compared++;
                Compare(disagreements, $"histogram_quantile of rates at {timeMs}, h {histogram.Key}", ratedTheirs, histogram.Key, ours);
            }
        }

        Assert.True(compared > 100, $"only {compared} histograms compared");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {compared} answers differ:\n{string.Join('\n', disagreements.Take(30))}");
    }

    public async Task DisposeAsync() => await _prometheus.DisposeAsync();

    private static void Compare(List<string> disagreements, string what, Dictionary<string, double> theirs, string key, double ours)
    {
        double? expected = theirs.TryGetValue(key, out var value) ? value : null;
        if (!GoldenPrometheus.Same(expected, ours))
        {
            disagreements.Add($"{what}: Prometheus {GoldenPrometheus.Show(expected)}, ours {GoldenPrometheus.Show(ours)}");
        }
    }

    private IEnumerable<long> EvaluationTimes() => Enumerable.Range(0, 12).Select(i => _startMs + 310_000 + (i * 277_777L));

    /// <summary>Each series' latest sample within the lookback before <paramref name="timeMs"/>, as an instant selector sees it.</summary>
    private IEnumerable<(IReadOnlyList<(string Name, string Value)> Labels, double Value)> Latest(string metric, long timeMs)
    {
        foreach (var (labels, times, values) in _series.Where(s => Label(s.Labels, "__name__") == metric))
        {
            var at = Array.FindLastIndex(times, t => t <= timeMs);
            if (at >= 0 && times[at] >= timeMs - LookbackMs)
            {
                yield return (labels, values[at]);
            }
        }
    }

    private static double? Rate(long[] times, double[] values, long timeMs)
    {
        var first = Array.FindIndex(times, t => t >= timeMs - LookbackMs);
        var last = Array.FindLastIndex(times, t => t <= timeMs);
        return first < 0 || last < first ? null
            : RateKernels.Rate(new RangeSamples(times.AsSpan(first, last - first + 1), values.AsSpan(first, last - first + 1), timeMs - LookbackMs, timeMs));
    }

    private static string Label(IReadOnlyList<(string Name, string Value)> labels, string name) =>
        labels.FirstOrDefault(l => l.Name == name).Value ?? string.Empty;

    private static double UpperBound(IReadOnlyList<(string Name, string Value)> labels) =>
        Label(labels, "le") == "+Inf" ? double.PositiveInfinity : double.Parse(Label(labels, "le"), CultureInfo.InvariantCulture);

    /// <summary>
    /// Gauges in three groups (NaN and infinities now and then, a series with a 10-minute gap, one that starts late) and
    /// histograms: a growing one, one whose counts glitch downwards between buckets, one without a +Inf bucket, one
    /// with negative bounds, and one with two buckets of one bound (le="0.5" and le="0.50").
    /// </summary>
    private static List<(IReadOnlyList<(string Name, string Value)>, long[], double[])> DataSet(long startMs)
    {
        var random = new Random(11);
        var result = new List<(IReadOnlyList<(string Name, string Value)>, long[], double[])>();
        void Add(IReadOnlyList<(string, string)> labels, int intervalMs, Func<int, long, double?> valueAt)
        {
            var times = new List<long>();
            var values = new List<double>();
            for (var i = 0; i < 3_600_000 / intervalMs; i++)
            {
                var time = startMs + ((long)i * intervalMs) + random.Next(0, 400);
                if (valueAt(i, time - startMs) is { } value)
                {
                    times.Add(time);
                    values.Add(value);
                }
            }

            result.Add((labels, [.. times], [.. values]));
        }

        for (var s = 0; s < 12; s++)
        {
            var grp = ((char)('a' + (s % 3))).ToString();
            var id = s.ToString(CultureInfo.InvariantCulture);
            Add([("__name__", "golden_agg"), ("grp", grp), ("s", id)], 15_000, (i, offsetMs) => (s, i % 41) switch
            {
                (4, 7) => double.NaN,
                (7, 13) => double.PositiveInfinity,
                (10, 20) => double.NegativeInfinity,
                (5, _) when offsetMs is > 900_000 and < 1_500_000 => null,
                (8, _) when offsetMs < 1_800_000 => null,
                _ => Math.Round((random.NextDouble() * 200) - 50, 3),
            });
        }

        double[] bounds = [0.1, 0.5, 1, 5];
        foreach (var (h, shape) in new[] { ("a", "growing"), ("b", "glitch"), ("c", "no_inf"), ("d", "negative"), ("e", "duplicate") })
        {
            var perBucket = new double[bounds.Length + 1];
            var les = shape switch
            {
                "negative" => ["-10", "-1", "0", "1", "+Inf"],
                "duplicate" => ["0.1", "0.5", "0.50", "5", "+Inf"],
                _ => bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)).Append("+Inf").ToArray(),
            };
            var columns = shape == "no_inf" ? les.Length - 1 : les.Length;
            var samples = Enumerable.Range(0, columns).Select(_ => (Times: new List<long>(), Values: new List<double>())).ToArray();
            for (var i = 0; i < 240; i++)
            {
                var time = startMs + (i * 15_000L) + random.Next(0, 400);
                for (var b = 0; b < les.Length; b++)
                {
                    perBucket[b] += random.Next(0, 20);
                }

                var cumulative = 0.0;
                for (var b = 0; b < columns; b++)
                {
                    cumulative += perBucket[b];
                    samples[b].Times.Add(time);
                    samples[b].Values.Add(shape == "glitch" && b == 2 && i % 9 == 4 ? cumulative - 3 : cumulative);
                }
            }

            for (var b = 0; b < columns; b++)
            {
                result.Add(([("__name__", "golden_h_bucket"), ("h", h), ("le", les[b])], [.. samples[b].Times], [.. samples[b].Values]));
            }
        }

        return result;
    }
}
