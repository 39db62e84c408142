namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>What the corpus says of a query's answers, from its line's <c>#!</c> annotation.</summary>
internal enum QueryExpectation
{
    /// <summary>No annotation: Prometheus answers, with data at one evaluation at least; ours must answer the same.</summary>
    Data,

    /// <summary><c>#! empty</c>: Prometheus answers with no data at every evaluation, on purpose; ours must too.</summary>
    Empty,

    /// <summary><c>#! error</c>: Prometheus refuses the query; ours must refuse it with the same <c>errorType</c>.</summary>
    Error,

    /// <summary>
    /// <c>#! refused</c> or <c>#! refused: construct</c>: outside what we evaluate; Prometheus answers, ours answers 400
    /// <c>bad_data</c> (whose message names the construct, when one is given).
    /// </summary>
    Refused,

    /// <summary><c>#! skip: reason</c>: not run, because Prometheus's own answer is not deterministic.</summary>
    Skip,
}
