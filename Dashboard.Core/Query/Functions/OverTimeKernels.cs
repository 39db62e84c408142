using System.Numerics.Tensors;

namespace Dashboard.Core.Query.Functions;

/// <summary>
/// The <c>*_over_time</c> functions and <c>resets</c>, <c>changes</c>, <c>deriv</c> over one series' window, with
/// Prometheus 2.42's treatment of NaN and infinities. Each takes a non-empty window (a selector yields no window for a
/// series without samples in range) except where noted.
/// </summary>
public static class OverTimeKernels
{
    /// <summary><c>sum_over_time</c>: compensated (Kahan–Neumaier) addition, as Prometheus 2.42 adds, so that sums
    /// that cancel out come to the same rounding noise, not merely to a nearby one.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0, compensation = 0;
        foreach (var value in values)
        {
            (sum, compensation) = CompensatedAdd(value, sum, compensation);
        }

        return double.IsInfinity(sum) ? sum : sum + compensation;
    }

    /// <summary><c>count_over_time</c>.</summary>
    public static double Count(ReadOnlySpan<double> values) => values.Length;

    /// <summary><c>last_over_time</c>.</summary>
    public static double Last(ReadOnlySpan<double> values) => values[^1];

    /// <summary><c>min_over_time</c>: NaN only when every value is NaN.</summary>
    public static double Min(ReadOnlySpan<double> values) =>
        HasNaN(values) ? MinSkippingNaN(values) : TensorPrimitives.Min(values);

    /// <summary><c>max_over_time</c>: NaN only when every value is NaN.</summary>
    public static double Max(ReadOnlySpan<double> values) =>
        HasNaN(values) ? MaxSkippingNaN(values) : TensorPrimitives.Max(values);

    /// <summary>
    /// <c>avg_over_time</c>: a running mean (no overflow on large values) added up with compensation, as 2.42 does;
    /// once the mean is infinite it stays so unless a NaN or an infinity of the other sign arrives.
    /// </summary>
    public static double Average(ReadOnlySpan<double> values)
    {
        double mean = 0, count = 0, compensation = 0;
        foreach (var value in values)
        {
            count++;
            if (double.IsInfinity(mean) && (double.IsInfinity(value) ? (mean > 0) == (value > 0) : !double.IsNaN(value)))
            {
                continue;
            }

            (mean, compensation) = CompensatedAdd((value / count) - (mean / count), mean, compensation);
        }

        return double.IsInfinity(mean) ? mean : mean + compensation;
    }

    // One step of Neumaier's compensated summation: the new sum, and the running error it could not hold.
    private static (double Sum, double Compensation) CompensatedAdd(double increment, double sum, double compensation)
    {
        var total = sum + increment;
        compensation += Math.Abs(sum) >= Math.Abs(increment) ? (sum - total) + increment : (increment - total) + sum;
        return (total, compensation);
    }

    /// <summary><c>stddev_over_time</c>: the population standard deviation (Welford's method).</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values) => Math.Sqrt(Variance(values));

    /// <summary><c>stdvar_over_time</c>: the population variance.</summary>
    public static double Variance(ReadOnlySpan<double> values)
    {
        double count = 0, mean = 0, sumOfSquares = 0;
        foreach (var value in values)
        {
            count++;
            var delta = value - mean;
            mean += delta / count;
            sumOfSquares += delta * (value - mean);
        }

        return sumOfSquares / count;
    }

    /// <summary>
    /// <c>quantile_over_time(q, …)</c>: linear interpolation between the closest ranks, as Prometheus's
    /// <c>quantile</c>; q below 0 is -Inf, above 1 +Inf, NaN is NaN.
    /// </summary>
    /// <param name="q">The quantile.</param>
    /// <param name="values">The values; copied, not reordered.</param>
    /// <returns>The quantile.</returns>
    public static double Quantile(double q, ReadOnlySpan<double> values)
    {
        if (values.IsEmpty || double.IsNaN(q))
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

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var rank = q * (sorted.Length - 1);
        var lower = Math.Max(0, (int)Math.Floor(rank));
        var upper = Math.Min(sorted.Length - 1, lower + 1);
        var weight = rank - Math.Floor(rank);
        return (sorted[lower] * (1 - weight)) + (sorted[upper] * weight);
    }

    /// <summary><c>resets</c>: how many times a value dropped below the one before it.</summary>
    public static double Resets(ReadOnlySpan<double> values)
    {
        var resets = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                resets++;
            }
        }

        return resets;
    }

    /// <summary><c>changes</c>: how many times a value differed from the one before it (NaN to NaN is no change).</summary>
    public static double Changes(ReadOnlySpan<double> values)
    {
        var changes = 0;
        for (var i = 1; i < values.Length; i++)
        {
            var (current, previous) = (values[i], values[i - 1]);
            if (!(current == previous || (double.IsNaN(current) && double.IsNaN(previous))))
            {
                changes++;
            }
        }

        return changes;
    }

    /// <summary>
    /// <c>deriv</c>: the per-second slope of the least-squares line through the samples; <see langword="null"/> with
    /// fewer than two samples. A constant series has slope 0 (NaN if the constant is infinite).
    /// </summary>
    public static double? Derivative(RangeSamples window)
    {
        if (window.Count < 2)
        {
            return null;
        }

        return LinearRegression(window.Timestamps, window.Values, window.Timestamps[0]).Slope;
    }

    /// <summary>The least-squares line through the samples, x in seconds from <paramref name="interceptTimeMs"/>.</summary>
    public static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values,
        long interceptTimeMs)
    {
        var first = values[0];
        var constant = !values.ContainsAnyExcept(first);
        if (constant)
        {
            return double.IsInfinity(first) ? (double.NaN, double.NaN) : (0, first);
        }

        double n = 0, sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = (timestamps[i] - interceptTimeMs) / 1e3;
            var y = values[i];
            n++;
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumX2 += x * x;
        }

        var covariance = sumXY - (sumX * sumY / n);
        var variance = sumX2 - (sumX * sumX / n);
        var slope = covariance / variance;
        return (slope, (sumY / n) - (slope * sumX / n));
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }

    private static double MinSkippingNaN(ReadOnlySpan<double> values)
    {
        var min = values[0];
        foreach (var value in values)
        {
            if (value < min || double.IsNaN(min))
            {
                min = value;
            }
        }

        return min;
    }

    private static double MaxSkippingNaN(ReadOnlySpan<double> values)
    {
        var max = values[0];
        foreach (var value in values)
        {
            if (value > max || double.IsNaN(max))
            {
                max = value;
            }
        }

        return max;
    }
}
