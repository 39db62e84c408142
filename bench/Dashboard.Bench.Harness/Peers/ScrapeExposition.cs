using System.Buffers;
using System.Globalization;
using System.Text;
using Dashboard.Bench.Harness.StorageData;

namespace Dashboard.Bench.Harness.Peers;

/// <summary>One scrape target's series, rendered as text exposition one round per scrape into a reused buffer.</summary>
internal sealed class ScrapeExposition(SyntheticSeries[] series)
{
    private readonly byte[][] _prefixes = series.Select(s => Encoding.UTF8.GetBytes(Prefix(s.Series))).ToArray();
    private readonly ArrayBufferWriter<byte> _body = new(1 << 20);

    public ReadOnlyMemory<byte> NextRound()
    {
        _body.ResetWrittenCount();
        for (var i = 0; i < series.Length; i++)
        {
            _body.Write(_prefixes[i]);
            var value = series[i].Next().Value;
            var span = _body.GetSpan(32);
            if (!value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException($"Could not format {value}.");
            }

            span[written] = (byte)'\n';
            _body.Advance(written + 1);
        }

        return _body.WrittenMemory;
    }

    // The scraper adds job and instance itself, so the series' own are left out (job) or renamed (instance → host)
    // rather than clash with them. Synthetic label values hold no quote, backslash or newline: nothing to escape.
    private static string Prefix(BenchSeries series) =>
        series.MetricName + "{" + string.Join(",", series.Labels
            .Where(l => l.Name is not (BenchSeries.MetricNameLabel or "job"))
            .Select(l => $"{(l.Name == "instance" ? "host" : l.Name)}=\"{l.Value}\"")) + "} ";
}
