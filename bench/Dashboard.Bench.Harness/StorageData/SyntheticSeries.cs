using System.Globalization;

namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// One synthetic series and its generator state. Each series draws from its own <see cref="SeededRandom"/> stream,
/// so its samples are the same whether a data set is walked series by series or round by round.
/// </summary>
internal sealed class SyntheticSeries
{
    private readonly SeriesKind _kind;
    private readonly SeededRandom _random;
    private readonly long _startMs;
    private readonly int _intervalMs;
    private readonly int _jitterMs;
    private double _value;
    private double _ratePerSecond;
    private long _round;

    /// <param name="jitterMs">How far (±) each timestamp may land off the interval.</param>
    public SyntheticSeries(SeriesKind kind, int index, ulong seed, long startMs, int intervalMs, int jitterMs)
    {
        _jitterMs = jitterMs;
        _kind = kind;
        _startMs = startMs;
        _intervalMs = intervalMs;
        _random = SeededRandom.For(seed, (ulong)kind, (ulong)index);
        Series = new BenchSeries(
        [
            new(BenchSeries.MetricNameLabel, SeriesKinds.MetricName(kind)),
            new("instance", string.Create(CultureInfo.InvariantCulture, $"host-{index / 10:D5}:9100")),
            new("job", "storage-bench"),
            new("shard", (index % 10).ToString(CultureInfo.InvariantCulture)),
        ]);

        switch (kind)
        {
            case SeriesKind.Constant:
                _value = Math.Floor(_random.NextDouble() * 1000);
                break;
            case SeriesKind.Counter:
                _value = Math.Floor(_random.NextDouble() * 1_000_000);
                _ratePerSecond = 1 + (_random.NextDouble() * 99);
                break;
            case SeriesKind.GaugeWalk:
                _value = _random.NextDouble() * 100;
                break;
            case SeriesKind.TwoDecimal:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    public BenchSeries Series { get; }

    /// <summary>The sample of the next scrape round.</summary>
    public BenchSample Next()
    {
        // Drawn even when the jitter is 0, so that the values do not depend on it.
        var jitter = _random.NextInt((2 * _jitterMs) + 1) - _jitterMs;
        var timestamp = _startMs + (_round * _intervalMs) + jitter;
        var value = _round == 0 && _kind != SeriesKind.TwoDecimal ? _value : NextValue();
        _round++;
        return new BenchSample(Series, timestamp, value);
    }

    private double NextValue()
    {
        switch (_kind)
        {
            case SeriesKind.Constant:
                return _value;
            case SeriesKind.Counter:
                // Now and then the traffic shifts; in between, each interval's count scatters around the rate.
                if (_random.NextDouble() < 0.01)
                {
                    _ratePerSecond = Math.Clamp(_ratePerSecond * Math.Exp(0.3 * _random.NextGaussian()), 0.1, 10_000);
                }

                var expected = _ratePerSecond * _intervalMs / 1000.0;
                _value += Math.Max(0, Math.Round(expected * (1 + (0.25 * _random.NextGaussian()))));
                return _value;
            case SeriesKind.GaugeWalk:
                _value += _random.NextGaussian();
                return _value;
            case SeriesKind.TwoDecimal:
                return Math.Round(_random.NextDouble() * 100, 2);
            default:
                throw new InvalidOperationException($"No generator for {_kind}.");
        }
    }
}
