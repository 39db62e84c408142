namespace Dashboard.Core.Query.Evaluation;

/// <summary>The query engine's limits and staleness window (configuration section <c>Dashboard:Query</c>).</summary>
public sealed class QueryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Query";

    /// <summary>How far back an instant selector looks for a sample (Prometheus's <c>--query.lookback-delta</c>).</summary>
    public TimeSpan LookbackDelta { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most points a query may hold (Prometheus's <c>--query.max-samples</c>, same default).</summary>
    public long MaxSamples { get; set; } = 50_000_000;

    /// <summary>The most steps a range query may have, per series (Prometheus refuses more than 11,000).</summary>
    public int MaxPointsPerSeries { get; set; } = 11_000;

    /// <summary>How long a query may run, unless its <c>timeout</c> parameter asks for less (Prometheus's <c>--query.timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many parsed queries are kept for reuse (each holds its compiled regex matchers).</summary>
    public int ParsedQueryCacheSize { get; set; } = 1000;
}
