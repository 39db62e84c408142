using System.Globalization;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.UI.Live;

/// <summary>
/// The metric the overview draws for an instance: its first series, the one its plugin writes first in every collect
/// (series are numbered in the order first written), which for the shipped plugins is their headline figure (CPU
/// for System, collects for Counting). A counter is drawn as its per-second rate, since its raw value only climbs.
/// </summary>
/// <param name="Query">What the sparkline and the explorer link evaluate: the series' selector, <c>name{label="value",…}</c>, or its rate.</param>
public sealed record KeyMetric(string Query)
{
    /// <summary>The key metric of an instance's latest collect, or <see langword="null"/> before its first.</summary>
    /// <param name="latest">The samples of its last collect, in the order its series were first written.</param>
    /// <param name="interval">How often it collects: a rate needs a window of several collects.</param>
    /// <returns>The key metric.</returns>
    public static KeyMetric? Of(IReadOnlyList<Sample> latest, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (latest.Count == 0)
        {
            return null;
        }

        var first = latest.MinBy(s => s.Series.Id).Series;
        var selector = first.ToString();
        if (first.Kind != MetricKind.Counter)
        {
            return new KeyMetric(selector);
        }

        var window = TimeSpan.FromSeconds(Math.Max(60, Math.Ceiling(interval.TotalSeconds * 4)));
        return new KeyMetric(string.Create(CultureInfo.InvariantCulture, $"rate({selector}[{window.TotalSeconds:0}s])"));
    }
}
