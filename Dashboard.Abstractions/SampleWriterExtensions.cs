namespace Dashboard.Abstractions;

/// <summary>Shorthands for the common shapes of <see cref="ISampleWriter.Write"/>.</summary>
public static class SampleWriterExtensions
{
    /// <summary>Writes a gauge without labels of its own.</summary>
    /// <param name="writer">The collect's writer.</param>
    /// <param name="metric">Metric name.</param>
    /// <param name="value">The value.</param>
    public static void Gauge(this ISampleWriter writer, string metric, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(metric, MetricKind.Gauge, [], value);
    }

    /// <summary>Writes a gauge.</summary>
    /// <param name="writer">The collect's writer.</param>
    /// <param name="metric">Metric name.</param>
    /// <param name="labels">The sample's labels.</param>
    /// <param name="value">The value.</param>
    public static void Gauge(this ISampleWriter writer, string metric, ReadOnlySpan<Label> labels, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(metric, MetricKind.Gauge, labels, value);
    }

    /// <summary>Writes a counter without labels of its own.</summary>
    /// <param name="writer">The collect's writer.</param>
    /// <param name="metric">Metric name, ending in <c>_total</c>.</param>
    /// <param name="value">The counter's running total.</param>
    public static void Counter(this ISampleWriter writer, string metric, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(metric, MetricKind.Counter, [], value);
    }

    /// <summary>Writes a counter.</summary>
    /// <param name="writer">The collect's writer.</param>
    /// <param name="metric">Metric name, ending in <c>_total</c>.</param>
    /// <param name="labels">The sample's labels.</param>
    /// <param name="value">The counter's running total.</param>
    public static void Counter(this ISampleWriter writer, string metric, ReadOnlySpan<Label> labels, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(metric, MetricKind.Counter, labels, value);
    }
}
