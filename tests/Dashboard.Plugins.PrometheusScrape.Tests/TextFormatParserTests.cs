using Dashboard.Abstractions;

namespace Dashboard.Plugins.PrometheusScrape.Tests;

public sealed class TextFormatParserTests
{
    private readonly ParserRun _run = new();

    [Fact]
    public void The_TYPE_line_decides_counter_or_gauge_and_a_family_without_one_is_a_gauge()
    {
        var samples = _run.Parse("""
            # HELP http_requests_total Requests served.
            # TYPE http_requests_total counter
            http_requests_total{code="200"} 1027
            # TYPE temperature_celsius gauge
            temperature_celsius 21.5
            # TYPE legacy untyped
            legacy 3
            no_type_total 7

            """);

        Assert.Equal(
            [
                new ParsedSample("http_requests_total", MetricKind.Counter, "code=\"200\"", 1027, null),
                new ParsedSample("temperature_celsius", MetricKind.Gauge, "", 21.5, null),
                new ParsedSample("legacy", MetricKind.Gauge, "", 3, null),
                new ParsedSample("no_type_total", MetricKind.Gauge, "", 7, null),
            ],
            samples);
        Assert.Equal(0, _run.MalformedLines);
    }

    [Fact]
    public void A_histograms_buckets_count_and_sum_are_counters_with_le_kept_as_written()
    {
        var samples = _run.Parse("""
            # TYPE rpc_duration_seconds histogram
            rpc_duration_seconds_bucket{le="0.05"} 24054
            rpc_duration_seconds_bucket{le="0.1"} 33444
            rpc_duration_seconds_bucket{le="+Inf"} 144320
            rpc_duration_seconds_sum 53423
            rpc_duration_seconds_count 144320

            """);

        Assert.All(samples, s => Assert.Equal(MetricKind.Counter, s.Kind));
        Assert.Equal(["le=\"0.05\"", "le=\"0.1\"", "le=\"+Inf\""], samples.Where(s => s.Metric == "rpc_duration_seconds_bucket").Select(s => s.Labels));
        Assert.Equal(144320, ParserRun.Single(samples, "rpc_duration_seconds_count").Value);
    }

    [Fact]
    public void A_summarys_quantiles_are_gauges_and_its_count_and_sum_counters()
    {
        var samples = _run.Parse("""
            # TYPE go_gc_duration_seconds summary
            go_gc_duration_seconds{quantile="0"} 4.9351e-05
            go_gc_duration_seconds{quantile="0.5"} NaN
            go_gc_duration_seconds{quantile="1"} 0.011689149
            go_gc_duration_seconds_sum 3.451780079
            go_gc_duration_seconds_count 13118

            """);

        Assert.Equal(MetricKind.Gauge, ParserRun.Single(samples, "go_gc_duration_seconds", "quantile=\"0.5\"").Kind);
        Assert.True(double.IsNaN(ParserRun.Single(samples, "go_gc_duration_seconds", "quantile=\"0.5\"").Value));
        Assert.Equal(4.9351e-05, ParserRun.Single(samples, "go_gc_duration_seconds", "quantile=\"0\"").Value);
        Assert.Equal(MetricKind.Counter, ParserRun.Single(samples, "go_gc_duration_seconds_sum").Kind);
        Assert.Equal(MetricKind.Counter, ParserRun.Single(samples, "go_gc_duration_seconds_count").Kind);
    }

    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("1.5e+06", 1.5e6)]
    [InlineData("-0.25", -0.25)]
    [InlineData("1e-3", 0.001)]
    [InlineData(".5", 0.5)]
    public void Special_and_exponent_values_parse(string text, double expected)
    {
        var sample = Assert.Single(_run.Parse($"metric {text}\n"));

        Assert.Equal(expected, sample.Value);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void NaN_parses_in_any_case(string text)
    {
        Assert.True(double.IsNaN(Assert.Single(_run.Parse($"metric {text}\n")).Value));
    }

    [Fact]
    public void Label_values_are_unescaped_and_may_hold_braces_commas_and_utf8()
    {
        var samples = _run.Parse("""
            msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9
            odd{v="a}b,c=\"d\"",w="héllo ☃"} 1
            kept{v="tab\there"} 2

            """);

        Assert.Equal(0, _run.MalformedLines);
        Assert.Equal("error=\"Cannot find file:\n\"FILE.TXT\"\",path=\"C:\\DIR\\FILE.TXT\"", samples[0].Labels);
        Assert.Equal("v=\"a}b,c=\"d\"\",w=\"héllo ☃\"", samples[1].Labels);

        // The text format keeps an escape it does not know as written, as Prometheus does.
        Assert.Equal("v=\"tab\\there\"", samples[2].Labels);
    }

    [Fact]
    public void Integer_millisecond_timestamps_are_kept_when_honoured()
    {
        var samples = _run.Parse("a 1 1395066363000\nb 2 -1000\nc 3\n");

        Assert.Equal([1395066363000L, -1000L, null], samples.Select(s => s.TimestampMs));
    }

    [Fact]
    public void Timestamps_are_dropped_when_not_honoured()
    {
        var run = new ParserRun(honorTimestamps: false);

        var sample = Assert.Single(run.Parse("a 1 1395066363000\n"));

        Assert.Null(sample.TimestampMs);
    }

    [Fact]
    public void Blanks_tabs_CRLF_trailing_commas_and_comments_are_tolerated()
    {
        var samples = _run.Parse(
            "# a comment that is neither HELP nor TYPE\r\n" +
            "\r\n" +
            "   spaced{ a = \"1\" , b=\"2\", }\t 5 \t 1000  \r\n" +
            "#TYPE tight counter\n" +
            "tight 6\n" +
            "   \n" +
            "last 7");

        Assert.Equal(0, _run.MalformedLines);
        Assert.Equal(
            [
                new ParsedSample("spaced", MetricKind.Gauge, "a=\"1\",b=\"2\"", 5, 1000),
                new ParsedSample("tight", MetricKind.Counter, "", 6, null),
                new ParsedSample("last", MetricKind.Gauge, "", 7, null),
            ],
            samples);
    }

    [Fact]
    public void An_empty_label_value_is_no_label()
    {
        var sample = Assert.Single(_run.Parse("m{a=\"\",b=\"x\"} 1\n"));

        Assert.Equal("b=\"x\"", sample.Labels);
    }

    [Theory]
    [InlineData("no_value", "no value follows the series")]
    [InlineData("bad_value 12abc", "the value is not a number")]
    [InlineData("hex 0x1p3", "the value is not a number")]
    [InlineData("float_ts 1 1.5", "the timestamp is not an integer number of milliseconds")]
    [InlineData("extra 1 2 3", "text follows the value")]
    [InlineData("exemplar_in_text{le=\"1\"} 1 # {a=\"b\"} 1", "text follows the value")]
    [InlineData("m{a=\"1\" 1", "the label set has no closing brace")]
    [InlineData("m{a=\"1} 1", "the label set has no closing brace")]
    [InlineData("m{1a=\"x\"} 1", "a label name is invalid")]
    [InlineData("m{a=x} 1", "a label value is not quoted")]
    [InlineData("m{a} 1", "a label name is not followed by =")]
    [InlineData("m{a=\"1\" b=\"2\"} 1", "labels are not separated by commas")]
    [InlineData("m{a=\"1\",a=\"2\"} 1", "label a appears twice")]
    [InlineData("m{__name__=\"x\"} 1", "a label name starts with __, which is reserved")]
    [InlineData("9starts_with_digit 1", "a sample line does not start with a valid metric name")]
    [InlineData("{a=\"1\"} 1", "a sample line does not start with a valid metric name")]
    [InlineData("# TYPE m bogus", "# TYPE gives an unknown type")]
    [InlineData("# TYPE m", "# TYPE names no valid metric")]
    [InlineData("# HELP 9m help", "# HELP names no valid metric")]
    public void A_malformed_line_is_counted_and_skipped_and_the_next_line_still_parses(string line, string error)
    {
        var samples = _run.Parse($"before 1\n{line}\nafter 2\n");

        Assert.Equal(["before", "after"], samples.Select(s => s.Metric));
        Assert.Equal(1, _run.MalformedLines);
        Assert.StartsWith(error + ":", _run.Parser.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_value_that_is_not_valid_UTF8_is_malformed()
    {
        byte[] body = [.. "m{a=\""u8, 0xC3, 0x28, .. "\"} 1\nok 1\n"u8];

        var samples = _run.Parse(body);

        Assert.Equal("ok", Assert.Single(samples).Metric);
        Assert.Equal(1, _run.MalformedLines);
    }

    [Fact]
    public void The_target_adds_its_labels_and_a_clashing_scraped_label_becomes_exported()
    {
        var run = new ParserRun(true, false, new Label("instance", "10.0.0.1:9100"), new Label("job", "node"));

        var samples = run.Parse("m{instance=\"inner\",exported_instance=\"taken\",mode=\"idle\"} 1\n");

        Assert.Equal(
            "exported_exported_instance=\"inner\",exported_instance=\"taken\",instance=\"10.0.0.1:9100\",job=\"node\",mode=\"idle\"",
            Assert.Single(samples).Labels);
    }

    [Fact]
    public void With_honor_labels_a_scraped_label_wins_over_the_targets()
    {
        var run = new ParserRun(true, true, new Label("instance", "10.0.0.1:9100"), new Label("job", "node"));

        var samples = run.Parse("m{instance=\"inner\"} 1\nn 2\n");

        Assert.Equal("instance=\"inner\",job=\"node\"", ParserRun.Single(samples, "m", "instance=\"inner\",job=\"node\"").Labels);
        Assert.Equal("instance=\"10.0.0.1:9100\",job=\"node\"", samples[1].Labels);
    }

    [Fact]
    public void A_TYPE_that_disappears_from_the_next_scrape_leaves_the_series_untyped()
    {
        _run.Parse("# TYPE c counter\nc 1\n");

        var second = _run.Parse("c 2\n");

        Assert.Equal(MetricKind.Gauge, Assert.Single(second).Kind);
    }

    [Fact]
    public void A_series_seen_before_its_families_TYPE_line_is_typed_once_the_line_appears()
    {
        var first = _run.Parse("c_total 1\n");
        var second = _run.Parse("# TYPE c_total counter\nc_total 2\n");

        Assert.Equal((MetricKind.Gauge, MetricKind.Counter), (Assert.Single(first).Kind, Assert.Single(second).Kind));
    }
}
