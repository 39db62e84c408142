using Dashboard.Abstractions;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// A metric family a target has named, in a TYPE or HELP line or as the stem of a sample's name, kept across scrapes.
/// Its type holds only for the scrape whose TYPE line set it: a target that drops the line makes the family untyped.
/// </summary>
internal sealed class MetricFamily
{
    private FamilyType _type;
    private int _typedInScrape = -1;

    public MetricFamily(string name)
    {
        Name = name;
    }

    /// <summary>The family's name, as in its TYPE line.</summary>
    public string Name { get; }

    /// <summary>The last scrape that named this family or a series of it; for pruning the cache.</summary>
    public int LastSeenScrape { get; set; }

    /// <summary>Records the type a TYPE line of scrape <paramref name="scrape"/> gave the family.</summary>
    public void SetType(FamilyType type, int scrape)
    {
        _type = type;
        _typedInScrape = scrape;
        LastSeenScrape = scrape;
    }

    /// <summary>Whether scrape <paramref name="scrape"/> gave this family a type.</summary>
    public bool IsTypedIn(int scrape) => _typedInScrape == scrape;

    /// <summary>
    /// The kind of a sample of this family whose name has <paramref name="suffix"/>: the running totals (a counter's
    /// value; a histogram's buckets, count and sum; a summary's count and sum) are counters, the rest gauges. A
    /// <c>_created</c> sample is a timestamp, hence a gauge; so is a suffix the family's type does not have.
    /// </summary>
    public MetricKind KindOf(NameSuffix suffix) => (_type, suffix) switch
    {
        (FamilyType.Counter, NameSuffix.None or NameSuffix.Total) => MetricKind.Counter,
        (FamilyType.Histogram, NameSuffix.Bucket or NameSuffix.Count or NameSuffix.Sum) => MetricKind.Counter,
        (FamilyType.Summary, NameSuffix.Count or NameSuffix.Sum) => MetricKind.Counter,
        _ => MetricKind.Gauge,
    };

    /// <summary>Whether <paramref name="suffix"/> is one a sample of a family of <see cref="FamilyType"/> may have.</summary>
    public bool Has(NameSuffix suffix) => (_type, suffix) switch
    {
        (_, NameSuffix.None) => _type is not (FamilyType.Histogram or FamilyType.GaugeHistogram or FamilyType.Info),
        (FamilyType.Counter, NameSuffix.Total or NameSuffix.Created) => true,
        (FamilyType.Histogram, NameSuffix.Bucket or NameSuffix.Count or NameSuffix.Sum or NameSuffix.Created) => true,
        (FamilyType.GaugeHistogram, NameSuffix.Bucket or NameSuffix.GaugeCount or NameSuffix.GaugeSum) => true,
        (FamilyType.Summary, NameSuffix.Count or NameSuffix.Sum or NameSuffix.Created) => true,
        (FamilyType.Info, NameSuffix.Info) => true,
        _ => false,
    };
}
