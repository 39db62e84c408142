using System.Globalization;
using System.Text;
using CsCheck;
using Dashboard.Core.Query.Evaluation;
using Dashboard.Core.Tests.Query.Parsing;
using static Dashboard.Core.Tests.Query.Evaluation.QueryEngineFixture;

namespace Dashboard.Core.Tests.Query.Evaluation;

/// <summary>
/// The engine over random and mutated queries (6,000 per run, each as an instant and as a range query) on data with
/// NaN, infinities, staleness markers, histograms and series alike but for their names: every query answers or fails
/// with a <see cref="QueryException"/> (what the API turns into a 4xx or a 503), never another exception (a 500).
/// </summary>
public sealed class QueryEngineFuzzTests : IDisposable
{
    private static readonly string[] Pieces =
    [
        "up", "x", "node_cpu_seconds_total", "h_bucket", "{", "}", "(", ")", "[5m]", "[1m]", ",", "@ 1700000100", "offset 1m",
        "==", "!=", ">", "<=", "+", "-", "*", "/", "%", "^", "and", "or", "unless", "atan2", "bool", "on(job)", "ignoring(le)",
        "group_left", "group_right(instance)", "by (job)", "without (le)", "sum", "avg", "topk(2,", "bottomk(1,", "count_values(\"v\",",
        "quantile(0.5,", "stddev", "rate(", "irate(", "increase(", "delta(", "deriv(", "changes(", "resets(", "avg_over_time(",
        "quantile_over_time(0.9,", "predict_linear(", "histogram_quantile(0.9,", "label_replace(", "label_join(", "\"job\"",
        "\"(.*)\"", "\"$1\"", "time()", "vector(", "scalar(", "absent(", "abs(", "clamp(", "round(", "sort(", "NaN", "Inf", "1",
        "0", "-1", "1e308", "0.5", "job=\"a\"", "le=~\".+\"", "__name__=~\"x|up\"",
    ];

    private static readonly Gen<string> Soup =
        Gen.Int[0, Pieces.Length - 1].Array[1, 14].Select(picks => string.Join(' ', picks.Select(p => Pieces[p])));

    // A third of the parser's valid queries as they are, the rest with a piece inserted somewhere.
    private static readonly Gen<string> Mutated =
        Gen.Select(Gen.Int[0, ValidQueries.All.Length - 1], Gen.Int[0, Pieces.Length - 1], Gen.Int[0, int.MaxValue], Gen.Int[0, 2])
            .Select((seed, piece, at, keep) => keep == 0 ? ValidQueries.All[seed].Query : Insert(ValidQueries.All[seed].Query, Pieces[piece], at));

    private readonly QueryEngineFixture _fixture = new(new QueryOptions { Timeout = TimeSpan.FromSeconds(10), MaxSamples = 200_000 });
    private int _answered;

    public QueryEngineFuzzTests()
    {
        var stale = BitConverter.Int64BitsToDouble(0x7ff0000000000002);
        double[] odd = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, stale];
        for (var i = 0; i < 4; i++)
        {
            var instance = i.ToString(CultureInfo.InvariantCulture);
            _fixture.Write(Series("up", ("instance", instance), ("job", i % 2 == 0 ? "a" : "b")), Start, Start + (20 * Minute), 15 * Second, t => (t / 15_000) % 7 == 0 ? 0 : 1);
            _fixture.Write(Series("x", ("instance", instance), ("job", "a")), Start, Start + (20 * Minute), 15 * Second, t => ((t / 15_000) % 11 == 0) ? odd[(int)(t / 15_000 % 5)] : (t - Start) / 1000.0 * i);
            _fixture.Write(Series("node_cpu_seconds_total", ("instance", instance), ("job", "a")), Start, Start + (10 * Minute), 15 * Second, t => (t - Start) / 7000.0);
            foreach (var le in (string[])["0.1", "1", "+Inf", "bad"])
            {
                _fixture.Write(Series("h_bucket", ("instance", instance), ("job", "a"), ("le", le)), Start, Start + (20 * Minute), 15 * Second, t => (t - Start) / 1000.0 * (le == "0.1" ? 1 : 2));
            }
        }
    }

    [Fact]
    public void Mutated_queries_answer_or_fail_with_a_query_error()
    {
        RunBounded(() => Mutated.Sample(AnswersOrFailsCleanly, iter: 3000, threads: 1));

        // Not only syntax errors: enough of them are evaluated to exercise the evaluator.
        Assert.True(_answered > 1000, $"only {_answered} of 6,000 evaluations answered");
    }

    [Fact]
    public void Query_soup_answers_or_fails_with_a_query_error() =>
        RunBounded(() => Soup.Sample(AnswersOrFailsCleanly, iter: 3000, threads: 1));

    public void Dispose() => _fixture.Dispose();

    private void AnswersOrFailsCleanly(string query)
    {
        try
        {
            _fixture.Engine.InstantAsync(query, Start + (10 * Minute), null, default).GetAwaiter().GetResult();
            _answered++;
        }
        catch (QueryException)
        {
        }

        try
        {
            _fixture.Engine.RangeAsync(query, Start, Start + (25 * Minute), 37 * Second, null, default).GetAwaiter().GetResult();
            _answered++;
        }
        catch (QueryException)
        {
        }
    }

    // An evaluation that loops forever would hang the run; this turns a hang into a failure (not a speed check).
    private static void RunBounded(Action run)
    {
        var sampling = Task.Run(run);
        Assert.True(sampling.Wait(TimeSpan.FromMinutes(4)), "the engine did not finish: a hang");
        sampling.GetAwaiter().GetResult();
    }

    private static string Insert(string query, string piece, int at) =>
        new StringBuilder(query).Insert(at % (query.Length + 1), " " + piece + " ").ToString();
}
