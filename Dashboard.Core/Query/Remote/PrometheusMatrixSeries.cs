namespace Dashboard.Core.Query.Remote;

/// <summary>One series of a matrix answer: its labels (<c>metric</c>) and its samples (<c>values</c>), oldest first.</summary>
internal sealed class PrometheusMatrixSeries
{
    public Dictionary<string, string>? Metric { get; set; }

    public List<RemoteSample>? Values { get; set; }
}
