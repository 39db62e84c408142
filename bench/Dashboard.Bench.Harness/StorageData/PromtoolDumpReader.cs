using System.Globalization;
using System.Text;

namespace Dashboard.Bench.Harness.StorageData;

/// <summary>
/// Reads the output of <c>promtool tsdb dump</c>: one <c>{__name__="x", a="b"} value timestamp_ms</c> line per sample,
/// label values quoted the way Go's <c>strconv.Quote</c> does, values printed by <c>%g</c> (so <c>NaN</c>, <c>+Inf</c>,
/// <c>1e+06</c>). promtool prints all of one series, then the next; samples of one series share one
/// <see cref="BenchSeries"/>.
/// </summary>
internal sealed class PromtoolDumpReader
{
    private readonly Dictionary<string, BenchSeries> _series = new(StringComparer.Ordinal);
    private BenchSeries? _previous;
    private string _previousKey = "";

    private PromtoolDumpReader()
    {
    }

    /// <summary>The samples in file order: series by series, each oldest first.</summary>
    public static IEnumerable<BenchSample> Read(string path)
    {
        var reader = new PromtoolDumpReader();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length != 0)
            {
                yield return reader.ParseLine(line, lineNumber);
            }
        }
    }

    /// <summary>All samples sorted by timestamp; ties keep file order, i.e. series order.</summary>
    public static BenchSample[] ReadTimeOrdered(string path) =>
        // OrderBy is a stable sort.
        Read(path).OrderBy(s => s.TimestampMs).ToArray();

    private BenchSample ParseLine(string line, int lineNumber)
    {
        var span = line.AsSpan();
        var close = LabelsEnd(span, lineNumber);
        var key = span[..(close + 1)];
        if (_previous is null || !key.SequenceEqual(_previousKey))
        {
            // The dump holds each series in one run, but a map costs little and takes any order.
            if (!_series.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out var storedKey, out _previous))
            {
                storedKey = key.ToString();
                _previous = new BenchSeries(ParseLabels(key, lineNumber));
                _series.Add(storedKey, _previous);
            }

            _previousKey = storedKey;
        }

        var rest = span[(close + 1)..].Trim();
        var space = rest.LastIndexOf(' ');
        if (space < 0)
        {
            throw Invalid(lineNumber, "expected 'value timestamp' after the labels");
        }

        var value = ParseValue(rest[..space].Trim(), lineNumber);
        return long.TryParse(rest[(space + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp)
            ? new BenchSample(_previous, timestamp, value)
            : throw Invalid(lineNumber, "the timestamp is not an integer");
    }

    // The '}' that closes the label set, found outside quoted values (a value may hold '}' or an escaped quote).
    private static int LabelsEnd(ReadOnlySpan<char> line, int lineNumber)
    {
        if (line[0] != '{')
        {
            throw Invalid(lineNumber, "a line starts with '{'");
        }

        var quoted = false;
        for (var i = 1; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i;
                default:
                    break;
            }
        }

        throw Invalid(lineNumber, "the label set is not closed");
    }

    private static List<BenchLabel> ParseLabels(ReadOnlySpan<char> set, int lineNumber)
    {
        var labels = new List<BenchLabel>();
        var i = 1;
        while (i < set.Length - 1)
        {
            while (set[i] is ' ' or ',')
            {
                i++;
            }

            var equals = set[i..].IndexOf("=\"", StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid(lineNumber, "expected name=\"value\"");
            }

            var name = set.Slice(i, equals).ToString();
            i += equals + 2;
            var value = new StringBuilder();
            while (set[i] != '"')
            {
                if (set[i] != '\\')
                {
                    value.Append(set[i++]);
                    continue;
                }

                i = Unescape(set, i + 1, value, lineNumber);
            }

            labels.Add(new BenchLabel(name, value.ToString()));
            i++;
        }

        return labels;
    }

    // One escape of Go's strconv.Quote, starting just after the backslash; returns the index after it.
    private static int Unescape(ReadOnlySpan<char> text, int i, StringBuilder value, int lineNumber)
    {
        var c = text[i];
        switch (c)
        {
            case 'a': value.Append('\a'); return i + 1;
            case 'b': value.Append('\b'); return i + 1;
            case 'f': value.Append('\f'); return i + 1;
            case 'n': value.Append('\n'); return i + 1;
            case 'r': value.Append('\r'); return i + 1;
            case 't': value.Append('\t'); return i + 1;
            case 'v': value.Append('\v'); return i + 1;
            case '\\' or '"' or '\'': value.Append(c); return i + 1;
            // Go writes \xHH only for a byte that is not UTF-8; Prometheus refuses such label values, so this keeps the
            // byte's code rather than failing on a file that should not exist.
            case 'x': value.Append((char)Hex(text.Slice(i + 1, 2), lineNumber)); return i + 3;
            case 'u': value.Append((char)Hex(text.Slice(i + 1, 4), lineNumber)); return i + 5;
            case 'U': value.Append(char.ConvertFromUtf32(Hex(text.Slice(i + 1, 8), lineNumber))); return i + 9;
            case >= '0' and <= '7':
                value.Append((char)Convert.ToInt32(text.Slice(i, 3).ToString(), 8));
                return i + 3;
            default:
                throw Invalid(lineNumber, $"unknown escape '\\{c}'");
        }
    }

    private static int Hex(ReadOnlySpan<char> digits, int lineNumber) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            ? code
            : throw Invalid(lineNumber, $"bad hex escape '{digits}'");

    private static double ParseValue(ReadOnlySpan<char> text, int lineNumber) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(lineNumber, $"'{text}' is not a number"),
    };

    private static FormatException Invalid(int lineNumber, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"promtool dump line {lineNumber}: {why}."));
}
