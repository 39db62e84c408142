namespace Dashboard.Bench;

/// <summary>Deterministic synthetic samples for the chunk benchmarks.</summary>
public static class SyntheticSeries
{
    /// <summary>The scrape interval of the synthetic series.</summary>
    public const long IntervalMs = 15_000;

    /// <summary>Makes <paramref name="count"/> samples of <paramref name="kind"/>, scraped every 15 s.</summary>
    /// <param name="kind">The series' shape.</param>
    /// <param name="count">How many samples.</param>
    /// <param name="jitterMs">Each timestamp lies up to this many ms off its 15 s grid point (scrape jitter); 0 for an exact grid.</param>
    /// <param name="seed">Seeds the randomness; the same seed gives the same series.</param>
    /// <returns>Timestamps (Unix ms) and values.</returns>
    public static (long[] Timestamps, double[] Values) Make(SeriesKind kind, int count, int jitterMs, int seed = 1)
    {
#pragma warning disable CA5394 // Benchmark data, not security: a seeded generator keeps runs comparable.
        var random = new Random(seed);
        var timestamps = new long[count];
        var values = new double[count];
        var start = 1_750_000_000_000L;
        var value = kind switch
        {
            SeriesKind.Constant => 1,
            SeriesKind.CpuSeconds => 183_245.37,
            SeriesKind.MemoryBytes => 4096.0 * 1_500_000,
            SeriesKind.RandomWalkGauge => 52.0,
            _ => 0,
        };
        for (var i = 0; i < count; i++)
        {
            timestamps[i] = start + (i * IntervalMs) + random.Next(-jitterMs, jitterMs + 1);
            value = kind switch
            {
                SeriesKind.Counter => value + random.Next(0, 51),
                SeriesKind.RandomWalkGauge => value + random.NextDouble() - 0.5,
                SeriesKind.TwoDecimalRandom => Math.Round(random.NextDouble() * 100, 2),
                SeriesKind.CpuSeconds => Math.Round(value + 14.9 + (random.Next(0, 21) / 100.0), 2),
                SeriesKind.MemoryBytes => value + (4096.0 * random.Next(-300, 301)),
                _ => value,
            };
            values[i] = value;
        }
#pragma warning restore CA5394

        return (timestamps, values);
    }
}
