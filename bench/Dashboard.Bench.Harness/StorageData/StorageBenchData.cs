using System.Globalization;

namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// A deterministic synthetic data set: <see cref="SeriesPerKind"/> series of each kind, scraped <see cref="Count"/>
/// times every <see cref="IntervalMs"/> from <see cref="StartMs"/>, each timestamp off by up to ±<see cref="JitterMs"/>.
/// The same arguments give the same samples, bit for bit, to every store that is fed them.
/// </summary>
internal sealed class StorageBenchData
{
    /// <summary>
    /// 2025-12-30 13:00 UTC, an hour after a 54 h boundary. promtool cuts blocks at multiples of the block length, and
    /// 54 h is the length it picks for a large <c>--max-block-duration</c>; the hour keeps the first round's jitter
    /// (a few ms early) on this side of the boundary, so a data set of up to 53 h lands in one block.
    /// </summary>
    public const long DefaultStartMs = 1_767_099_600_000;

    /// <summary>
    /// Scrapers land a few milliseconds off the interval: ±3 ms. Prometheus itself snaps a scrape within 2 ms of its
    /// tick back onto it, so its own data is steadier (in our 1 s node-exporter capture, 83 % of the steps are exactly
    /// 1000 ms, the rest a few ms off); 0 models that best case.
    /// </summary>
    public const int DefaultJitterMs = 3;

    public StorageBenchData(IReadOnlyList<SeriesKind> kinds, int seriesPerKind, long startMs, int intervalMs, int count, ulong seed,
        int jitterMs = DefaultJitterMs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesPerKind, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(jitterMs);
        // Jitter must never carry a sample past its neighbour round.
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, Math.Max(10, (2 * jitterMs) + 1));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Kinds = kinds;
        SeriesPerKind = seriesPerKind;
        StartMs = startMs;
        IntervalMs = intervalMs;
        Count = count;
        Seed = seed;
        JitterMs = jitterMs;
    }

    public IReadOnlyList<SeriesKind> Kinds { get; }

    public int SeriesPerKind { get; }

    public long StartMs { get; }

    public int IntervalMs { get; }

    public int Count { get; }

    public ulong Seed { get; }

    public int JitterMs { get; }

    public int SeriesCount => Kinds.Count * SeriesPerKind;

    public long SampleCount => (long)SeriesCount * Count;

    /// <summary>Ends the data set at the last whole interval before now, as an ingesting server expects fresh samples.</summary>
    public static long StartEndingNow(TimeProvider clock, int intervalMs, int count)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return (now / intervalMs * intervalMs) - ((long)count * intervalMs);
    }

    /// <summary>Fresh generators, one per series, kind by kind, standing before round 0.</summary>
    public SyntheticSeries[] CreateSeries()
    {
        var series = new SyntheticSeries[SeriesCount];
        for (var k = 0; k < Kinds.Count; k++)
        {
            for (var i = 0; i < SeriesPerKind; i++)
            {
                series[(k * SeriesPerKind) + i] = new SyntheticSeries(Kinds[k], i, Seed, StartMs, IntervalMs, JitterMs);
            }
        }

        return series;
    }

    /// <summary>
    /// Every sample in timestamp order (ties in series order). Jitter only reorders samples within a round, never
    /// across rounds, so sorting each round is enough.
    /// </summary>
    public IEnumerable<BenchSample> TimeOrdered()
    {
        var series = CreateSeries();
        var round = new BenchSample[series.Length];
        var order = new (long TimestampMs, int Index)[series.Length];
        for (var r = 0; r < Count; r++)
        {
            for (var i = 0; i < series.Length; i++)
            {
                round[i] = series[i].Next();
                order[i] = (round[i].TimestampMs, i);
            }

            Array.Sort(order);
            foreach (var (_, index) in order)
            {
                yield return round[index];
            }
        }
    }

    /// <summary>All of one series, then the next: the order of <c>promtool tsdb dump</c> and of OpenMetrics families.</summary>
    public IEnumerable<BenchSample> SeriesOrdered()
    {
        foreach (var s in CreateSeries())
        {
            for (var round = 0; round < Count; round++)
            {
                yield return s.Next();
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{SeriesKinds.Describe(Kinds)}: {SeriesCount} series × {Count} samples every {IntervalMs} ± {JitterMs} ms from {StartMs} (seed {Seed})");
}
