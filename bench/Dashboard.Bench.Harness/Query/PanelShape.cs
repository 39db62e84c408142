namespace Dashboard.Bench.Harness.Query;

/// <summary>
/// One series the P5 panel benchmark charts, named for its shape, spanning [start, end] (every shape the same range so
/// one <c>query_range</c> window and one pixel grid serve all).
/// </summary>
internal sealed record PanelShape(string Name, string Description, long[] Timestamps, double[] Values)
{
    /// <summary>
    /// The shapes a dashboard panel shows: <c>noisy</c> (a random walk with three decimals, the benchmark's original
    /// series), <c>noisy_jitter</c> (the same values with ±2 ms of scrape jitter on the timestamps), <c>smooth</c> (a
    /// daily sine with two decimals, like a temperature), <c>counter</c> (whole increments of 0 to 50 per sample, like
    /// requests served) — all <paramref name="points"/> samples <paramref name="intervalMs"/> apart — and
    /// <c>sparse</c> (one sample every 5 minutes with six 6-hour gaps, a slow exporter that was sometimes down).
    /// </summary>
    public static IReadOnlyList<PanelShape> Make(int points, long startMs, long intervalMs, int seed)
    {
        var endMs = startMs + ((points - 1) * intervalMs);
#pragma warning disable CA5394 // Benchmark data, not security: a seeded generator keeps runs comparable.
        var random = new Random(seed);
        var grid = new long[points];
        var jittered = new long[points];
        var walk = new double[points];
        var smooth = new double[points];
        var counter = new double[points];
        var (value, total) = (50.0, 0.0);
        for (var i = 0; i < points; i++)
        {
            grid[i] = startMs + (i * intervalMs);
            jittered[i] = Math.Clamp(grid[i] + random.Next(-2, 3), startMs, endMs);
            value += random.NextDouble() - 0.5;
            walk[i] = Math.Round(value, 3);
            smooth[i] = Math.Round(20 + (5 * Math.Sin(2 * Math.PI * (grid[i] - startMs) / 86_400_000.0)), 2);
            total += random.Next(0, 51);
            counter[i] = total;
        }

        const long SparseIntervalMs = 300_000;
        const long GapMs = 6 * 3_600_000;
        var gapEvery = (endMs - startMs) / 7;
        var sparseTimes = new List<long>();
        var sparseValues = new List<double>();
        var level = 100.0;
        for (var t = startMs; t <= endMs; t += SparseIntervalMs)
        {
            level = Math.Round(level + (random.NextDouble() * 4) - 2, 2);
            var sinceGap = (t - startMs) % gapEvery;
            if (t - startMs >= gapEvery && sinceGap < GapMs)
            {
                continue;
            }

            sparseTimes.Add(t);
            sparseValues.Add(level);
        }
#pragma warning restore CA5394

        return
        [
            new("noisy", "random walk, 3 decimals", grid, walk),
            new("noisy_jitter", "same, ±2 ms timestamp jitter", jittered, walk),
            new("smooth", "daily sine, 2 decimals", grid, smooth),
            new("counter", "counter, +0..50 per sample", grid, counter),
            new("sparse", "every 5 min, six 6-h gaps, 2 decimals", [.. sparseTimes], [.. sparseValues]),
        ];
    }
}
