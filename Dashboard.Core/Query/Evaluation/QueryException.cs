namespace Dashboard.Core.Query.Evaluation;

/// <summary>A query that cannot be answered, with Prometheus's kind and wording.</summary>
/// <param name="kind">The kind, for the API's <c>errorType</c>.</param>
/// <param name="message">What went wrong, as Prometheus words it where it has the same case.</param>
/// <param name="inner">The cause, if any.</param>
public sealed class QueryException(QueryErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The kind, for the API's <c>errorType</c>.</summary>
    public QueryErrorKind Kind { get; } = kind;

    /// <summary>The query parameter at fault (<c>end</c>, <c>step</c>), when the fault is one parameter's.</summary>
    public string? Parameter { get; init; }

    internal static QueryException Execution(string message) => new(QueryErrorKind.Execution, message);

    internal static QueryException Unsupported(string what) =>
        new(QueryErrorKind.BadData, $"{what} is not supported by this server's query engine (docs/query.md lists what is)");
}
