using Dashboard.Abstractions;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// What one series text (<c>name{labels}</c>, exactly as the target wrote it) parses to, made the first time the text is
/// seen and reused by every later scrape: the metric name and the labels to write, the target's labels merged in.
/// A text that does not parse is cached too, with its error, so a target repeating a bad line costs no reparse.
/// </summary>
internal sealed class SeriesEntry
{
    private SeriesEntry(string metric, Label[] labels, MetricFamily? exact, MetricFamily? stem, NameSuffix suffix, string? error)
    {
        Metric = metric;
        Labels = labels;
        Exact = exact;
        Stem = stem;
        Suffix = suffix;
        Error = error;
    }

    /// <summary>The metric name.</summary>
    public string Metric { get; }

    /// <summary>The labels to write: the sample's own, merged with the target's.</summary>
    public Label[] Labels { get; }

    /// <summary>Why the text is malformed, or <see langword="null"/> when it parsed.</summary>
    public string? Error { get; }

    /// <summary>The family named exactly as the sample (a gauge <c>foo</c>, or a text-format counter <c>foo_total</c>).</summary>
    public MetricFamily? Exact { get; }

    /// <summary>The family the name belongs to once <see cref="Suffix"/> is taken off (<c>foo</c> of <c>foo_bucket</c>).</summary>
    public MetricFamily? Stem { get; }

    /// <summary>The known suffix the name ends with, <see cref="NameSuffix.None"/> if none.</summary>
    public NameSuffix Suffix { get; }

    /// <summary>The last scrape that wrote this text; for pruning the cache.</summary>
    public int LastSeenScrape { get; set; }

    public static SeriesEntry Parsed(string metric, Label[] labels, MetricFamily exact, MetricFamily? stem, NameSuffix suffix) =>
        new(metric, labels, exact, stem, suffix, error: null);

    public static SeriesEntry Malformed(string error) => new("", [], null, null, NameSuffix.None, error);

    /// <summary>
    /// The sample's kind by the TYPE lines of scrape <paramref name="scrape"/>: its own family's if that was typed and
    /// has such samples, else the stem family's, else a gauge (untyped).
    /// </summary>
    public MetricKind KindIn(int scrape)
    {
        if (Exact is { } exact && exact.IsTypedIn(scrape) && exact.Has(NameSuffix.None))
        {
            return exact.KindOf(NameSuffix.None);
        }

        if (Stem is { } stem && stem.IsTypedIn(scrape) && stem.Has(Suffix))
        {
            return stem.KindOf(Suffix);
        }

        return MetricKind.Gauge;
    }
}
