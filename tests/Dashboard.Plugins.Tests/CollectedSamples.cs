using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Plugins.Tests;

/// <summary>The samples of one collect, copied out of the host's pooled batch, with look-ups that explain a miss.</summary>
internal sealed class CollectedSamples
{
    private readonly Sample[] _samples;

    public CollectedSamples(Sample[] samples)
    {
        _samples = samples;
    }

    /// <summary>Every distinct metric name written.</summary>
    public IReadOnlySet<string> Metrics => _samples.Select(s => s.Series.Metric).ToHashSet(StringComparer.Ordinal);

    /// <summary>The samples of one metric, whatever their labels.</summary>
    public IReadOnlyList<Sample> Of(string metric) => [.. _samples.Where(s => s.Series.Metric == metric)];

    /// <summary>The values a label takes across the samples of one metric.</summary>
    public IReadOnlySet<string> LabelValues(string metric, string label) =>
        Of(metric).SelectMany(s => s.Series.Labels).Where(l => l.Name == label).Select(l => l.Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The one sample of <paramref name="metric"/> whose labels are exactly <paramref name="labels"/>.</summary>
    public Sample Single(string metric, params (string Name, string Value)[] labels)
    {
        var wanted = labels.Select(l => new Label(l.Name, l.Value)).OrderBy(l => l.Name, StringComparer.Ordinal).ToArray();
        var matches = _samples
            .Where(s => s.Series.Metric == metric && s.Series.Labels.SequenceEqual(wanted))
            .ToList();
        return matches.Count == 1 ? matches[0] : throw new InvalidOperationException(
            $"Expected one sample of {metric}{{{string.Join(',', wanted.Select(l => $"{l.Name}=\"{l.Value}\""))}}}, " +
            $"found {matches.Count}. Written: {this}");
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels are exactly <paramref name="labels"/>.</summary>
    public double Value(string metric, params (string Name, string Value)[] labels) => Single(metric, labels).Value;

    public override string ToString() =>
        _samples.Length == 0 ? "nothing" : string.Join(", ", _samples.Select(s => $"{s.Series} {s.Value}"));
}
