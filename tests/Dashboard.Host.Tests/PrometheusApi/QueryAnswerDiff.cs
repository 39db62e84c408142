namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>
/// What differs between Prometheus's answer to a query and ours, in lines a developer can act on: the status, the
/// error type, the result type, series only one side has, and per series the points whose time or value differ
/// (values within <see cref="QueryPoint.Tolerance"/> relative agree; series compare as sets, never by order).
/// </summary>
internal static class QueryAnswerDiff
{
    private const int MaxSeries = 10;
    private const int MaxPointsPerSeries = 5;

    /// <summary>The differences; empty when the answers agree.</summary>
    /// <param name="expected">Prometheus's answer.</param>
    /// <param name="actual">Ours.</param>
    /// <returns>One line per difference.</returns>
    public static IReadOnlyList<string> Compare(QueryAnswer expected, QueryAnswer actual)
    {
        if (actual.Status is null)
        {
            return [$"ours is not Prometheus's JSON envelope: {actual.Summary()}"];
        }

        if (expected.Status != actual.Status || expected.HttpStatus != actual.HttpStatus)
        {
            return [$"Prometheus answered {expected.Summary()}; ours {actual.Summary()}"];
        }

        if (expected.Status != "success")
        {
            return expected.ErrorType == actual.ErrorType && !string.IsNullOrWhiteSpace(actual.Error)
                ? []
                : [$"both failed, but Prometheus with {expected.ErrorType} ({expected.Error}); ours with {actual.ErrorType} ({actual.Error})"];
        }

        if (expected.ResultType != actual.ResultType)
        {
            return [$"resultType: Prometheus {expected.ResultType}, ours {actual.ResultType}"];
        }

        var lines = new List<string>();
        var missing = expected.Series.Keys.Where(k => !actual.Series.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Series.Keys.Where(k => !expected.Series.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        lines.AddRange(missing.Take(MaxSeries).Select(k => $"only in Prometheus: {k} {Points(expected.Series[k])}"));
        lines.AddRange(extra.Take(MaxSeries).Select(k => $"only in ours: {k} {Points(actual.Series[k])}"));
        if (missing.Count > MaxSeries || extra.Count > MaxSeries)
        {
            lines.Add($"({missing.Count} series only in Prometheus, {extra.Count} only in ours in all)");
        }

        var differing = 0;
        foreach (var key in expected.Series.Keys.Where(actual.Series.ContainsKey).Order(StringComparer.Ordinal))
        {
            var points = PointDifferences(expected.Series[key], actual.Series[key]);
            if (points.Count > 0 && ++differing <= MaxSeries)
            {
                lines.Add($"{key}: {string.Join("; ", points)}");
            }
        }

        if (differing > MaxSeries)
        {
            lines.Add($"({differing} series with differing points in all)");
        }

        return lines;
    }

    private static List<string> PointDifferences(IReadOnlyList<QueryPoint> expected, IReadOnlyList<QueryPoint> actual)
    {
        var ours = actual.GroupBy(p => p.Time).ToDictionary(g => g.Key, g => g.First());
        var theirs = expected.Select(p => p.Time).ToHashSet();
        var differences = new List<string>();
        foreach (var point in expected)
        {
            if (!ours.TryGetValue(point.Time, out var our))
            {
                differences.Add($"at {point.Time} Prometheus has \"{point.Text}\", ours no point");
            }
            else if (!QueryPoint.SameValue(point.Text, our.Text))
            {
                differences.Add($"at {point.Time} Prometheus \"{point.Text}\", ours \"{our.Text}\"");
            }
        }

        differences.AddRange(actual.Where(p => !theirs.Contains(p.Time)).Select(p => $"at {p.Time} ours has \"{p.Text}\", Prometheus no point"));
        if (actual.Count != ours.Count)
        {
            differences.Add($"ours repeats a timestamp ({actual.Count} points, {ours.Count} distinct times)");
        }

        return differences.Count <= MaxPointsPerSeries
            ? differences
            : [.. differences.Take(MaxPointsPerSeries), $"… {differences.Count} point differences in all (Prometheus {expected.Count} points, ours {actual.Count})"];
    }

    private static string Points(IReadOnlyList<QueryPoint> points) =>
        points.Count <= 3 ? string.Join(' ', points) : $"{points[0]} … {points[^1]} ({points.Count} points)";
}
