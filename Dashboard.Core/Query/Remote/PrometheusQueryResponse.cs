namespace Dashboard.Core.Query.Remote;

/// <summary>The envelope of a Prometheus API answer: <c>status</c>, and <c>data</c> or <c>errorType</c> and <c>error</c>.</summary>
internal sealed class PrometheusQueryResponse
{
    public string? Status { get; set; }

    public PrometheusQueryData? Data { get; set; }

    public string? ErrorType { get; set; }

    public string? Error { get; set; }
}
