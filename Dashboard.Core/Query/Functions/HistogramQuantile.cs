namespace Dashboard.Core.Query.Functions;

/// <summary>
/// <c>histogram_quantile(q, buckets)</c> over the classic buckets of one histogram at one step, as Prometheus 2.42
/// computes it: buckets sorted by upper bound, equal bounds merged, counts forced monotonic, linear interpolation
/// within the bucket holding the rank, the lowest bucket starting at 0 (unless its bound is not positive) and the
/// <c>+Inf</c> bucket answered with the highest finite bound.
/// </summary>
public static class HistogramQuantile
{
    /// <summary>The q-quantile of the histogram.</summary>
    /// <param name="q">The quantile; below 0 is -Inf, above 1 +Inf, NaN is NaN.</param>
    /// <param name="upperBounds">Each bucket's <c>le</c>.</param>
    /// <param name="counts">Each bucket's cumulative count, in the same order.</param>
    /// <returns>The estimate; NaN without a <c>+Inf</c> bucket, with fewer than two buckets, or with no observations.</returns>
    public static double Of(double q, ReadOnlySpan<double> upperBounds, ReadOnlySpan<double> counts)
    {
        if (double.IsNaN(q))
        {
            return double.NaN;
        }

        if (q < 0)
        {
            return double.NegativeInfinity;
        }

        if (q > 1)
        {
            return double.PositiveInfinity;
        }

        var buckets = Coalesce(upperBounds, counts);
        if (buckets.Count < 2 || !double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            return double.NaN;
        }

        // Counts of a cumulative histogram never fall; scraped at slightly different moments they may, so level them.
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i].Count < buckets[i - 1].Count)
            {
                buckets[i] = buckets[i] with { Count = buckets[i - 1].Count };
            }
        }

        var observations = buckets[^1].Count;
        if (observations == 0)
        {
            return double.NaN;
        }

        var rank = q * observations;
        var b = 0;
        while (b < buckets.Count - 1 && buckets[b].Count < rank)
        {
            b++;
        }

        if (b == buckets.Count - 1)
        {
            return buckets[^2].UpperBound;
        }

        if (b == 0 && buckets[0].UpperBound <= 0)
        {
            return buckets[0].UpperBound;
        }

        var bucketStart = 0.0;
        var bucketEnd = buckets[b].UpperBound;
        var count = buckets[b].Count;
        if (b > 0)
        {
            bucketStart = buckets[b - 1].UpperBound;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }

        return bucketStart + ((bucketEnd - bucketStart) * (rank / count));
    }

    private static List<(double UpperBound, double Count)> Coalesce(ReadOnlySpan<double> upperBounds, ReadOnlySpan<double> counts)
    {
        var sorted = new List<(double UpperBound, double Count)>(upperBounds.Length);
        for (var i = 0; i < upperBounds.Length; i++)
        {
            sorted.Add((upperBounds[i], counts[i]));
        }

        sorted.Sort(static (a, b) => a.UpperBound.CompareTo(b.UpperBound));
        var merged = new List<(double UpperBound, double Count)>(sorted.Count);
        foreach (var bucket in sorted)
        {
            if (merged.Count > 0 && merged[^1].UpperBound == bucket.UpperBound)
            {
                merged[^1] = merged[^1] with { Count = merged[^1].Count + bucket.Count };
            }
            else
            {
                merged.Add(bucket);
            }
        }

        return merged;
    }
}
