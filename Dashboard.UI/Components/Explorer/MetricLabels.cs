using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;

namespace Dashboard.UI.Components.Explorer;

/// <summary>
/// The metric builder's suggestions, read in-process from the store's index over a time range: metric names, the
/// label names of one metric's series, and the values of one of those labels.
/// </summary>
public sealed class MetricLabels(TsdbStore store)
{
    private const string MetricName = "__name__";

    /// <summary>How many suggestions a list shows at most.</summary>
    public const int Limit = 200;

    /// <summary>Metric names containing <paramref name="text"/> (any case), sorted.</summary>
    public IReadOnlyList<string> Metrics(string? text, long startMs, long endMs) =>
        Matching(store.LabelValues(MetricName, startMs, endMs), text);

    /// <summary>The label names of <paramref name="metric"/>'s series (not <c>__name__</c>) containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Names(string? metric, string? text, long startMs, long endMs) =>
        Matching(Series(metric, startMs, endMs).SelectMany(labels => labels.Select(l => l.Name)).Where(n => n != MetricName).Distinct(), text);

    /// <summary>The values of <paramref name="name"/> among <paramref name="metric"/>'s series containing <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Values(string? metric, string? name, string? text, long startMs, long endMs) =>
        string.IsNullOrEmpty(name)
            ? []
            : Matching(Series(metric, startMs, endMs).Select(labels => Array.Find(labels, l => l.Name == name).Value).Where(v => !string.IsNullOrEmpty(v)).Distinct(), text);

    private IReadOnlyList<Dashboard.Abstractions.Label[]> Series(string? metric, long startMs, long endMs) =>
        string.IsNullOrWhiteSpace(metric)
            ? []
            : store.SeriesLabels([new LabelMatcher(LabelMatchType.Equal, MetricName, metric.Trim())], startMs, endMs);

    private static List<string> Matching(IEnumerable<string> all, string? text) =>
        [.. all.Where(s => string.IsNullOrEmpty(text) || s.Contains(text, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).Take(Limit)];
}
