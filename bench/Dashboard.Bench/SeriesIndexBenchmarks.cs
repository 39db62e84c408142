using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Bench;

/// <summary>
/// The head's series index at 1 M series (100 metric names × 10 000 instances, 10 jobs): selection through postings
/// and lookup of a label set, as the store does for every new series and every query.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class SeriesIndexBenchmarks : IDisposable
{
    private readonly SeriesIndex _index = new();
    private Label[] _probe = [];

    private static readonly LabelMatcher[] OneMetric = [LabelMatcher.Equal("__name__", "metric_42")];
    private static readonly LabelMatcher[] MetricAndJob = [LabelMatcher.Equal("__name__", "metric_42"), LabelMatcher.Equal("job", "job-3")];
    private static readonly LabelMatcher[] MetricAndInstanceRegex =
        [LabelMatcher.Equal("__name__", "metric_42"), new(LabelMatchType.Regex, "instance", "host-12.*")];
    private static readonly LabelMatcher[] MetricNotJob =
        [LabelMatcher.Equal("__name__", "metric_42"), new(Dashboard.Core.Storage.Index.LabelMatchType.NotEqual, "job", "job-3")];

    [GlobalSetup]
    public void Setup()
    {
        var id = 0;
        for (var instance = 0; instance < 10_000; instance++)
        {
            var host = "host-" + instance.ToString(CultureInfo.InvariantCulture);
            var job = "job-" + (instance % 10).ToString(CultureInfo.InvariantCulture);
            for (var metric = 0; metric < 100; metric++)
            {
                _index.Add(++id, [new("__name__", "metric_" + metric.ToString(CultureInfo.InvariantCulture)), new("instance", host), new("job", job)]);
            }
        }

        _probe = [new("__name__", "metric_42"), new("instance", "host-4242"), new("job", "job-2")];
    }

    /// <summary>10 000 of 1 M series by metric name.</summary>
    [Benchmark]
    public int SelectMetric() => _index.Select(OneMetric).Length;

    /// <summary>1 000 series: two equality matchers intersected.</summary>
    [Benchmark]
    public int SelectMetricAndJob() => _index.Select(MetricAndJob).Length;

    /// <summary>111 series: a regex over the 10 000 instance values, intersected with a metric.</summary>
    [Benchmark]
    public int SelectMetricAndInstanceRegex() => _index.Select(MetricAndInstanceRegex).Length;

    /// <summary>9 000 series: a negative matcher subtracted from a metric.</summary>
    [Benchmark]
    public int SelectMetricNotJob() => _index.Select(MetricNotJob).Length;

    /// <summary>The lookup of a known label set (every new series of a collect pays it once).</summary>
    [Benchmark]
    public bool LookUp() => _index.TryGet(_probe, out _);

    [GlobalCleanup]
    public void Dispose()
    {
        _index.Dispose();
        GC.SuppressFinalize(this);
    }
}
