namespace Dashboard.Bench.Harness;

/// <summary>Exact percentiles of a sorted sample, by the nearest-rank method (no interpolation).</summary>
internal static class Percentiles
{
    public static double Of(ReadOnlySpan<double> sorted, double percentile)
    {
        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double[] Sorted(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
