namespace Dashboard.Bench.Harness.StorageData;

/// <summary>One sample as both stores receive it: which series, when (Unix milliseconds), what value.</summary>
internal readonly record struct BenchSample(BenchSeries Series, long TimestampMs, double Value);
