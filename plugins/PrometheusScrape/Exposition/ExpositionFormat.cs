namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>The two exposition formats a target may answer with, told apart by its Content-Type.</summary>
internal enum ExpositionFormat
{
    /// <summary>Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>, and anything not OpenMetrics).</summary>
    Text,

    /// <summary>OpenMetrics 1.0 (<c>application/openmetrics-text</c>).</summary>
    OpenMetrics,
}
