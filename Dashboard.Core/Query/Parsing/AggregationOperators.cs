namespace Dashboard.Core.Query.Parsing;

/// <summary>Names and parameters of the aggregation operators.</summary>
public static class AggregationOperators
{
    private static readonly Dictionary<string, AggregationOperator> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = AggregationOperator.Sum,
        ["avg"] = AggregationOperator.Avg,
        ["min"] = AggregationOperator.Min,
        ["max"] = AggregationOperator.Max,
        ["count"] = AggregationOperator.Count,
        ["group"] = AggregationOperator.Group,
        ["stddev"] = AggregationOperator.Stddev,
        ["stdvar"] = AggregationOperator.Stdvar,
        ["topk"] = AggregationOperator.Topk,
        ["bottomk"] = AggregationOperator.Bottomk,
        ["quantile"] = AggregationOperator.Quantile,
        ["count_values"] = AggregationOperator.CountValues,
    };

    /// <summary>Finds an aggregation by name, case-insensitively as PromQL keywords are.</summary>
    /// <param name="name">The name.</param>
    /// <param name="op">The operator.</param>
    /// <returns>Whether the name is an aggregation.</returns>
    public static bool TryGet(string name, out AggregationOperator op) => ByName.TryGetValue(name, out op);

    /// <summary>The operator's name in lower case.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>The name.</returns>
    public static string Name(AggregationOperator op) => op == AggregationOperator.CountValues ? "count_values" : op.ToString().ToLowerInvariant();

    /// <summary>The type of the operator's parameter, or <see langword="null"/> when it takes none.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>The parameter's type.</returns>
    public static PromQLType? ParameterType(AggregationOperator op) => op switch
    {
        AggregationOperator.Topk or AggregationOperator.Bottomk or AggregationOperator.Quantile => PromQLType.Scalar,
        AggregationOperator.CountValues => PromQLType.StringValue,
        _ => null,
    };
}
