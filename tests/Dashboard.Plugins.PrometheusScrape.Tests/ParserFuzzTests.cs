using System.Globalization;
using System.Text;
using CsCheck;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Plugins.PrometheusScrape.Tests;

/// <summary>
/// Properties of the parser over random input: it never throws, every sample line gives exactly one sample or one
/// malformed count, the cached path agrees with the first parse, and cutting the body anywhere changes nothing.
/// </summary>
public sealed class ParserFuzzTests
{
    // Pieces that exposition lines are made of, so random bodies hit the parser's branches rather than its first check.
    private static readonly string[] Tokens =
    [
        "metric", "node_cpu_seconds_total", "_bucket", "_total", "_created", "_count", "_sum", "_gcount", "_info", ":",
        "{", "}", "\"", "\\", "\\\\", "\\\"", "\\n", "=", ",", " ", "  ", "\t", "\n", "\n", "\n", "\r\n", "\r",
        "# ", "#", "HELP ", "TYPE ", "UNIT ", "# EOF", "EOF", "counter", "gauge", "histogram", "summary", "untyped",
        "unknown", "gaugehistogram", "stateset", "info", "le", "quantile", "cpu", "__name__", "a", "0", "1", "-", "+Inf",
        "-Inf", "NaN", "Inf", ".", "e", "E+", "5", "1e400", "0x1p3", "1_000", "1395066363000", "1520879607.789",
        "# {", "trace_id", "é", "☃", "\u0000", "\uFFFD",
    ];

    // Valid lines of both formats, the seeds of the mutation test.
    private const string Corpus = """
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} 1234.5
        # TYPE rpc histogram
        rpc_bucket{le="0.1"} 33444 1395066363000
        rpc_bucket{le="+Inf"} 144320 # {trace_id="abc"} 0.67 1520879607.789
        rpc_sum 53423
        rpc_count 144320
        # TYPE q summary
        q{quantile="0.5",path="C:\\DIR\\F.TXT",e="a\"b\nc"} NaN
        m{a="",b="}"} -Inf 1520879607.789
        # EOF

        """;

    private static readonly Gen<byte[]> TokenBodies =
        Gen.Int[0, Tokens.Length - 1].Array[0, 120].Select(picks => Encoding.UTF8.GetBytes(string.Concat(picks.Select(p => Tokens[p]))));

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 600];

    private static readonly Gen<byte[]> MutatedCorpus =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte).Array[1, 12].Select(Mutate);

    private static readonly Gen<ExpositionFormat> Formats = Gen.OneOf(ExpositionFormat.Text, ExpositionFormat.OpenMetrics);

    [Fact]
    public void Random_token_soup_never_throws_and_every_sample_line_is_a_sample_or_counted_malformed() =>
        Gen.Select(TokenBodies, Formats).Sample(CheckCounts, iter: 3000);

    [Fact]
    public void Random_bytes_never_throw_and_every_sample_line_is_a_sample_or_counted_malformed() =>
        Gen.Select(RandomBytes, Formats).Sample(CheckCounts, iter: 3000);

    [Fact]
    public void Mutated_valid_expositions_never_throw_and_every_sample_line_is_a_sample_or_counted_malformed() =>
        Gen.Select(MutatedCorpus, Formats).Sample(CheckCounts, iter: 3000);

    [Fact]
    public void Cutting_a_mutated_body_anywhere_gives_what_parsing_it_whole_gives() =>
        Gen.Select(MutatedCorpus, Formats, Gen.Int[0, 2000].Array[0, 8]).Sample((body, format, cuts) =>
        {
            var whole = new ParserRun();
            var pieces = new ParserRun();

            var expected = whole.Parse(body, format);
            var actual = pieces.ParseInPieces(body, cuts, format);

            Assert.Equal(expected, actual);
            Assert.Equal(whole.MalformedLines, pieces.MalformedLines);
        }, iter: 1000);

    [Fact]
    public void Rendered_samples_parse_back_to_their_names_labels_values_and_timestamps() =>
        Gen.Select(GenSample.Array[1, 30], Formats).Sample((samples, format) =>
        {
            var body = new StringBuilder();
            foreach (var sample in samples)
            {
                body.Append(Render(sample, format)).Append('\n');
            }

            if (format == ExpositionFormat.OpenMetrics)
            {
                body.Append("# EOF\n");
            }

            var run = new ParserRun();
            var parsed = run.Parse(body.ToString(), format);
            var again = run.Parse(body.ToString(), format);

            Assert.Equal(0, run.MalformedLines);
            Assert.Equal(samples.Select(Expected), parsed.Select(p => (p.Metric, p.Labels, p.Value, p.TimestampMs)));
            Assert.Equal(parsed, again);
        }, iter: 500);

    private static Gen<(string Metric, (string Name, string Value)[] Labels, double Value, long? TimestampMs)> GenSample =>
        Gen.Select(
            Gen.OneOf("up", "node_cpu_seconds_total", "rpc_bucket", "a:b_c", "_x"),
            Gen.Select(Gen.OneOf("a", "le", "cpu", "mode_2"), Gen.String[Gen.Char["abc\\\"\n}{,= é☃"], 0, 6]).Array[0, 4]
                .Select(labels => labels.DistinctBy(l => l.Item1).ToArray()),
            Gen.Double,
            Gen.Long[-10_000_000_000_000, 10_000_000_000_000].Nullable());

    private static (string, string, double, long?) Expected((string Metric, (string Name, string Value)[] Labels, double Value, long? TimestampMs) sample) =>
        (sample.Metric,
            ParsedSample.Format(sample.Labels.Where(l => l.Value.Length > 0).Select(l => new Abstractions.Label(l.Name, l.Value))),
            sample.Value,
            sample.TimestampMs);

    private static string Render((string Metric, (string Name, string Value)[] Labels, double Value, long? TimestampMs) sample, ExpositionFormat format)
    {
        var labels = string.Join(',', sample.Labels.Select(l => $"{l.Name}=\"{l.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\""));
        var value = sample.Value.ToString("R", CultureInfo.InvariantCulture);
        var timestamp = sample.TimestampMs switch
        {
            null => "",
            { } ms when format == ExpositionFormat.OpenMetrics => " " + (ms / 1000m).ToString(CultureInfo.InvariantCulture),
            { } ms => " " + ms.ToString(CultureInfo.InvariantCulture),
        };
        return $"{sample.Metric}{{{labels}}} {value}{timestamp}";
    }

    private static void CheckCounts(byte[] body, ExpositionFormat format)
    {
        var run = new ParserRun();

        var samples = run.Parse(body, format);

        var (lines, sampleLines) = Classify(body, format);
        Assert.InRange(samples.Count, 0, sampleLines);
        Assert.InRange(samples.Count + run.MalformedLines, sampleLines, lines + 1);
        Assert.Equal(run.MalformedLines > 0, run.Parser.LastError is not null);
    }

    // Lines as the parser sees them: split on \n, one trailing \r dropped, blanks trimmed in the text format. A sample
    // line is one that is not empty (text) and does not start with #.
    private static (int Lines, int SampleLines) Classify(byte[] body, ExpositionFormat format)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i == body.Length || body[i] == '\n')
            {
                if (i < body.Length || i > start)
                {
                    parts.Add(body[start..i]);
                }

                start = i + 1;
            }
        }

        var sampleLines = 0;
        foreach (var part in parts)
        {
            ReadOnlySpan<byte> line = part;
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (format == ExpositionFormat.Text)
            {
                line = line.Trim(" \t"u8);
                if (line.IsEmpty)
                {
                    continue;
                }
            }

            if (line.IsEmpty || line[0] != '#')
            {
                sampleLines++;
            }
        }

        return (parts.Count, sampleLines);
    }

    private static byte[] Mutate((int Operation, int Position, byte Value)[] mutations)
    {
        var body = Encoding.UTF8.GetBytes(Corpus).ToList();
        foreach (var (operation, position, value) in mutations)
        {
            var at = body.Count == 0 ? 0 : position % body.Count;
            switch (operation)
            {
                case 0 when body.Count > 0:
                    body.RemoveAt(at);
                    break;
                case 1:
                    body.Insert(at, value);
                    break;
                case 2 when body.Count > 0:
                    body[at] = value;
                    break;
                default:
                    // Insert a character the grammar cares about.
                    body.Insert(at, (byte)"{}\"\\=, \t\n#"[value % 10]);
                    break;
            }
        }

        return [.. body];
    }
}
