namespace Dashboard.Host.Api;

/// <summary>
/// The <c>errorType</c> of a Prometheus API error, each with the HTTP status Prometheus answers it with; clients
/// (Grafana, promtool) branch on these, so the pairs are Prometheus's, not ours.
/// </summary>
internal enum PrometheusApiErrorType
{
    /// <summary><c>bad_data</c>, 400: a parameter cannot be parsed or is missing.</summary>
    BadData,

    /// <summary><c>execution</c>, 422: the request is well formed but could not be carried out (e.g. a block unreadable).</summary>
    Execution,

    /// <summary><c>timeout</c>, 503: the request ran out of time (the query routes' limit).</summary>
    Timeout,

    /// <summary><c>internal</c>, 500: a fault of ours.</summary>
    /// <summary><c>canceled</c>, 503: the client went away while the query ran.</summary>
    Canceled,

    Internal,
}
