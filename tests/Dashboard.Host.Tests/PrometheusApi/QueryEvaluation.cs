namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// One way the golden test asks a query: an instant query at a time, or a range query over start, end and step,
/// by GET or by POST with a form body (as Grafana sends them). Times are offsets from the data set's start, so the
/// evaluation lands at the same step every run.
/// </summary>
/// <param name="Name">For failure messages, e.g. <c>instant at step 100 + 7 s (GET)</c>.</param>
/// <param name="IsRange">Whether this is a <c>query_range</c>.</param>
/// <param name="Request">The request, from the query and the data set's start and end (Unix ms).</param>
internal sealed record QueryEvaluation(string Name, bool IsRange, Func<string, long, long, ApiRequest> Request)
{
    /// <summary>Instant queries: just after b:8080's counter reset (s2's NaN is the latest sample, c:9100 is down),
    /// exactly on the last sample, and 4 m 50 s after it (the 5 m lookback still holds the last samples).</summary>
    public static readonly IReadOnlyList<QueryEvaluation> Instants =
    [
        Instant("instant at step 100 + 7 s (GET)", post: false, (s, _) => s + (100 * GoldenDataSet.StepMs) + 7_000),
        Instant("instant at the last step (POST)", post: true, (_, e) => e),
        Instant("instant 4 m 50 s after the last step (GET)", post: false, (_, e) => e + 290_000),
    ];

    /// <summary>Range queries: the whole data set at a 1 m step on the sample grid; a 37 s step that never lands on a
    /// sample, running 5.5 m past the data; and every sample across the reset at step 100 and the stale marker at 120.</summary>
    public static readonly IReadOnlyList<QueryEvaluation> Ranges =
    [
        Range("range over the data set, step 1m (POST)", post: true, (s, _) => s, (_, e) => e, "1m"),
        Range("range from step 20 + 7.5 s to 5.5 m after the data, step 37 (GET)", post: false,
            (s, _) => s + (20 * GoldenDataSet.StepMs) + 7_500, (_, e) => e + 330_000, "37"),
        Range("range over steps 95 to 125, step 15s (GET)", post: false,
            (s, _) => s + (95 * GoldenDataSet.StepMs), (s, _) => s + (125 * GoldenDataSet.StepMs), "15s"),
    ];

    private static QueryEvaluation Instant(string name, bool post, Func<long, long, long> time) =>
        new(name, IsRange: false, (query, s, e) => Send(post, "api/v1/query", ("query", query), ("time", GoldenDataSet.Seconds(time(s, e)))));

    private static QueryEvaluation Range(string name, bool post, Func<long, long, long> start, Func<long, long, long> end, string step) =>
        new(name, IsRange: true, (query, s, e) => Send(post, "api/v1/query_range",
            ("query", query), ("start", GoldenDataSet.Seconds(start(s, e))), ("end", GoldenDataSet.Seconds(end(s, e))), ("step", step)));

    private static ApiRequest Send(bool post, string path, params (string Name, string Value)[] parameters) =>
        post ? ApiRequest.Post(path, parameters) : ApiRequest.Get(path, parameters);
}
