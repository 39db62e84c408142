namespace Dashboard.Core.Query.Parsing;

/// <summary>The aggregation operators of PromQL.</summary>
public enum AggregationOperator
{
    /// <summary><c>sum</c></summary>
    Sum,

    /// <summary><c>avg</c></summary>
    Avg,

    /// <summary><c>min</c></summary>
    Min,

    /// <summary><c>max</c></summary>
    Max,

    /// <summary><c>count</c></summary>
    Count,

    /// <summary><c>group</c></summary>
    Group,

    /// <summary><c>stddev</c></summary>
    Stddev,

    /// <summary><c>stdvar</c></summary>
    Stdvar,

    /// <summary><c>topk</c>, with a scalar parameter.</summary>
    Topk,

    /// <summary><c>bottomk</c>, with a scalar parameter.</summary>
    Bottomk,

    /// <summary><c>quantile</c>, with a scalar parameter.</summary>
    Quantile,

    /// <summary><c>count_values</c>, with a string parameter.</summary>
    CountValues,
}
