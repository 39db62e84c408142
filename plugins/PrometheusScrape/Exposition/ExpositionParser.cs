using System.Text;
using System.Text.Unicode;
using Dashboard.Abstractions;
using static Dashboard.Plugins.PrometheusScrape.Exposition.ExpositionText;

namespace Dashboard.Plugins.PrometheusScrape.Exposition;

/// <summary>
/// Parses the exposition of one target, text format 0.0.4 or OpenMetrics 1.0, from UTF-8 bytes fed as they arrive,
/// into <see cref="ScrapedSamples"/>. A malformed line is counted, remembered as <see cref="LastError"/> and skipped;
/// nothing a target sends makes it throw.
/// </summary>
/// <remarks>
/// <para>The hot path is a known series: the text up to the end of the label set (<c>name{labels}</c>, exactly as
/// written) is looked up, without copying, among the texts of earlier scrapes, and only the value and timestamp are
/// parsed. A text seen for the first time is parsed once into a <see cref="SeriesEntry"/> (the strings, the labels
/// merged with the target's) and kept. So a steady-state scrape allocates nothing per sample.</para>
/// <para>One parser per target; not thread-safe. Entries unseen for a scrape are pruned once they outnumber the live
/// ones, so a target whose series churn does not grow the cache without end.</para>
/// </remarks>
internal sealed class ExpositionParser
{
    // Below this many cached texts (or families) nothing is pruned: pruning costs a pass over the cache.
    private const int PruneSlack = 1024;

    private readonly Dictionary<byte[], SeriesEntry> _series = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], SeriesEntry>.AlternateLookup<ReadOnlySpan<byte>> _seriesLookup;
    private readonly Dictionary<byte[], MetricFamily> _families = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], MetricFamily>.AlternateLookup<ReadOnlySpan<byte>> _familyLookup;
    private readonly TargetLabels _target;
    private readonly bool _honorTimestamps;
    private readonly List<Label> _labels = [];
    private readonly byte[] _lastErrorLine = new byte[80];
    private byte[] _unescaped = new byte[256];
    private int _unescapedLength;
    private int _lastErrorLineLength;
    private string? _lastError;

    private ExpositionFormat _format;
    private ScrapedSamples _samples = new();
    private int _scrape;
    private int _seriesSeen;
    private int _familiesSeen;
    private bool _sawEof;

    /// <summary>Creates the parser of one target.</summary>
    /// <param name="target">The target's labels and how they meet the scraped ones.</param>
    /// <param name="honorTimestamps">Whether a sample's own timestamp is kept (else the collect's time is used).</param>
    public ExpositionParser(TargetLabels target, bool honorTimestamps)
    {
        _target = target;
        _honorTimestamps = honorTimestamps;
        _seriesLookup = _series.GetAlternateLookup<ReadOnlySpan<byte>>();
        _familyLookup = _families.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Malformed lines in the current scrape.</summary>
    public int MalformedLines { get; private set; }

    /// <summary>Why the last malformed line was, with its line's start; <see langword="null"/> if none was.</summary>
    /// <remarks>Made when read: a target that sends the same bad line every scrape costs no string per scrape.</remarks>
    public string? LastError => _lastError is null ? null
        : _lastErrorLineLength == 0 ? _lastError
        : $"{_lastError}: {Encoding.UTF8.GetString(_lastErrorLine, 0, _lastErrorLineLength)}";

    /// <summary>How many series texts are cached.</summary>
    public int CachedSeries => _series.Count;

    /// <summary>Starts a scrape whose body is in <paramref name="format"/>; its samples go to <paramref name="samples"/>.</summary>
    public void Begin(ExpositionFormat format, ScrapedSamples samples)
    {
        _format = format;
        _samples = samples;
        _scrape++;
        _seriesSeen = 0;
        _familiesSeen = 0;
        _sawEof = false;
        MalformedLines = 0;
        _lastError = null;
    }

    /// <summary>Parses every complete line (ended by <c>\n</c>) of <paramref name="data"/>.</summary>
    /// <returns>How many bytes were consumed: the rest is the start of a line still to come.</returns>
    public int Feed(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (true)
        {
            var newline = data[consumed..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return consumed;
            }

            ParseLine(data.Slice(consumed, newline));
            consumed += newline + 1;
        }
    }

    /// <summary>Ends the scrape: parses the last line if it had no <c>\n</c>, checks the OpenMetrics <c># EOF</c>.</summary>
    public void End(ReadOnlySpan<byte> rest)
    {
        if (!rest.IsEmpty)
        {
            ParseLine(rest);
        }

        if (_format == ExpositionFormat.OpenMetrics && !_sawEof)
        {
            Malformed("the OpenMetrics exposition does not end with # EOF", []);
        }

        Prune();
    }

    /// <summary>Parses a whole body at once: <see cref="Begin"/>, <see cref="Feed"/>, <see cref="End"/>.</summary>
    public void ParseAll(ExpositionFormat format, ReadOnlySpan<byte> body, ScrapedSamples samples)
    {
        Begin(format, samples);
        var consumed = Feed(body);
        End(body[consumed..]);
    }

    private void ParseLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (_sawEof)
        {
            Malformed("a line follows # EOF", line);
            return;
        }

        if (_format == ExpositionFormat.Text)
        {
            line = TrimBlanks(line);
        }

        if (line.IsEmpty)
        {
            if (_format == ExpositionFormat.OpenMetrics)
            {
                Malformed("an empty line (OpenMetrics has none)", line);
            }

            return;
        }

        if (line[0] == '#')
        {
            if (_format == ExpositionFormat.OpenMetrics)
            {
                ParseOpenMetricsComment(line);
            }
            else
            {
                ParseTextComment(line);
            }

            return;
        }

        ParseSample(line);
    }

    private void ParseTextComment(ReadOnlySpan<byte> line)
    {
        var rest = TrimBlanks(line[1..]);
        if (rest.StartsWith("HELP"u8) && rest.Length > 4 && IsBlank(rest[4]))
        {
            ParseHelp(rest[5..], line);
        }
        else if (rest.StartsWith("TYPE"u8) && rest.Length > 4 && IsBlank(rest[4]))
        {
            ParseType(rest[5..], line);
        }

        // Any other line starting with # is a comment in the text format.
    }

    private void ParseOpenMetricsComment(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("# EOF"u8))
        {
            _sawEof = true;
        }
        else if (line.StartsWith("# HELP "u8))
        {
            ParseHelp(line[7..], line);
        }
        else if (line.StartsWith("# TYPE "u8))
        {
            ParseType(line[7..], line);
        }
        else if (line.StartsWith("# UNIT "u8))
        {
            // The unit is already the name's suffix; only the name is checked.
            if (MetricNameLength(line[7..]) == 0)
            {
                Malformed("# UNIT names no valid metric", line);
            }
        }
        else
        {
            Malformed("OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF lines", line);
        }
    }

    // Only the name is checked: the sample writer has no place for the help text.
    private void ParseHelp(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> line)
    {
        rest = TrimStartBlanks(rest);
        var nameLength = MetricNameLength(rest);
        if (nameLength == 0 || (nameLength < rest.Length && !IsBlank(rest[nameLength])))
        {
            Malformed("# HELP names no valid metric", line);
        }
    }

    private void ParseType(ReadOnlySpan<byte> rest, ReadOnlySpan<byte> line)
    {
        rest = TrimStartBlanks(rest);
        var nameLength = MetricNameLength(rest);
        if (nameLength == 0 || nameLength == rest.Length || !IsBlank(rest[nameLength]))
        {
            Malformed("# TYPE names no valid metric", line);
            return;
        }

        var type = TrimBlanks(rest[nameLength..]) switch
        {
            var t when t.SequenceEqual("counter"u8) => FamilyType.Counter,
            var t when t.SequenceEqual("gauge"u8) => FamilyType.Gauge,
            var t when t.SequenceEqual("histogram"u8) => FamilyType.Histogram,
            var t when t.SequenceEqual("summary"u8) => FamilyType.Summary,
            var t when t.SequenceEqual("untyped"u8) || t.SequenceEqual("unknown"u8) => FamilyType.Unknown,
            var t when t.SequenceEqual("gaugehistogram"u8) => FamilyType.GaugeHistogram,
            var t when t.SequenceEqual("stateset"u8) => FamilyType.StateSet,
            var t when t.SequenceEqual("info"u8) => FamilyType.Info,
            _ => (FamilyType?)null,
        };
        if (type is null)
        {
            Malformed("# TYPE gives an unknown type", line);
            return;
        }

        Family(rest[..nameLength]).SetType(type.Value, _scrape);
    }

    private void ParseSample(ReadOnlySpan<byte> line)
    {
        var end = SeriesTextLength(line, out var error);
        if (end < 0)
        {
            Malformed(error!, line);
            return;
        }

        _seriesSeen++;
        if (!_seriesLookup.TryGetValue(line[..end], out var series))
        {
            series = AddSeries(line[..end]);
        }

        series.LastSeenScrape = _scrape;
        if (series.Error is { } invalid)
        {
            Malformed(invalid, line);
            return;
        }

        var rest = line[end..];
        if (rest.IsEmpty || !IsBlank(rest[0]))
        {
            Malformed("no value follows the series", line);
            return;
        }

        rest = TrimStartBlanks(rest);
        var token = Token(rest);
        if (!ExpositionNumbers.TryParseValue(rest[..token], out var value))
        {
            Malformed("the value is not a number", line);
            return;
        }

        rest = TrimStartBlanks(rest[token..]);
        var timestamp = ScrapedSamples.NoTimestamp;
        if (!rest.IsEmpty && rest[0] != '#')
        {
            token = Token(rest);
            var parsed = _format == ExpositionFormat.OpenMetrics
                ? ExpositionNumbers.TryParseSeconds(rest[..token], out timestamp)
                : ExpositionNumbers.TryParseMilliseconds(rest[..token], out timestamp);
            if (!parsed)
            {
                Malformed(_format == ExpositionFormat.OpenMetrics
                    ? "the timestamp is not a number of seconds"
                    : "the timestamp is not an integer number of milliseconds", line);
                return;
            }

            rest = TrimStartBlanks(rest[token..]);
        }

        if (!rest.IsEmpty)
        {
            if (_format != ExpositionFormat.OpenMetrics || !IsExemplar(rest))
            {
                Malformed(_format == ExpositionFormat.OpenMetrics ? "text after the value is not an exemplar" : "text follows the value", line);
                return;
            }
        }

        _samples.Add(series, series.KindIn(_scrape), value, _honorTimestamps ? timestamp : ScrapedSamples.NoTimestamp);
    }

    // An exemplar, which is checked and dropped: "# {labels} value [timestamp]".
    private bool IsExemplar(ReadOnlySpan<byte> text)
    {
        if (!text.StartsWith("# {"u8))
        {
            return false;
        }

        var labelsEnd = LabelSetLength(text[2..]);
        if (labelsEnd < 0 || ParseLabels(text.Slice(3, labelsEnd - 2), labels: null) is not null)
        {
            return false;
        }

        var rest = text[(2 + labelsEnd)..];
        if (rest.IsEmpty || !IsBlank(rest[0]))
        {
            return false;
        }

        rest = TrimStartBlanks(rest);
        var token = Token(rest);
        if (!ExpositionNumbers.TryParseValue(rest[..token], out _))
        {
            return false;
        }

        rest = TrimStartBlanks(rest[token..]);
        if (rest.IsEmpty)
        {
            return true;
        }

        token = Token(rest);
        return ExpositionNumbers.TryParseSeconds(rest[..token], out _) && TrimStartBlanks(rest[token..]).IsEmpty;
    }

    // The slow path: a series text not seen before.
    private SeriesEntry AddSeries(ReadOnlySpan<byte> text)
    {
        var entry = ParseSeries(text);
        _series[text.ToArray()] = entry;
        return entry;
    }

    private SeriesEntry ParseSeries(ReadOnlySpan<byte> text)
    {
        var nameLength = MetricNameLength(text);
        _labels.Clear();
        if (nameLength < text.Length)
        {
            // SeriesTextLength guarantees "{...}" here.
            if (ParseLabels(text[(nameLength + 1)..^1], _labels) is { } error)
            {
                return SeriesEntry.Malformed(error);
            }
        }

        var name = text[..nameLength];
        var exact = Family(name);
        var (suffix, stemLength) = SuffixOf(name);
        var stem = suffix == NameSuffix.None ? null : Family(name[..stemLength]);
        return SeriesEntry.Parsed(exact.Name, _target.Merge(_labels), exact, stem, suffix);
    }

    /// <summary>
    /// Parses the inside of a label set into <paramref name="labels"/>, or only checks it when that is null (an
    /// exemplar's, which is dropped: no strings are made for it).
    /// </summary>
    /// <returns>Why the label set is malformed, or <see langword="null"/>.</returns>
    private string? ParseLabels(ReadOnlySpan<byte> text, List<Label>? labels)
    {
        labels?.Clear();
        var rest = TrimStartBlanks(text);
        while (!rest.IsEmpty)
        {
            var nameLength = LabelNameLength(rest);
            if (nameLength == 0)
            {
                return "a label name is invalid";
            }

            var name = rest[..nameLength];
            rest = TrimStartBlanks(rest[nameLength..]);
            if (rest.IsEmpty || rest[0] != '=')
            {
                return "a label name is not followed by =";
            }

            rest = TrimStartBlanks(rest[1..]);
            if (rest.IsEmpty || rest[0] != '"')
            {
                return "a label value is not quoted";
            }

            var valueLength = Unescape(rest[1..], out var error);
            if (valueLength < 0)
            {
                return error;
            }

            rest = TrimStartBlanks(rest[(1 + valueLength)..]);
            if (labels is not null && AddLabel(labels, name) is { } invalid)
            {
                return invalid;
            }

            if (rest.IsEmpty)
            {
                break;
            }

            if (rest[0] != ',')
            {
                return "labels are not separated by commas";
            }

            rest = TrimStartBlanks(rest[1..]);
        }

        return null;
    }

    // Adds the label whose value Unescape left in the scratch buffer.
    private string? AddLabel(List<Label> labels, ReadOnlySpan<byte> name)
    {
        if (name.StartsWith("__"u8))
        {
            return "a label name starts with __, which is reserved";
        }

        var labelName = Encoding.UTF8.GetString(name);
        foreach (var label in labels)
        {
            if (label.Name == labelName)
            {
                return $"label {labelName} appears twice";
            }
        }

        // An empty value is no label at all, as in Prometheus: foo{a=""} is the series foo.
        var unescaped = _unescaped.AsSpan(0, _unescapedLength);
        if (!unescaped.IsEmpty)
        {
            labels.Add(new Label(labelName, Encoding.UTF8.GetString(unescaped)));
        }

        return null;
    }

    /// <summary>
    /// Unescapes a quoted label value (<paramref name="text"/> starts after the opening quote) into the scratch buffer.
    /// </summary>
    /// <returns>How many bytes the value took, closing quote included; -1 if malformed.</returns>
    private int Unescape(ReadOnlySpan<byte> text, out string? error)
    {
        error = null;
        if (_unescaped.Length < text.Length)
        {
            _unescaped = new byte[Math.Max(text.Length, _unescaped.Length * 2)];
        }

        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                _unescapedLength = length;
                if (!Utf8.IsValid(_unescaped.AsSpan(0, length)))
                {
                    error = "a label value is not valid UTF-8";
                    return -1;
                }

                return i + 1;
            }

            if (c == '\\')
            {
                if (++i == text.Length)
                {
                    break;
                }

                switch (text[i])
                {
                    case (byte)'\\':
                        _unescaped[length++] = (byte)'\\';
                        break;
                    case (byte)'"':
                        _unescaped[length++] = (byte)'"';
                        break;
                    case (byte)'n':
                        _unescaped[length++] = (byte)'\n';
                        break;
                    case var other when _format == ExpositionFormat.Text:
                        // The text format keeps an unknown escape as written, as Prometheus does.
                        _unescaped[length++] = (byte)'\\';
                        _unescaped[length++] = other;
                        break;
                    default:
                        error = "a label value has an escape other than \\\\, \\\" or \\n";
                        return -1;
                }

                continue;
            }

            _unescaped[length++] = c;
        }

        error = "a label value has no closing quote";
        return -1;
    }

    private MetricFamily Family(ReadOnlySpan<byte> name)
    {
        _familiesSeen++;
        if (!_familyLookup.TryGetValue(name, out var family))
        {
            family = new MetricFamily(Encoding.UTF8.GetString(name));
            _families[name.ToArray()] = family;
        }

        return family;
    }

    private static (NameSuffix Suffix, int StemLength) SuffixOf(ReadOnlySpan<byte> name)
    {
        // Longest first where one ends another: _gcount before _count, _gsum before _sum.
        ReadOnlySpan<NameSuffix> suffixes =
            [NameSuffix.Total, NameSuffix.Created, NameSuffix.Bucket, NameSuffix.GaugeCount, NameSuffix.Count, NameSuffix.GaugeSum, NameSuffix.Sum, NameSuffix.Info];
        foreach (var suffix in suffixes)
        {
            var text = suffix switch
            {
                NameSuffix.Total => "_total"u8,
                NameSuffix.Created => "_created"u8,
                NameSuffix.Bucket => "_bucket"u8,
                NameSuffix.GaugeCount => "_gcount"u8,
                NameSuffix.Count => "_count"u8,
                NameSuffix.GaugeSum => "_gsum"u8,
                NameSuffix.Sum => "_sum"u8,
                _ => "_info"u8,
            };
            if (name.Length > text.Length && name.EndsWith(text))
            {
                return (suffix, name.Length - text.Length);
            }
        }

        return (NameSuffix.None, name.Length);
    }

    private void Prune()
    {
        if (_series.Count > (2 * _seriesSeen) + PruneSlack)
        {
            foreach (var (key, entry) in _series)
            {
                if (entry.LastSeenScrape != _scrape)
                {
                    _series.Remove(key);
                }
            }
        }

        if (_families.Count > (2 * _familiesSeen) + PruneSlack)
        {
            // A family a kept series points to must stay: a new object of the same name would not be the one it checks.
            foreach (var entry in _series.Values)
            {
                entry.Exact?.LastSeenScrape = _scrape;
                entry.Stem?.LastSeenScrape = _scrape;
            }

            foreach (var (key, family) in _families)
            {
                if (family.LastSeenScrape != _scrape)
                {
                    _families.Remove(key);
                }
            }
        }
    }

    private void Malformed(string error, ReadOnlySpan<byte> line)
    {
        MalformedLines++;

        // The line's start says which line it was; a cut through a UTF-8 sequence only costs a replacement character.
        _lastError = error;
        _lastErrorLineLength = Math.Min(line.Length, _lastErrorLine.Length);
        line[.._lastErrorLineLength].CopyTo(_lastErrorLine);
    }
}
