using Dashboard.Abstractions;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>A query's answer, in one of Prometheus's four result types.</summary>
public abstract record QueryResult
{
    /// <summary>Prometheus's <c>resultType</c>: <c>scalar</c>, <c>string</c>, <c>vector</c> or <c>matrix</c>.</summary>
    public abstract string ResultType { get; }
}

/// <summary>A scalar at the query's time.</summary>
/// <param name="TimeMs">The evaluation time, Unix ms.</param>
/// <param name="Value">The value.</param>
public sealed record ScalarResult(long TimeMs, double Value) : QueryResult
{
    /// <inheritdoc />
    public override string ResultType => "scalar";
}

/// <summary>A string literal at the query's time.</summary>
/// <param name="TimeMs">The evaluation time, Unix ms.</param>
/// <param name="Value">The string.</param>
public sealed record StringResult(long TimeMs, string Value) : QueryResult
{
    /// <inheritdoc />
    public override string ResultType => "string";
}

/// <summary>An instant vector: one sample per series, all at the query's time.</summary>
/// <param name="TimeMs">The evaluation time, Unix ms.</param>
/// <param name="Samples">The samples, in evaluation order.</param>
public sealed record VectorResult(long TimeMs, IReadOnlyList<VectorSample> Samples) : QueryResult
{
    /// <inheritdoc />
    public override string ResultType => "vector";
}

/// <summary>One sample of an instant vector.</summary>
/// <param name="Labels">The series' labels, sorted by name.</param>
/// <param name="Value">The value.</param>
public readonly record struct VectorSample(Label[] Labels, double Value);
