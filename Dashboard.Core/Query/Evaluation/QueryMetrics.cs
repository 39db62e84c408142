using System.Diagnostics.Metrics;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>The query engine's figures (meter <c>Dashboard.Query</c>): queries by kind and outcome, and their durations.</summary>
public sealed class QueryMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Dashboard.Query";

    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _failures;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public QueryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _duration = _meter.CreateHistogram("dashboard.query.duration", "s",
            "Time to evaluate a query that succeeded, by kind (instant or range).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 120] });
        _failures = _meter.CreateCounter<long>("dashboard.query.failures", "{query}",
            "Queries that failed, by kind and reason (bad_data, execution, timeout, canceled).");
    }

    internal void Completed(string kind, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    internal void Failed(string kind, QueryErrorKind reason) => _failures.Add(1,
        new KeyValuePair<string, object?>("kind", kind),
        new KeyValuePair<string, object?>("reason", reason switch
        {
            QueryErrorKind.BadData => "bad_data",
            QueryErrorKind.Execution => "execution",
            QueryErrorKind.Timeout => "timeout",
            _ => "canceled",
        }));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
