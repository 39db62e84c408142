using System.Globalization;
using Dashboard.Core.Query.Functions;

namespace Dashboard.Core.Tests.Query.Functions;

/// <summary>
/// The range-vector kernels against Prometheus 2.42 itself: the same samples are pushed into a real Prometheus by
/// remote_write, every function is asked at many evaluation times over two ranges, and our kernel, given the samples of
/// the same window, must give the same answer (within float rounding) or, where Prometheus gives no sample, none.
/// </summary>
public sealed class RangeKernelsGoldenTests : IAsyncLifetime
{
    private static readonly string[] Functions =
    [
        "rate", "increase", "delta", "irate", "idelta", "deriv", "resets", "changes", "sum_over_time", "count_over_time",
        "last_over_time", "min_over_time", "max_over_time", "avg_over_time", "stddev_over_time", "stdvar_over_time",
        "quantile_over_time",
    ];

    private readonly long _startMs = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - 3_600_000;
    private Dictionary<string, (long[] Times, double[] Values)> _series = [];
    private GoldenPrometheus _prometheus = null!;

    public async Task InitializeAsync()
    {
        _series = DataSet(_startMs);
        _prometheus = await GoldenPrometheus.StartAsync(_series.Select(s =>
            ((IReadOnlyList<(string, string)>)[("__name__", "golden"), ("s", s.Key)], s.Value.Times, s.Value.Values)));
    }

    [Fact]
    public async Task Every_kernel_agrees_with_Prometheus_at_every_step_of_both_ranges()
    {
        var compared = 0;
        var answered = 0;
        var disagreements = new List<string>();
        foreach (var rangeSeconds in (int[])[60, 300])
        {
            // Evaluation times off the sample grid, and some past the data's end (the counter's extrapolation stops there).
            for (var step = 0; step < 14; step++)
            {
                var timeMs = _startMs + 290_000 + (step * 257_123L);
                foreach (var function in Functions)
                {
                    var query = function == "quantile_over_time" ? $"{function}(0.9, golden[{rangeSeconds}s])" : $"{function}(golden[{rangeSeconds}s])";
                    var theirs = await _prometheus.QueryAsync(query, timeMs, "s");
                    foreach (var (name, (times, values)) in _series)
                    {
                        var from = times.AsSpan().IndexOfAnyInRange(timeMs - (rangeSeconds * 1000L), timeMs);
                        var ours = from < 0 ? null : Kernel(function, Window(times, values, timeMs - (rangeSeconds * 1000L), timeMs));
                        double? expected = theirs.TryGetValue(name, out var value) ? value : null;
                        compared++;
                        answered += expected is null ? 0 : 1;
                        if (!GoldenPrometheus.Same(expected, ours))
                        {
                            disagreements.Add($"{query} at {timeMs} on {name}: Prometheus {GoldenPrometheus.Show(expected)}, ours {GoldenPrometheus.Show(ours)}");
                        }
                    }
                }
            }
        }

        Assert.True(answered > compared * 3 / 4, $"only {answered} of {compared} windows had an answer: the data set misses the windows");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {compared} answers differ:\n{string.Join('\n', disagreements.Take(30))}");
    }

    public async Task DisposeAsync() => await _prometheus.DisposeAsync();

    private static double? Kernel(string function, RangeSamples window) => function switch
    {
        "rate" => RateKernels.Rate(window),
        "increase" => RateKernels.Increase(window),
        "delta" => RateKernels.Delta(window),
        "irate" => RateKernels.InstantRate(window),
        "idelta" => RateKernels.InstantDelta(window),
        "deriv" => OverTimeKernels.Derivative(window),
        "resets" => OverTimeKernels.Resets(window.Values),
        "changes" => OverTimeKernels.Changes(window.Values),
        "sum_over_time" => OverTimeKernels.Sum(window.Values),
        "count_over_time" => OverTimeKernels.Count(window.Values),
        "last_over_time" => OverTimeKernels.Last(window.Values),
        "min_over_time" => OverTimeKernels.Min(window.Values),
        "max_over_time" => OverTimeKernels.Max(window.Values),
        "avg_over_time" => OverTimeKernels.Average(window.Values),
        "stddev_over_time" => OverTimeKernels.StandardDeviation(window.Values),
        "stdvar_over_time" => OverTimeKernels.Variance(window.Values),
        "quantile_over_time" => OverTimeKernels.Quantile(0.9, window.Values),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    /// <summary>The samples with startMs ≤ t ≤ endMs: Prometheus 2.x range selectors include both ends.</summary>
    private static RangeSamples Window(long[] times, double[] values, long startMs, long endMs)
    {
        var first = Array.FindIndex(times, t => t >= startMs);
        var last = Array.FindLastIndex(times, t => t <= endMs);
        return new RangeSamples(times.AsSpan(first, last - first + 1), values.AsSpan(first, last - first + 1), startMs, endMs);
    }

    /// <summary>
    /// An hour of series every kernel must handle: counters with resets and a negative start, a random walk, values
    /// with NaN and infinities, a constant, sparse and dense sampling with jitter, and a series that stops half way.
    /// </summary>
    private static Dictionary<string, (long[] Times, double[] Values)> DataSet(long startMs)
    {
        var random = new Random(5);
        (long[], double[]) Make(int intervalMs, int jitterMs, int count, Func<int, double, double> next)
        {
            var times = new long[count];
            var values = new double[count];
            var value = 0.0;
            for (var i = 0; i < count; i++)
            {
                times[i] = startMs + ((long)i * intervalMs) + random.Next(-jitterMs, jitterMs + 1);
                values[i] = value = next(i, value);
            }

            return (times, values);
        }

        return new Dictionary<string, (long[], double[])>(StringComparer.Ordinal)
        {
            ["counter"] = Make(15_000, 500, 240, (i, v) => i % 70 == 69 ? random.Next(0, 5) : v + random.Next(0, 100)),
            ["counter_fractional"] = Make(10_000, 0, 360, (i, v) => i == 150 ? 0.25 : v + (random.NextDouble() * 3.3)),
            ["counter_negative_start"] = Make(30_000, 2000, 120, (i, v) => i == 0 ? -5 : v + 1.5),
            ["gauge_walk"] = Make(15_000, 200, 240, (_, v) => v + ((random.NextDouble() - 0.5) * 40)),
            ["gauge_with_nan"] = Make(20_000, 0, 180, (i, v) => i % 17 == 5 ? double.NaN : (i * 0.7) - 30),
            ["gauge_with_inf"] = Make(20_000, 0, 180, (i, _) => i % 29 == 3 ? double.PositiveInfinity : i % 31 == 7 ? double.NegativeInfinity : i),
            ["constant"] = Make(15_000, 0, 240, (_, _) => 42),
            ["sparse"] = Make(170_000, 5000, 21, (_, v) => v + 7),
            ["stops_half_way"] = Make(15_000, 0, 120, (_, v) => v + 2),
        };
    }
}
