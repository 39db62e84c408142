using Dashboard.Abstractions;

namespace Dashboard.Plugins.PrometheusScrape.Tests;

/// <summary>One parsed sample, copied out of the parser's buffer, with its labels sorted for comparison.</summary>
internal sealed record ParsedSample(string Metric, MetricKind Kind, string Labels, double Value, long? TimestampMs)
{
    public override string ToString() => $"{Metric}{{{Labels}}} {Value} {TimestampMs} {Kind}";

    /// <summary>Labels as <c>a="x",b="y"</c>, sorted by name, unescaped values as they are.</summary>
    public static string Format(IEnumerable<Label> labels) =>
        string.Join(',', labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => $"{l.Name}=\"{l.Value}\""));
}
