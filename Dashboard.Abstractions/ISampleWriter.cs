namespace Dashboard.Abstractions;

/// <summary>
/// Receives the samples of one collect. Implemented by the host; a plugin only calls it. In steady state (the same
/// series collect after collect) writing allocates nothing.
/// </summary>
public interface ISampleWriter
{
    /// <summary>Writes one sample.</summary>
    /// <param name="metric">Metric name, following Prometheus conventions (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, unit suffix,
    /// <c>_total</c> for counters).</param>
    /// <param name="kind">Whether the value is a gauge or a monotonically increasing counter.</param>
    /// <param name="labels">The sample's own labels, in any order; the instance's labels are added by the host.</param>
    /// <param name="value">The value.</param>
    /// <param name="timestamp">When the value was observed; <see langword="null"/> means the time the collect started.</param>
    void Write(string metric, MetricKind kind, ReadOnlySpan<Label> labels, double value, DateTimeOffset? timestamp = null);

    /// <summary>
    /// Writes every member of <paramref name="metrics"/> marked with <see cref="MetricAttribute"/>, one sample each, as
    /// if each were written with <see cref="Write(string, MetricKind, ReadOnlySpan{Label}, double, DateTimeOffset?)"/>.
    /// A member whose nullable value is <see langword="null"/> is skipped.
    /// </summary>
    /// <remarks>Added in 1.1. The first write of a class checks its declarations; a wrong one throws an
    /// <see cref="InvalidOperationException"/> naming the class and member, which fails the collect.</remarks>
    /// <typeparam name="T">The plugin's metrics class.</typeparam>
    /// <param name="metrics">The object whose members are read; its runtime type's declarations apply.</param>
    /// <param name="labels">Labels added to every sample written, in any order.</param>
    /// <param name="timestamp">When the values were observed; <see langword="null"/> means the time the collect started.</param>
    void Write<T>(T metrics, ReadOnlySpan<Label> labels = default, DateTimeOffset? timestamp = null)
        where T : class;
}
