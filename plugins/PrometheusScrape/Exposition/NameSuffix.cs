namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>The suffix by which a sample's name extends its family's name (<c>foo_bucket</c> in family <c>foo</c>).</summary>
internal enum NameSuffix
{
    /// <summary>The sample's name is the family's name.</summary>
    None,

    /// <summary><c>_total</c>: a counter's value (OpenMetrics names the family without it).</summary>
    Total,

    /// <summary><c>_created</c>: when a counter, histogram or summary started, in seconds since the epoch.</summary>
    Created,

    /// <summary><c>_bucket</c>: a histogram bucket, with its <c>le</c> label.</summary>
    Bucket,

    /// <summary><c>_count</c>: a histogram's or summary's count of observations.</summary>
    Count,

    /// <summary><c>_sum</c>: a histogram's or summary's sum of observations.</summary>
    Sum,

    /// <summary><c>_gcount</c>: a gauge histogram's count.</summary>
    GaugeCount,

    /// <summary><c>_gsum</c>: a gauge histogram's sum.</summary>
    GaugeSum,

    /// <summary><c>_info</c>: an info family's sample.</summary>
    Info,
}
