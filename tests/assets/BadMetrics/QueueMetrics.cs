using Dashboard.Abstractions;

namespace BadMetrics;

/// <summary>A counter without _total: a mistake the compiler cannot see.</summary>
internal sealed class QueueMetrics
{
    [Metric("queue_processed", Kind = MetricKind.Counter)]
    public long Processed { get; set; }
}
