using Dashboard.Abstractions;

namespace Dashboard.Core.Collection;

/// <summary>
/// One time series of one instance: metric name plus its full label set (the sample's labels and the instance's,
/// sorted by name). Created once, the first time a collect writes it, and shared by every later sample.
/// </summary>
public sealed class Series
{
    internal Series(int id, string metric, MetricKind kind, Label[] labels)
    {
        Id = id;
        Metric = metric;
        Kind = kind;
        Labels = labels;
    }

    /// <summary>Dense index of this series within its instance's <see cref="SeriesTable"/>.</summary>
    public int Id { get; }

    /// <summary>The metric name.</summary>
    public string Metric { get; }

    /// <summary>Gauge or counter, as first written.</summary>
    public MetricKind Kind { get; }

    /// <summary>All labels, sorted by name, instance labels included.</summary>
    public IReadOnlyList<Label> Labels { get; }

    /// <inheritdoc />
    public override string ToString() =>
        Labels.Count == 0 ? Metric : $"{Metric}{{{string.Join(',', Labels.Select(l => $"{l.Name}=\"{l.Value}\""))}}}";
}
