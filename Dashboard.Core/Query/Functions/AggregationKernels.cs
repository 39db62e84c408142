namespace Dashboard.Core.Query.Functions;

/// <summary>
/// The arithmetic of <c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>count</c>, <c>stddev</c>, <c>stdvar</c> and
/// <c>quantile</c> over the values of one group of series at one step, in Prometheus 2.42's order of operations (its
/// running mean and Welford's variance, so results agree to the last bits and overflow the same way).
/// </summary>
public static class AggregationKernels
{
    /// <summary><c>sum</c>: plain left-to-right addition.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary><c>avg</c>: a running mean, infinite once an infinity arrives unless one of the other sign or a NaN follows.</summary>
    public static double Average(ReadOnlySpan<double> values)
    {
        double mean = 0, count = 0;
        foreach (var value in values)
        {
            count++;
            if (double.IsInfinity(mean) && (double.IsInfinity(value) ? (mean > 0) == (value > 0) : !double.IsNaN(value)))
            {
                continue;
            }

            mean += (value / count) - (mean / count);
        }

        return mean;
    }

    /// <summary><c>min</c>: NaN only when every value is NaN.</summary>
    public static double Min(ReadOnlySpan<double> values) => OverTimeKernels.Min(values);

    /// <summary><c>max</c>: NaN only when every value is NaN.</summary>
    public static double Max(ReadOnlySpan<double> values) => OverTimeKernels.Max(values);

    /// <summary><c>count</c>.</summary>
    public static double Count(ReadOnlySpan<double> values) => values.Length;

    /// <summary><c>stddev</c>: the population standard deviation.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values) => OverTimeKernels.StandardDeviation(values);

    /// <summary><c>stdvar</c>: the population variance.</summary>
    public static double Variance(ReadOnlySpan<double> values) => OverTimeKernels.Variance(values);

    /// <summary><c>quantile(q, …)</c>.</summary>
    public static double Quantile(double q, ReadOnlySpan<double> values) => OverTimeKernels.Quantile(q, values);
}
