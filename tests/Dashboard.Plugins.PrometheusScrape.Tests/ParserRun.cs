using System.Text;
using Dashboard.Abstractions;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Plugins.PrometheusScrape.Tests;

/// <summary>A parser of one target, kept across scrapes as the plugin keeps it, and the samples of its last scrape.</summary>
internal sealed class ParserRun
{
    private readonly ScrapedSamples _samples = new();

    public ParserRun(bool honorTimestamps = true, bool honorLabels = false, params Label[] targetLabels)
    {
        Parser = new ExpositionParser(new TargetLabels(targetLabels, honorLabels), honorTimestamps);
    }

    public ExpositionParser Parser { get; }

    public int MalformedLines => Parser.MalformedLines;

    public ScrapedSamples Samples => _samples;

    /// <summary>Parses a whole body at once.</summary>
    public IReadOnlyList<ParsedSample> Parse(string body, ExpositionFormat format = ExpositionFormat.Text) =>
        Parse(Encoding.UTF8.GetBytes(body), format);

    public IReadOnlyList<ParsedSample> Parse(byte[] body, ExpositionFormat format = ExpositionFormat.Text)
    {
        _samples.Clear();
        Parser.ParseAll(format, body, _samples);
        return Copy();
    }

    /// <summary>
    /// Parses a body fed in pieces cut at <paramref name="cuts"/>, carrying the unconsumed tail over as the plugin's
    /// read loop does.
    /// </summary>
    public IReadOnlyList<ParsedSample> ParseInPieces(byte[] body, IEnumerable<int> cuts, ExpositionFormat format = ExpositionFormat.Text)
    {
        _samples.Clear();
        Parser.Begin(format, _samples);
        var pending = new List<byte>();
        var start = 0;
        foreach (var cut in cuts.Where(c => c > 0 && c < body.Length).Order().Append(body.Length))
        {
            pending.AddRange(body[start..cut]);
            start = cut;
            var buffer = pending.ToArray();
            var consumed = Parser.Feed(buffer);
            pending.RemoveRange(0, consumed);
        }

        Parser.End(pending.ToArray());
        return Copy();
    }

    /// <summary>The one sample of <paramref name="metric"/> whose labels print as <paramref name="labels"/>.</summary>
    public static ParsedSample Single(IReadOnlyList<ParsedSample> samples, string metric, string labels = "")
    {
        var matches = samples.Where(s => s.Metric == metric && s.Labels == labels).ToList();
        return matches.Count == 1 ? matches[0] : throw new InvalidOperationException(
            $"Expected one {metric}{{{labels}}}, found {matches.Count} in: {string.Join("; ", samples)}");
    }

    private List<ParsedSample> Copy()
    {
        var copy = new List<ParsedSample>(_samples.Count);
        for (var i = 0; i < _samples.Count; i++)
        {
            var series = _samples.Series(i);
            var timestamp = _samples.Timestamp(i);
            copy.Add(new ParsedSample(series.Metric, _samples.Kind(i), ParsedSample.Format(series.Labels), _samples.Value(i),
                timestamp == ScrapedSamples.NoTimestamp ? null : timestamp));
        }

        return copy;
    }
}
