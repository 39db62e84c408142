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

    /// <summary>The store's handle for this series, cached by the store so appends skip the label lookup.</summary>
    internal object? StoreSlot { get; set; }

    /// <summary>The exposition's rendered text of this series, cached the first time <c>/metrics</c> shows it.</summary>
    internal object? ExpositionSlot { get; set; }
    /// <summary>The series' remote_write label set, built once by the first remote_write sink that sees it.</summary>
    internal RemoteWrite.RemoteSeries? RemoteWriteSlot { get; set; }

    /// <inheritdoc />
    public override string ToString() => Format(Metric, Labels);

    /// <summary>
    /// The Prometheus text form of a series, <c>name{a="1",b="2"}</c>, values escaped as in the exposition format so
    /// that distinct series never share a name.
    /// </summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="labels">The labels, sorted by name.</param>
    /// <returns>The series' name.</returns>
    public static string Format(string metric, IReadOnlyList<Label> labels) =>
        labels.Count == 0 ? metric : $"{metric}{{{string.Join(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""))}}}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
