using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary>One query of the golden corpus (<c>QueryCorpus/*.promql</c>), with where it was written and what is expected of it.</summary>
/// <param name="File">The corpus file's name, e.g. <c>rates.promql</c>.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Text">The query as written, with <c>$T(n)</c> placeholders.</param>
/// <param name="Expectation">What its annotation says.</param>
/// <param name="Note">For <see cref="QueryExpectation.Skip"/>, why; for <see cref="QueryExpectation.Refused"/>, the
/// construct our error message must name (optional).</param>
internal sealed partial record CorpusQuery(string File, int Line, string Text, QueryExpectation Expectation, string? Note)
{
    /// <summary>The case's name in test output: <c>rates.promql:3: rate(x[5m])</c>.</summary>
    public string Id => $"{File}:{Line}: {Text}";

    /// <summary>The query to send: each <c>$T(n)</c> replaced by the Unix seconds of the data set's step n.</summary>
    /// <param name="startMs">The data set's first step, Unix ms.</param>
    /// <returns>The PromQL text.</returns>
    public string Resolve(long startMs) => StepTime().Replace(Text, m =>
        GoldenDataSet.Seconds(startMs + (long)Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * GoldenDataSet.StepMs)));

    [GeneratedRegex(@"\$T\((-?[0-9]+(?:\.[0-9]+)?)\)")]
    private static partial Regex StepTime();
}
