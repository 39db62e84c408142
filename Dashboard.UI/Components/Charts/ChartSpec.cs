namespace Dashboard.UI.Components.Charts;

/// <summary>What js/chart.js draws: the queries, the range in Unix milliseconds, the zone, and whether it slides.</summary>
/// <param name="Queries">PromQL expressions, one or more; each may give many series.</param>
/// <param name="Start">Range start (Unix ms).</param>
/// <param name="End">Range end (Unix ms).</param>
/// <param name="Utc">Whether the axis reads in UTC rather than the browser's zone.</param>
/// <param name="Live">Whether the range slides: the chart aligns its end up to its step, so the newest sample shows.</param>
public sealed record ChartSpec(IReadOnlyList<string> Queries, long Start, long End, bool Utc, bool Live);
