namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// The identity of one series: its labels sorted by name, <c>__name__</c> included. Samples point at one shared
/// instance, so tens of millions of samples cost one reference each, not a copy of the labels.
/// </summary>
internal sealed class BenchSeries
{
    public const string MetricNameLabel = "__name__";

    public BenchSeries(IEnumerable<BenchLabel> labels)
    {
        Labels = labels.OrderBy(l => l.Name, StringComparer.Ordinal).ToArray();
        MetricName = Labels.FirstOrDefault(l => l.Name == MetricNameLabel).Value
            ?? throw new ArgumentException("A series needs a __name__ label.", nameof(labels));
    }

    public IReadOnlyList<BenchLabel> Labels { get; }

    public string MetricName { get; }

    /// <summary>The form <c>promtool tsdb dump</c> prints: <c>{__name__="x", a="b"}</c>, quotes and backslashes escaped.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")) + "}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
