namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>The type a <c># TYPE</c> line gives a metric family, in either format.</summary>
internal enum FamilyType
{
    /// <summary><c>untyped</c> (text) or <c>unknown</c> (OpenMetrics), and any family without a TYPE line.</summary>
    Unknown,

    /// <summary><c>counter</c>.</summary>
    Counter,

    /// <summary><c>gauge</c>.</summary>
    Gauge,

    /// <summary><c>histogram</c>.</summary>
    Histogram,

    /// <summary><c>gaugehistogram</c> (OpenMetrics).</summary>
    GaugeHistogram,

    /// <summary><c>summary</c>.</summary>
    Summary,

    /// <summary><c>stateset</c> (OpenMetrics).</summary>
    StateSet,

    /// <summary><c>info</c> (OpenMetrics).</summary>
    Info,
}
