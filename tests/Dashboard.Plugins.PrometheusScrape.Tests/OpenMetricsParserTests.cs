using Dashboard.Abstractions;
using Dashboard.Plugins.PrometheusScrape.Exposition;

namespace Dashboard.Plugins.PrometheusScrape.Tests;

public sealed class OpenMetricsParserTests
{
    private readonly ParserRun _run = new();

    [Fact]
    public void A_counter_family_is_named_without_total_and_its_created_sample_is_a_gauge()
    {
        var samples = Parse("""
            # TYPE http_requests counter
            # UNIT http_requests requests
            # HELP http_requests Requests served, with a \"quote\" and a \\ backslash.
            http_requests_total{code="200"} 1027
            http_requests_created{code="200"} 1.6e9
            # EOF

            """);

        Assert.Equal(0, _run.MalformedLines);
        Assert.Equal(MetricKind.Counter, ParserRun.Single(samples, "http_requests_total", "code=\"200\"").Kind);
        Assert.Equal(MetricKind.Gauge, ParserRun.Single(samples, "http_requests_created", "code=\"200\"").Kind);
    }

    [Fact]
    public void Timestamps_are_float_seconds_rounded_to_the_millisecond()
    {
        var samples = Parse("a 1 1520879607.789\nb 2 1.001\nc 3 1520879607\n# EOF\n");

        Assert.Equal([1520879607789L, 1001L, 1520879607000L], samples.Select(s => s.TimestampMs));
    }

    [Fact]
    public void Exemplars_are_checked_and_dropped_with_or_without_a_sample_timestamp()
    {
        var samples = Parse("""
            # TYPE foo histogram
            foo_bucket{le="0.01"} 0
            foo_bucket{le="0.1"} 8 # {} 0.054
            foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_bucket{le="10"} 17 123.5 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            foo_bucket{le="+Inf"} 17
            foo_count 17
            foo_sum 324789.3
            foo_created 1520430000.123
            # EOF

            """);

        Assert.Equal(0, _run.MalformedLines);
        Assert.Equal(8, samples.Count);
        Assert.Equal(123500L, ParserRun.Single(samples, "foo_bucket", "le=\"10\"").TimestampMs);
        Assert.All(samples.Where(s => s.Metric != "foo_created"), s => Assert.Equal(MetricKind.Counter, s.Kind));
    }

    [Theory]
    [InlineData("foo_total 1 # trace 1")]
    [InlineData("foo_total 1 # {trace_id=\"x\"}")]
    [InlineData("foo_total 1 # {trace_id=\"x\"} abc")]
    [InlineData("foo_total 1 # {trace_id=x} 1")]
    [InlineData("foo_total 1 # {trace_id=\"x\"} 1 2 3")]
    public void A_malformed_exemplar_makes_its_line_malformed(string line)
    {
        var samples = Parse($"ok 1\n{line}\n# EOF\n");

        Assert.Equal("ok", Assert.Single(samples).Metric);
        Assert.Equal(1, _run.MalformedLines);
        Assert.StartsWith("text after the value is not an exemplar:", _run.Parser.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Gauge_histogram_stateset_info_and_unknown_families_are_gauges()
    {
        var samples = Parse("""
            # TYPE queue_wait gaugehistogram
            queue_wait_bucket{le="1"} 3
            queue_wait_bucket{le="+Inf"} 5
            queue_wait_gcount 5
            queue_wait_gsum 4.5
            # TYPE feature stateset
            feature{feature="a"} 1
            feature{feature="b"} 0
            # TYPE build info
            build_info{version="1.2"} 1
            # TYPE mystery unknown
            mystery -Inf
            # EOF

            """);

        Assert.Equal(0, _run.MalformedLines);
        Assert.Equal(8, samples.Count);
        Assert.All(samples, s => Assert.Equal(MetricKind.Gauge, s.Kind));
        Assert.Equal(double.NegativeInfinity, ParserRun.Single(samples, "mystery").Value);
    }

    [Fact]
    public void A_missing_EOF_is_one_malformed_line_and_keeps_the_samples()
    {
        var samples = Parse("a 1\nb 2\n");

        Assert.Equal(2, samples.Count);
        Assert.Equal(1, _run.MalformedLines);
        Assert.Equal("the OpenMetrics exposition does not end with # EOF", _run.Parser.LastError);
    }

    [Fact]
    public void Lines_after_EOF_are_malformed()
    {
        var samples = Parse("a 1\n# EOF\nb 2\n");

        Assert.Equal("a", Assert.Single(samples).Metric);
        Assert.Equal(1, _run.MalformedLines);
    }

    [Fact]
    public void An_EOF_without_a_final_newline_ends_the_exposition()
    {
        Parse("a 1\n# EOF");

        Assert.Equal(0, _run.MalformedLines);
    }

    [Theory]
    [InlineData("", "an empty line (OpenMetrics has none)")]
    [InlineData("# a free comment", "OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF lines")]
    [InlineData("m{a=\"tab\\t\"} 1", "a label value has an escape other than \\\\, \\\" or \\n")]
    [InlineData("m 1 1e400", "the timestamp is not a number of seconds")]
    [InlineData("m 1 NaN", "the timestamp is not a number of seconds")]
    [InlineData("# UNIT 9bad seconds", "# UNIT names no valid metric")]
    public void What_the_text_format_allows_but_OpenMetrics_does_not_is_malformed(string line, string error)
    {
        var samples = Parse($"before 1\n{line}\nafter 2\n# EOF\n");

        Assert.Equal(["before", "after"], samples.Select(s => s.Metric));
        Assert.Equal(1, _run.MalformedLines);
        Assert.StartsWith(error, _run.Parser.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_in_label_values_are_unescaped()
    {
        var sample = Assert.Single(Parse("m{a=\"x\\\\y\\\"z\\n\"} 1\n# EOF\n"));

        Assert.Equal("a=\"x\\y\"z\n\"", sample.Labels);
    }

    private IReadOnlyList<ParsedSample> Parse(string body) => _run.Parse(body, ExpositionFormat.OpenMetrics);
}
