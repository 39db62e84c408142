namespace Dashboard.Core.Query.Remote;

/// <summary>The <c>data</c> of a query answer: its type (<c>matrix</c> for a range selector) and its series.</summary>
internal sealed class PrometheusQueryData
{
    public string? ResultType { get; set; }

    public List<PrometheusMatrixSeries>? Result { get; set; }
}
