namespace Dashboard.Core.Exposition;

/// <summary>The two text formats a Prometheus scraper negotiates.</summary>
public enum TextExpositionFormat
{
    /// <summary>The Prometheus text format 0.0.4 (<c>text/plain; version=0.0.4</c>).</summary>
    Prometheus = 0,

    /// <summary>OpenMetrics 1.0.0 (<c>application/openmetrics-text; version=1.0.0</c>).</summary>
    OpenMetrics = 1,
}
