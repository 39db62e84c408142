namespace Dashboard.Core.Storage;

/// <summary>Label names with a meaning to the store.</summary>
public static class LabelNames
{
    /// <summary>The label that holds a series' metric name, as in Prometheus.</summary>
    public const string MetricName = "__name__";
}
