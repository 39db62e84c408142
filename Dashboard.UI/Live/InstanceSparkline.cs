using Dashboard.UI.Model;

namespace Dashboard.UI.Live;

/// <summary>The last minutes of an instance's key metric, ready to draw.</summary>
/// <param name="Metric">The key metric.</param>
/// <param name="Points">One point per step with data (Unix ms, value).</param>
/// <param name="StartMs">The left edge.</param>
/// <param name="EndMs">The right edge.</param>
/// <param name="StepMs">The step between points; a longer gap means missing data.</param>
/// <param name="Error">Why the query failed, if it did.</param>
public sealed record InstanceSparkline(KeyMetric Metric, IReadOnlyList<SparkPoint> Points, long StartMs, long EndMs, long StepMs,
    string? Error = null)
{
    /// <summary>The newest value, if any.</summary>
    public double? Last => Points.Count > 0 ? Points[^1].Value : null;
}
