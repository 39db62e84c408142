using static Dashboard.Core.Query.Parsing.PromQLType;

namespace Dashboard.Core.Query.Parsing;

/// <summary>The functions of PromQL (Prometheus 2.42's set), with which ones our evaluator supports.</summary>
public static class PromQLFunctions
{
    private static readonly Dictionary<string, PromQLFunction> ByName = Build().ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Every function, by name.</summary>
    public static IReadOnlyDictionary<string, PromQLFunction> All => ByName;

    /// <summary>Finds a function by its exact name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="function">The function.</param>
    /// <returns>Whether it exists.</returns>
    public static bool TryGet(string name, out PromQLFunction function) => ByName.TryGetValue(name, out function!);

    private static IEnumerable<PromQLFunction> Build()
    {
        // Supported by the evaluator (issue 5's list).
        foreach (var name in new[] { "rate", "irate", "increase", "delta", "deriv", "resets", "changes" })
        {
            yield return new(name, [RangeVector], 0, InstantVector, Evaluated: true);
        }

        foreach (var name in new[] { "avg", "min", "max", "sum", "count", "last", "stddev" })
        {
            yield return new(name + "_over_time", [RangeVector], 0, InstantVector, Evaluated: true);
        }

        yield return new("quantile_over_time", [Scalar, RangeVector], 0, InstantVector, Evaluated: true);
        yield return new("histogram_quantile", [Scalar, InstantVector], 0, InstantVector, Evaluated: true);
        foreach (var name in new[] { "abs", "ceil", "floor" })
        {
            yield return new(name, [InstantVector], 0, InstantVector, Evaluated: true);
        }

        yield return new("round", [InstantVector, Scalar], 1, InstantVector, Evaluated: true);
        yield return new("clamp", [InstantVector, Scalar, Scalar], 0, InstantVector, Evaluated: true);
        yield return new("clamp_min", [InstantVector, Scalar], 0, InstantVector, Evaluated: true);
        yield return new("clamp_max", [InstantVector, Scalar], 0, InstantVector, Evaluated: true);
        yield return new("label_replace", [InstantVector, StringValue, StringValue, StringValue, StringValue], 0, InstantVector, Evaluated: true);
        yield return new("label_join", [InstantVector, StringValue, StringValue, StringValue], -1, InstantVector, Evaluated: true);
        yield return new("time", [], 0, Scalar, Evaluated: true);
        yield return new("vector", [Scalar], 0, InstantVector, Evaluated: true);
        yield return new("scalar", [InstantVector], 0, Scalar, Evaluated: true);
        yield return new("absent", [InstantVector], 0, InstantVector, Evaluated: true);

        // Beyond the list, as cheap and as well defined.
        foreach (var name in new[]
                 {
                     "exp", "sqrt", "ln", "log2", "log10", "sgn", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos",
                     "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "sort", "sort_desc",
                 })
        {
            yield return new(name, [InstantVector], 0, InstantVector, Evaluated: true);
        }

        foreach (var name in new[] { "stdvar_over_time", "present_over_time", "absent_over_time", "idelta" })
        {
            yield return new(name, [RangeVector], 0, InstantVector, Evaluated: true);
        }

        foreach (var name in new[] { "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" })
        {
            yield return new(name, [InstantVector], 1, InstantVector, Evaluated: true);
        }

        yield return new("pi", [], 0, Scalar, Evaluated: true);
        yield return new("predict_linear", [RangeVector, Scalar], 0, InstantVector, Evaluated: true);

        // Parsed and type-checked, refused by the evaluator (timestamps of samples are not carried; native histograms
        // are not stored; holt_winters is deprecated upstream).
        foreach (var name in new[] { "timestamp", "histogram_count", "histogram_sum" })
        {
            yield return new(name, [InstantVector], 0, InstantVector, Evaluated: false);
        }

        yield return new("holt_winters", [RangeVector, Scalar, Scalar], 0, InstantVector, Evaluated: false);
        yield return new("histogram_fraction", [Scalar, Scalar, InstantVector], 0, InstantVector, Evaluated: false);
    }
}
