using System.Diagnostics.Metrics;

namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// remote_write's measurements, on the <c>Dashboard.RemoteWrite</c> meter: per remote (tag <c>remote</c>) what the
/// sender sent, retried, failed and dropped; and what the receiver stored and refused.
/// </summary>
public sealed class RemoteWriteMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Dashboard.RemoteWrite";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _sendDuration;
    private readonly Counter<long> _received;
    private readonly Counter<long> _refused;
    private long _receivedTotal;
    private long _refusedTotal;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public RemoteWriteMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _sent = _meter.CreateCounter<long>("dashboard.remote_write.samples.sent", "{sample}",
            "Samples a remote accepted (2xx).");
        _failed = _meter.CreateCounter<long>("dashboard.remote_write.samples.failed", "{sample}",
            "Samples in requests a remote refused for good (4xx, or 429 without RetryOnHttp429): not retried.");
        _dropped = _meter.CreateCounter<long>("dashboard.remote_write.samples.dropped", "{sample}",
            "Samples never sent, by reason: queue_full (the oldest made room for the newest) or shutdown (still queued or retrying when the flush timeout ran out).");
        _retried = _meter.CreateCounter<long>("dashboard.remote_write.samples.retried", "{sample}",
            "Samples in requests sent again after a 5xx, an allowed 429 or a network error.");
        _sendDuration = _meter.CreateHistogram<double>("dashboard.remote_write.send.duration", "s",
            "How long one request took, whatever its answer.");
        _received = _meter.CreateCounter<long>("dashboard.remote_write.received.samples", "{sample}",
            "Samples the receiver (POST /api/v1/write) stored.");
        _refused = _meter.CreateCounter<long>("dashboard.remote_write.received.refused", "{sample}",
            "Samples the receiver refused, by reason: out_of_order, duplicate_timestamp, too_old, invalid (a whole request refused for a bad name or body).");
    }

    /// <summary>Samples the receiver stored since start.</summary>
    public long ReceivedTotal => Interlocked.Read(ref _receivedTotal);

    /// <summary>Samples the receiver refused since start.</summary>
    public long RefusedTotal => Interlocked.Read(ref _refusedTotal);

    /// <summary>Publishes each remote's pending samples (queued or in flight).</summary>
    internal void Observe(IReadOnlyList<RemoteQueue> remotes) =>
        _meter.CreateObservableGauge("dashboard.remote_write.samples.pending",
            () => remotes.Select(r => new Measurement<long>(r.Pending, Tag(r.Name))), "{sample}",
            "Samples queued or in flight, per remote.");

    internal void RecordSent(string remote, int samples) => _sent.Add(samples, Tag(remote));

    internal void RecordAttempt(string remote, TimeSpan duration) => _sendDuration.Record(duration.TotalSeconds, Tag(remote));

    internal void RecordFailed(string remote, int samples) => _failed.Add(samples, Tag(remote));

    internal void RecordRetried(string remote, int samples) => _retried.Add(samples, Tag(remote));

    internal void RecordDropped(string remote, long samples, string reason) =>
        _dropped.Add(samples, Tag(remote), new KeyValuePair<string, object?>("reason", reason));

    internal void RecordReceived(long stored)
    {
        if (stored > 0)
        {
            Interlocked.Add(ref _receivedTotal, stored);
            _received.Add(stored);
        }
    }

    internal void RecordRefused(long samples, string reason)
    {
        if (samples > 0)
        {
            Interlocked.Add(ref _refusedTotal, samples);
            _refused.Add(samples, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string remote) => new("remote", remote);
}
