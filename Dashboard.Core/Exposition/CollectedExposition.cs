using System.Collections.Concurrent;
using System.Text;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Core.Exposition;

/// <summary>
/// Writes the latest value of every collected series in a Prometheus text format, grouped into one family per metric
/// name across instances, each series labelled with its <c>plugin</c> and <c>instance</c>. A series is rendered to
/// text once, the first time it is exposed; a scrape then costs a copy and a number per series.
/// </summary>
/// <remarks>Scrapes are serialised: they share the grouping buffers.</remarks>
public sealed class CollectedExposition : IDisposable
{
    /// <summary>The label naming the series' plugin.</summary>
    public const string PluginLabel = "plugin";

    /// <summary>The label naming the series' instance.</summary>
    public const string InstanceLabel = "instance";

    // A collected label already named like ours is kept under this prefix, as Prometheus does when honor_labels is off.
    private const string ExportedPrefix = "exported_";

    private readonly LatestSamples _latest;
    private readonly Func<string, string> _pluginOf;
    private readonly ConcurrentDictionary<string, ExposedFamily> _families = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneScrape = new(1, 1);
    private readonly List<InstanceSample> _samples = [];
    private readonly List<ExposedFamily> _used = [];
    private ExposedSeries[] _exposed = [];
    private ExposedSeries[] _grouped = [];
    private double[] _groupedValues = [];
    private long _scrape;

    /// <summary>Creates the exposition of the latest samples.</summary>
    /// <param name="latest">The latest samples of every instance.</param>
    /// <param name="pluginOf">The plugin an instance runs, asked once per series, the first time it is exposed.</param>
    public CollectedExposition(LatestSamples latest, Func<string, string> pluginOf)
    {
        _latest = latest;
        _pluginOf = pluginOf;
    }

    /// <summary>Writes every family whose name the host's own families do not use.</summary>
    /// <param name="output">The response body.</param>
    /// <param name="format">The negotiated format.</param>
    /// <param name="ownFamilies">The names of the host's own families, which a collected family may not repeat.</param>
    /// <param name="cancellationToken">Cancels the scrape.</param>
    /// <returns>What was written and what was left out.</returns>
    public async Task<ExpositionTally> WriteAsync(Stream output, TextExpositionFormat format, IReadOnlySet<string> ownFamilies,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(ownFamilies);
        await _oneScrape.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (series, leftOut) = Group(ownFamilies);
            await using var buffer = new ExpositionBuffer(output);
            foreach (var family in _used)
            {
                if (family.Offset < 0)
                {
                    continue;
                }

                await buffer.WriteAsync(family.TypeLineUtf8(format), cancellationToken).ConfigureAwait(false);
                for (var i = family.Offset; i < family.Offset + family.Count; i++)
                {
                    await buffer.WriteSampleAsync(_grouped[i].Prefix, _groupedValues[i], cancellationToken).ConfigureAwait(false);
                }
            }

            await buffer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new ExpositionTally(series, _used.Count - leftOut, leftOut);
        }
        finally
        {
            _oneScrape.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _oneScrape.Dispose();

    /// <summary>
    /// Takes the latest samples and orders them by family (a counting sort: one pass to tally, one to place), families
    /// by name. A family clashing with the host's own gets offset -1 and is skipped.
    /// </summary>
    private (int Series, int LeftOutFamilies) Group(IReadOnlySet<string> ownFamilies)
    {
        _samples.Clear();
        _used.Clear();
        _latest.CopyAll(_samples);
        var scrape = ++_scrape;
        if (_exposed.Length < _samples.Count)
        {
            _exposed = new ExposedSeries[_samples.Count];
        }

        (string Id, string Plugin) lastInstance = (string.Empty, string.Empty);
        for (var i = 0; i < _samples.Count; i++)
        {
            var (instanceId, sample) = _samples[i];
            if (sample.Series.ExpositionSlot is not ExposedSeries exposed)
            {
                // Samples come instance by instance: ask for an instance's plugin once, not once per new series.
                if (!ReferenceEquals(lastInstance.Id, instanceId))
                {
                    lastInstance = (instanceId, _pluginOf(instanceId));
                }

                exposed = Expose(sample.Series, instanceId, lastInstance.Plugin);
            }

            var family = exposed.Family;
            if (family.Scrape != scrape)
            {
                family.Reset(scrape);
                _used.Add(family);
            }

            family.Count1(sample.Series.Kind);
            _exposed[i] = exposed;
        }

        _used.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var placed = 0;
        var leftOut = 0;
        foreach (var family in _used)
        {
            if (family.ClashesWith(ownFamilies))
            {
                family.Offset = -1;
                leftOut++;
                continue;
            }

            family.Offset = placed;
            placed += family.Count;
            family.Count = 0;
        }

        if (_grouped.Length < placed)
        {
            _grouped = new ExposedSeries[placed];
            _groupedValues = new double[placed];
        }

        for (var i = 0; i < _samples.Count; i++)
        {
            var exposed = _exposed[i];
            var family = exposed.Family;
            if (family.Offset >= 0)
            {
                var at = family.Offset + family.Count++;
                _grouped[at] = exposed;
                _groupedValues[at] = _samples[i].Sample.Value;
            }
        }

        Array.Clear(_exposed, 0, _samples.Count);
        return (placed, leftOut);
    }

    private ExposedSeries Expose(Series series, string instanceId, string plugin)
    {
        var family = _families.GetOrAdd(series.Metric, static name => new ExposedFamily(name));
        var text = new StringBuilder(series.Metric).Append('{');
        foreach (var label in series.Labels)
        {
            var name = label.Name is PluginLabel or InstanceLabel ? ExportedPrefix + label.Name : label.Name;
            AppendLabel(text, name, label.Value).Append(',');
        }

        AppendLabel(text, PluginLabel, plugin).Append(',');
        AppendLabel(text, InstanceLabel, instanceId).Append("} ");
        var exposed = new ExposedSeries(family, Encoding.UTF8.GetBytes(text.ToString()));
        series.ExpositionSlot = exposed;
        return exposed;
    }

    private static StringBuilder AppendLabel(StringBuilder text, string name, string value)
    {
        text.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }

        return text.Append('"');
    }
}
