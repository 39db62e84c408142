using Dashboard.Core.Query;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Query.Remote;

/// <summary>
/// The remote source over a real Prometheus 2.42 against the embedded store holding the same data: the same series
/// with the same samples (times and value bits) for every selection.
/// </summary>
[Collection(RemoteSourceFixture.Collection)]
public sealed class PrometheusRemoteSourceTests(RemoteSourceFixture fixture)
{
    private const long Step = RemoteSourceFixture.StepMs;

    [Theory]
    [InlineData("rs_requests_total")]
    [InlineData("rs_requests_total{code!=\"200\"}")]
    [InlineData("{__name__=~\"rs_req.*|rs_specials\"}")]
    [InlineData("rs_requests_total{instance!~\"a|b\"}")]
    [InlineData("{job=\"api\"}")]
    [InlineData("{job=~\"api|batch\", instance!=\"c\"}")]
    [InlineData("{__name__=~\"rs_.+\", job!~\"api|batch\"}")]
    [InlineData("rs_specials")]
    [InlineData("rs_quotes")]
    // (.|\n) rather than .: Prometheus 2.42's . does not match a newline (3.0's does, as our matcher's does).
    [InlineData("rs_quotes{path=~\"a\\\"b\\\\\\\\c(.|\\n)*\"}")]
    [InlineData("rs_quotes{path!~\"a\\\"b(.|\\n)*\"}")]
    [InlineData("{path=\"plain\"}")]
    [InlineData("rs_irregular")]
    [InlineData("rs_many")]
    [InlineData("rs_many{shard=~\"1..\"}")]
    [InlineData("rs_many{shard!~\".*[0-8]\"}")]
    public async Task Answers_the_samples_the_store_answers_for_every_span(string selector)
    {
        var matchers = SeriesSelectorParser.Parse(selector);
        var start = fixture.StartMs;
        (long Min, long Max, string What)[] spans =
        [
            (start - 3_600_000, fixture.EndMs + 3_600_000, "the whole data set"),
            (start + (4 * Step), start + (10 * Step), "edges on sample times"),
            (start + (4 * Step) + 1, start + (10 * Step) - 1, "edges a millisecond inside sample times"),
            (start + (7 * Step), start + (7 * Step), "one instant"),
            (start + 60_000 + 500, start + 180_000 + 500, "edges between the many series' times"),
        ];

        var selected = 0;
        foreach (var (min, max, what) in spans)
        {
            var expected = await ReadAsync(fixture.Store, matchers, min, max);
            var actual = await ReadAsync(fixture.Remote, matchers, min, max);

            AssertSame(expected, actual, $"{selector} over {what}");
            selected += expected.Count;
        }

        Assert.True(selected > 0, $"{selector} selects nothing in the store: the comparison would prove nothing");
    }

    [Fact]
    public async Task Includes_the_samples_at_both_ends_of_the_span()
    {
        var (min, max) = (fixture.StartMs + (4 * Step), fixture.StartMs + (10 * Step));

        var actual = await ReadAsync(fixture.Remote, SeriesSelectorParser.Parse("rs_requests_total"), min, max);

        Assert.Equal(6, actual.Count);
        Assert.All(actual.Values, samples =>
        {
            Assert.Equal(7, samples.Count);
            Assert.Equal(min, samples[0].TimestampMs);
            Assert.Equal(max, samples[^1].TimestampMs);
        });
    }

    [Fact]
    public async Task Keeps_NaN_infinities_and_extremes_bit_for_bit()
    {
        var matchers = SeriesSelectorParser.Parse("rs_specials");

        var expected = await ReadAsync(fixture.Store, matchers, fixture.StartMs, fixture.EndMs);
        var actual = await ReadAsync(fixture.Remote, matchers, fixture.StartMs, fixture.EndMs);

        var values = actual.Values.SelectMany(s => s.Select(x => BitConverter.Int64BitsToDouble(x.ValueBits))).ToList();
        Assert.Contains(values, double.IsNaN);
        Assert.Contains(double.PositiveInfinity, values);
        Assert.Contains(double.NegativeInfinity, values);
        Assert.Contains(double.Epsilon, values);
        AssertSame(expected, actual, "rs_specials");
    }

    [Fact]
    public async Task Selects_a_label_value_with_quotes_backslashes_and_control_characters_exactly()
    {
        IReadOnlyList<LabelMatcher> matchers =
            [LabelMatcher.Equal("__name__", "rs_quotes"), LabelMatcher.Equal("path", RemoteSourceFixture.AwkwardValue)];

        var expected = await ReadAsync(fixture.Store, matchers, fixture.StartMs, fixture.EndMs);
        var actual = await ReadAsync(fixture.Remote, matchers, fixture.StartMs, fixture.EndMs);

        Assert.Single(expected);
        AssertSame(expected, actual, "rs_quotes{path=<awkward>}");
    }

    [Fact]
    public async Task Leaves_out_a_series_without_samples_in_the_span()
    {
        var (min, max) = (fixture.StartMs + (10 * Step), fixture.EndMs);

        var early = await ReadAsync(fixture.Remote, SeriesSelectorParser.Parse("rs_early"), min, max);
        var batch = await ReadAsync(fixture.Remote, SeriesSelectorParser.Parse("{job=\"batch\"}"), min, max);

        Assert.Empty(early);
        Assert.Empty(await ReadAsync(fixture.Store, SeriesSelectorParser.Parse("rs_early"), min, max));
        Assert.Equal(["{__name__=\"rs_irregular\",job=\"batch\"}"], batch.Keys);
    }

    [Fact]
    public async Task Answers_matchers_that_all_accept_the_empty_value_as_the_store_does()
    {
        // Prometheus refuses such a selector on its own; the source adds a matcher every series passes.
        IReadOnlyList<LabelMatcher> matchers = [LabelMatcher.Equal("code", ""), new LabelMatcher(LabelMatchType.NotRegex, "shard", "1.*")];

        var expected = await ReadAsync(fixture.Store, matchers, fixture.StartMs, fixture.EndMs);
        var actual = await ReadAsync(fixture.Remote, matchers, fixture.StartMs, fixture.EndMs);

        Assert.True(expected.Count > 500, $"only {expected.Count} series selected");
        AssertSame(expected, actual, "{code=\"\",shard!~\"1.*\"}");
    }

    [Fact]
    public async Task Answers_an_empty_span_with_nothing_without_asking()
    {
        var series = await fixture.Remote.SelectAsync(SeriesSelectorParser.Parse("rs_requests_total"), fixture.EndMs, fixture.StartMs, CancellationToken.None);

        Assert.Empty(series);
    }

    [Fact]
    public async Task Reads_a_span_longer_than_Prometheus_durations_reach()
    {
        var matchers = SeriesSelectorParser.Parse("rs_requests_total");

        var expected = await ReadAsync(fixture.Store, matchers, long.MinValue / 2, fixture.EndMs);
        var actual = await ReadAsync(fixture.Remote, matchers, long.MinValue / 2, fixture.EndMs);

        AssertSame(expected, actual, "rs_requests_total since long before 1970");
    }

    private static async Task<Dictionary<string, List<(long TimestampMs, long ValueBits)>>> ReadAsync(
        ISeriesSource source, IReadOnlyList<LabelMatcher> matchers, long min, long max)
    {
        var buffer = new SampleBuffer();
        var result = new Dictionary<string, List<(long, long)>>(StringComparer.Ordinal);
        foreach (var series in await source.SelectAsync(matchers, min, max, CancellationToken.None))
        {
            series.ReadSamples(buffer);
            if (buffer.Count == 0)
            {
                // The store also answers series whose chunks reach into the span without a sample in it.
                continue;
            }

            var samples = new List<(long, long)>(buffer.Count);
            for (var i = 0; i < buffer.Count; i++)
            {
                samples.Add((buffer.Timestamps[i], BitConverter.DoubleToInt64Bits(buffer.Values[i])));
            }

            Assert.True(result.TryAdd(Key(series), samples), $"{Key(series)} answered twice");
        }

        return result;
    }

    private static string Key(ISourceSeries series) => "{" + string.Join(',', series.Labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";

    private static void AssertSame(Dictionary<string, List<(long TimestampMs, long ValueBits)>> expected,
        Dictionary<string, List<(long TimestampMs, long ValueBits)>> actual, string what)
    {
        Assert.True(expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(actual.Keys.Order(StringComparer.Ordinal)),
            $"{what}: series differ; only in the store: {string.Join(' ', expected.Keys.Except(actual.Keys).Take(5))}; "
            + $"only remote: {string.Join(' ', actual.Keys.Except(expected.Keys).Take(5))}");
        foreach (var (key, samples) in expected)
        {
            Assert.True(samples.SequenceEqual(actual[key]),
                $"{what}: {key} differs: store {Show(samples)}, remote {Show(actual[key])}");
        }
    }

    private static string Show(List<(long TimestampMs, long ValueBits)> samples) =>
        $"{samples.Count} samples [{string.Join(", ", samples.Take(12).Select(s => $"{s.TimestampMs}:{BitConverter.Int64BitsToDouble(s.ValueBits):R}"))}]";
}
