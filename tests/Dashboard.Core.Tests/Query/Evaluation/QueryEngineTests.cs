using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Evaluation;
using static Dashboard.Core.Tests.Query.Evaluation.QueryEngineFixture;

namespace Dashboard.Core.Tests.Query.Evaluation;

/// <summary>
/// The evaluator's semantics that are Prometheus 2.42's by definition (lookback, staleness, offset and @, matching
/// errors, limits), checked on small hand-made data whose answers are known; the golden corpus in the host tests
/// compares everything else with a real Prometheus.
/// </summary>
public sealed class QueryEngineTests
{
    private static readonly double StaleNaN = BitConverter.Int64BitsToDouble(0x7ff0000000000002);

    [Fact]
    public async Task An_instant_selector_looks_back_five_minutes_inclusive()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("g"), Start, 7);

        Assert.Equal(["{__name__=g}=7"], await fixture.VectorAsync("g", Start));
        Assert.Equal(["{__name__=g}=7"], await fixture.VectorAsync("g", Start + (5 * Minute)));
        Assert.Empty(await fixture.VectorAsync("g", Start + (5 * Minute) + 1));
        Assert.Empty(await fixture.VectorAsync("g", Start - 1));
    }

    [Fact]
    public async Task A_staleness_marker_ends_a_series_at_once_and_ranges_skip_it()
    {
        using var fixture = new QueryEngineFixture();
        var series = Series("c");
        fixture.Write(series, Start, Start + Minute, 15 * Second, t => (t - Start) / Second);
        fixture.Write(series, Start + Minute, StaleNaN);

        Assert.Equal(["{__name__=c}=45"], await fixture.VectorAsync("c", Start + Minute - 1));
        Assert.Empty(await fixture.VectorAsync("c", Start + Minute));
        Assert.Equal(["{}=4"], await fixture.VectorAsync("count_over_time(c[5m])", Start + (2 * Minute)));
    }

    [Fact]
    public async Task Offset_and_at_move_the_time_a_selector_reads()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("m"), Start, Start + (20 * Minute), Minute, t => (t - Start) / Minute);

        Assert.Equal(["{__name__=m}=10"], await fixture.VectorAsync("m", Start + (10 * Minute)));
        Assert.Equal(["{__name__=m}=7"], await fixture.VectorAsync("m offset 3m", Start + (10 * Minute)));
        Assert.Equal(["{__name__=m}=2"], await fixture.VectorAsync($"m @ {(Start + (2 * Minute)) / 1000}", Start + (10 * Minute)));
        var range = Assert.IsType<MatrixResult>(await fixture.Engine.RangeAsync("m @ start()", Start + (5 * Minute), Start + (8 * Minute), Minute, null, default));
        Assert.Equal([5.0, 5, 5, 5], range.Values.ToArray());
    }

    [Fact]
    public async Task A_range_query_answers_at_each_step_with_series_ordered_by_labels()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("up", ("job", "b")), Start, Start + (10 * Minute), 15 * Second, _ => 1);
        fixture.Write(Series("up", ("job", "a")), Start + (4 * Minute), Start + (10 * Minute), 15 * Second, _ => 2);

        var result = Assert.IsType<MatrixResult>(await fixture.Engine.RangeAsync("up", Start, Start + (9 * Minute), 3 * Minute, null, default));

        Assert.Equal(["{__name__=up,job=a}", "{__name__=up,job=b}"], result.Series.Select(QueryEngineFixture.Text));
        var runs = result.Runs().ToList();
        Assert.Equal([(0, 0, 2), (1, 2, 6)], runs);
        Assert.Equal([Start + (6 * Minute), Start + (9 * Minute), Start, Start + (3 * Minute), Start + (6 * Minute), Start + (9 * Minute)], result.Timestamps.ToArray());
    }

    [Fact]
    public async Task A_range_selector_at_the_top_of_an_instant_query_answers_its_raw_samples_with_both_ends()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("r"), Start, Start + (10 * Minute), Minute, t => (t - Start) / Minute);

        var result = Assert.IsType<MatrixResult>(await fixture.InstantAsync("r[2m]", Start + (5 * Minute)));

        Assert.Equal([3.0, 4, 5], result.Values.ToArray());
    }

    [Fact]
    public async Task Matching_that_is_ambiguous_fails_with_Prometheus_words()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("a", ("job", "x"), ("i", "1")), Start, 1);
        fixture.Write(Series("a", ("job", "x"), ("i", "2")), Start, 2);
        fixture.Write(Series("b", ("job", "x")), Start, 3);
        fixture.Write(Series("b", ("job", "x"), ("k", "2")), Start, 4);
        fixture.Write(Series("c", ("job", "x")), Start, 5);

        var duplicate = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("a / on(job) b", Start));
        Assert.Equal(QueryErrorKind.Execution, duplicate.Kind);
        Assert.StartsWith("found duplicate series for the match group {job=\"x\"} on the right hand-side", duplicate.Message);

        var implicitMany = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("a / on(job) b{k=\"2\"}", Start));
        Assert.Equal("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)", implicitMany.Message);

        Assert.Equal(["{i=1,job=x}=0.25", "{i=2,job=x}=0.5"], await fixture.VectorAsync("a / on(job) group_left b{k=\"2\"}", Start));
        var sameLabels = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("abs({job=\"x\", i=\"\", k=\"\"})", Start));
        Assert.Equal("vector cannot contain metrics with the same labelset", sameLabels.Message);
    }

    [Fact]
    public async Task Aggregations_rank_count_and_group_as_Prometheus_does()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("v", ("i", "1")), Start, double.NaN);
        fixture.Write(Series("v", ("i", "2")), Start, 1e21);
        fixture.Write(Series("v", ("i", "3")), Start, 0.1);
        fixture.Write(Series("v", ("i", "4")), Start, 0.1);

        Assert.Equal(["{__name__=v,i=2}=1E+21", "{__name__=v,i=3}=0.1"], (await fixture.VectorAsync("topk(3, v)", Start)).Where(s => !s.Contains("i=4")));
        Assert.Equal(["{__name__=v,i=1}=NaN"], (await fixture.VectorAsync("topk(4, v)", Start)).Where(s => s.Contains("NaN")));
        Assert.DoesNotContain(await fixture.VectorAsync("bottomk(3, v)", Start), s => s.Contains("NaN"));
        Assert.Empty(await fixture.VectorAsync("topk(0, v)", Start));
        var overflow = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("topk(scalar(v{i=\"1\"}), v)", Start));
        Assert.Equal("Scalar value NaN overflows int64", overflow.Message);
        Assert.Equal(["{x=0.1}=2", "{x=1000000000000000000000}=1", "{x=NaN}=1"], await fixture.VectorAsync("count_values(\"x\", v)", Start));
        Assert.Equal(["{}=4"], await fixture.VectorAsync("count(v)", Start));
    }

    [Fact]
    public async Task Absent_takes_its_labels_from_the_selectors_equality_matchers()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("present"), Start, 1);

        Assert.Equal(["{job=a}=1"], await fixture.VectorAsync("absent(missing{job=\"a\", env=~\"p.*\"})", Start));
        Assert.Equal(["{}=1"], await fixture.VectorAsync("absent(missing{job=\"a\", job=\"b\"})", Start));
        Assert.Empty(await fixture.VectorAsync("absent(present)", Start));
    }

    [Fact]
    public async Task Refused_constructs_fail_before_anything_is_read()
    {
        using var fixture = new QueryEngineFixture();

        var subquery = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("rate(x[5m:1m])", Start));
        var function = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("timestamp(x)", Start));
        var syntax = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("sum(", Start));

        Assert.All([subquery, function, syntax], e => Assert.Equal(QueryErrorKind.BadData, e.Kind));
        Assert.Contains("subquery is not supported", subquery.Message);
        Assert.Contains("timestamp() is not supported", function.Message);
        Assert.Equal(("query", "1:5: parse error: unexpected end of input"), (syntax.Parameter, syntax.Message));
        Assert.Equal(0, fixture.Source.Selections);
    }

    [Fact]
    public async Task Range_parameters_are_checked_with_Prometheus_words()
    {
        using var fixture = new QueryEngineFixture();

        var backwards = await Assert.ThrowsAsync<QueryException>(() => fixture.Engine.RangeAsync("1", Start, Start - 1, 1, null, default));
        var noStep = await Assert.ThrowsAsync<QueryException>(() => fixture.Engine.RangeAsync("1", Start, Start, 0, null, default));
        var tooMany = await Assert.ThrowsAsync<QueryException>(() => fixture.Engine.RangeAsync("1", Start, Start + 11_001, 1, null, default));
        var matrix = await Assert.ThrowsAsync<QueryException>(() => fixture.Engine.RangeAsync("x[5m]", Start, Start, 1, null, default));

        Assert.Equal(("end", "end timestamp must not be before start time"), (backwards.Parameter, backwards.Message));
        Assert.Equal("step", noStep.Parameter);
        Assert.Equal("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)", tooMany.Message);
        Assert.Equal("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector", matrix.Message);
        Assert.IsType<MatrixResult>(await fixture.Engine.RangeAsync("1", Start, Start + 11_000, 1, null, default));
    }

    [Fact]
    public async Task A_query_holding_more_points_than_allowed_fails_as_an_execution_error()
    {
        using var fixture = new QueryEngineFixture(new QueryOptions { MaxSamples = 100 });
        for (var i = 0; i < 10; i++)
        {
            fixture.Write(Series("many", ("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))), Start, Start + (10 * Minute), 15 * Second, _ => i);
        }

        Assert.Equal(10, (await fixture.VectorAsync("many", Start + Minute)).Length);
        var error = await Assert.ThrowsAsync<QueryException>(() => fixture.Engine.RangeAsync("many", Start, Start + (10 * Minute), 15 * Second, null, default));

        Assert.Equal(QueryErrorKind.Execution, error.Kind);
        Assert.Equal("query processing would load too many samples into memory in query execution", error.Message);
    }

    [Fact]
    public async Task A_query_past_its_timeout_fails_as_a_timeout_and_a_caller_leaving_as_canceled()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("t"), Start, 1);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var timeout = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("t", Start, TimeSpan.Zero));
        var canceled = await Assert.ThrowsAsync<QueryException>(() => fixture.InstantAsync("t", Start, null, gone.Token));

        Assert.Equal((QueryErrorKind.Timeout, "query timed out in expression evaluation"), (timeout.Kind, timeout.Message));
        Assert.Equal(QueryErrorKind.Canceled, canceled.Kind);
    }

    [Fact]
    public async Task Decimation_keeps_each_series_within_four_points_per_pixel_and_its_extremes()
    {
        using var fixture = new QueryEngineFixture();
        fixture.Write(Series("wave", ("i", "1")), Start, Start + (100 * Minute), Second, t => Math.Sin(t / 7_000.0) * ((t - Start) / Minute));
        fixture.Write(Series("wave", ("i", "2")), Start, Start + (100 * Minute), Second, t => -(t - Start) / Second);

        var full = Assert.IsType<MatrixResult>(await fixture.Engine.RangeAsync("wave", Start, Start + (100 * Minute) - Second, Second, null, default));
        var chart = full.Decimated(new PixelGrid(Start, Start + (100 * Minute), 50));

        Assert.Equal(6_000, full.Runs().First().End);
        foreach (var (series, start, end) in chart.Runs())
        {
            Assert.InRange(end - start, 2, 200);
            var original = full.Runs().Single(r => r.Series == series);
            var values = full.Values[original.Start..original.End];
            Assert.Contains(System.Linq.Enumerable.Max(values.ToArray()), chart.Values[start..end].ToArray());
            Assert.Contains(System.Linq.Enumerable.Min(values.ToArray()), chart.Values[start..end].ToArray());
        }
    }
}
