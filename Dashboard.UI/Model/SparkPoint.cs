namespace Dashboard.UI.Model;

/// <summary>One point of a sparkline.</summary>
/// <param name="TimeMs">Unix time in milliseconds.</param>
/// <param name="Value">The value; NaN or infinite breaks the line.</param>
public readonly record struct SparkPoint(long TimeMs, double Value);
