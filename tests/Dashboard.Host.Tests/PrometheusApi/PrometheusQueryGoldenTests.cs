using System.Text;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// The golden query corpus (<c>QueryCorpus/*.promql</c>): each query asked of Prometheus 2.42 and of our host on the
/// same data (<see cref="GoldenDataSet"/>), as an instant query at three times and, when its result is an instant
/// vector or a scalar, as a range query over three start/end/step choices (one off the sample grid), by GET and by
/// POST. The answers must agree: status, <c>errorType</c> of an error, <c>resultType</c>, the set of series, and each
/// point's time exactly and value within 1e-9 relative. Prometheus's answers are also held to the corpus's
/// annotations, so a query meant to find data cannot pass by two empty answers, and a query meant to fail cannot
/// pass by two successes.
/// </summary>
[Collection(GoldenFixture.Collection)]
public sealed class PrometheusQueryGoldenTests(GoldenFixture fixture)
{
    /// <summary>The issue asks for at least 200 compared queries; the corpus keeps a margin.</summary>
    private const int MinimumCorpusSize = 220;

    public static TheoryData<string> Corpus() =>
        [.. QueryCorpus.All.Where(q => q.Expectation != QueryExpectation.Skip).Select(q => q.Id)];

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Answers_as_Prometheus_does(string query)
    {
        var corpusQuery = QueryCorpus.All.Single(q => q.Id == query);
        var promql = corpusQuery.Resolve(fixture.StartMs);

        // The first instant answer tells whether the query is a range vector or string, which a range query cannot
        // return: then one range request checks that both refuse it. The other requests go out together.
        var first = QueryEvaluation.Instants[0];
        var firstAnswers = await AskBothAsync(first.Request(promql, fixture.StartMs, fixture.EndMs));
        var notForRange = firstAnswers.Expected.ResultType is "matrix" or "string";
        List<QueryEvaluation> others = [.. QueryEvaluation.Instants.Skip(1), .. notForRange ? QueryEvaluation.Ranges.Take(1) : QueryEvaluation.Ranges];
        var otherAnswers = await Task.WhenAll(others.Select(e => AskBothAsync(e.Request(promql, fixture.StartMs, fixture.EndMs))));

        var corpusProblems = new List<string>();
        var mismatches = new List<string>();
        var hasData = false;
        foreach (var (evaluation, (request, expected, actual)) in others.Prepend(first).Zip(otherAnswers.Prepend(firstAnswers)))
        {
            hasData |= expected.Status == "success" && !expected.IsEmpty;
            var rangeOfRange = evaluation.IsRange && notForRange;
            if (CorpusProblem(corpusQuery.Expectation, expected, rangeOfRange) is { } problem)
            {
                corpusProblems.Add($"{evaluation.Name}: {problem}\n    Prometheus: {expected.Summary()}");
            }

            // A refused construct in a range query of a range vector fails Prometheus's type check first: compare that.
            var differences = corpusQuery.Expectation == QueryExpectation.Refused && !rangeOfRange
                ? Refusal(actual, corpusQuery.Note)
                : QueryAnswerDiff.Compare(expected, actual);
            if (differences.Count > 0)
            {
                mismatches.Add($"{evaluation.Name}: {request}\n    Prometheus: {expected.Summary()}\n    ours:       {actual.Summary()}\n"
                    + string.Concat(differences.Select(d => $"    - {d}\n")));
            }
        }

        if (corpusQuery.Expectation == QueryExpectation.Data && !hasData)
        {
            corpusProblems.Add("Prometheus found no data at any evaluation: give the query data, or mark it \"#! empty\" if that is the point");
        }

        var report = new StringBuilder();
        if (corpusProblems.Count > 0)
        {
            report.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"the corpus is wrong about {corpusQuery.Id} (Prometheus's answers contradict its annotation):\n  {string.Join("\n  ", corpusProblems)}\n");
        }

        if (mismatches.Count > 0)
        {
            report.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"ours differs from Prometheus on {promql}:\n  {string.Join("\n  ", mismatches)}");
        }

        Assert.True(report.Length == 0, report.ToString());
    }

    [Fact]
    public void Corpus_is_large_and_annotated()
    {
        var queries = QueryCorpus.All;

        Assert.True(queries.Count(q => q.Expectation != QueryExpectation.Skip) >= MinimumCorpusSize,
            $"the corpus has {queries.Count} queries; keep at least {MinimumCorpusSize} compared");
        Assert.All(Enum.GetValues<QueryExpectation>().Where(e => e != QueryExpectation.Skip),
            e => Assert.Contains(queries, q => q.Expectation == e));
        Assert.All(queries.Where(q => q.Expectation == QueryExpectation.Skip), q => Assert.False(string.IsNullOrWhiteSpace(q.Note), q.Id));
        // Most queries must find data, or two empty answers would pass for agreement too often.
        Assert.True(queries.Count(q => q.Expectation == QueryExpectation.Empty) * 10 < queries.Count, "more than a tenth of the corpus is meant to be empty");
    }

    private async Task<(ApiRequest Request, QueryAnswer Expected, QueryAnswer Actual)> AskBothAsync(ApiRequest request)
    {
        var prometheus = fixture.SendAsync(toPrometheus: true, request);
        var ours = fixture.SendAsync(toPrometheus: false, request);
        var (expectedStatus, expectedBody) = await prometheus;
        var (actualStatus, actualBody) = await ours;
        return (request, QueryAnswer.Parse(expectedStatus, expectedBody), QueryAnswer.Parse(actualStatus, actualBody));
    }

    /// <summary>Why Prometheus's answer contradicts the corpus's annotation; null when it does not.</summary>
    private static string? CorpusProblem(QueryExpectation expectation, QueryAnswer prometheus, bool rangeOfRange)
    {
        if (prometheus.Status is null)
        {
            return "Prometheus's answer is not its JSON envelope";
        }

        if (rangeOfRange)
        {
            return prometheus.Status == "success" ? "Prometheus answered a range query whose result is not an instant vector or scalar" : null;
        }

        return expectation switch
        {
            QueryExpectation.Error when prometheus.Status == "success" => "marked \"#! error\", but Prometheus answered",
            QueryExpectation.Error => null,
            _ when prometheus.Status != "success" => "Prometheus refused the query; mark it \"#! error\" if that is the point",
            QueryExpectation.Empty when !prometheus.IsEmpty => "marked \"#! empty\", but Prometheus found data",
            _ => null,
        };
    }

    /// <summary>What is wrong with our answer to a query we must refuse: a 400 <c>bad_data</c> naming the construct.</summary>
    private static List<string> Refusal(QueryAnswer ours, string? construct)
    {
        var problems = new List<string>();
        if (ours.HttpStatus != 400 || ours.Status != "error" || ours.ErrorType != "bad_data")
        {
            problems.Add($"we must refuse this with 400 bad_data; ours answered {ours.Summary()}");
        }
        else if (construct is not null && ours.Error?.Contains(construct, StringComparison.OrdinalIgnoreCase) != true)
        {
            problems.Add($"our refusal must name \"{construct}\": {ours.Error}");
        }

        return problems;
    }
}
