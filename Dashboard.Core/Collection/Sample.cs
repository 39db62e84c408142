namespace Dashboard.Core.Collection;

/// <summary>One collected value of one series.</summary>
/// <param name="Series">The series it belongs to.</param>
/// <param name="TimestampMs">Unix time in milliseconds.</param>
/// <param name="Value">The value.</param>
public readonly record struct Sample(Series Series, long TimestampMs, double Value);
