namespace Dashboard.Bench.Harness.StorageData;

/// <summary>One label of a series; <c>__name__</c> is a label like any other.</summary>
internal readonly record struct BenchLabel(string Name, string Value);
