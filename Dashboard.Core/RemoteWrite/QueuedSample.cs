namespace Dashboard.Core.RemoteWrite;

/// <summary>One sample waiting in a shard: its series' remote form, time and value.</summary>
/// <param name="Series">The series.</param>
/// <param name="TimestampMs">Unix milliseconds.</param>
/// <param name="Value">The value.</param>
internal readonly record struct QueuedSample(RemoteSeries Series, long TimestampMs, double Value);
