using Dashboard.Abstractions;

namespace Dashboard.Bench;

/// <summary>
/// A web server's figures as a plugin would keep them: 20 metrics of the usual types (counters as longs, gauges as
/// ints and doubles, a duration, a flag, a nullable), declared with <see cref="MetricAttribute"/>.
/// </summary>
public sealed class ServerFigures
{
    [Metric("server_requests_total", Kind = MetricKind.Counter, Help = "Requests received.")]
    public long Requests { get; set; }

    [Metric("server_request_errors_total", Kind = MetricKind.Counter, Help = "Requests answered with a 5xx status.")]
    public long RequestErrors { get; set; }

    [Metric("server_rejected_requests_total", Kind = MetricKind.Counter, Help = "Requests refused by the rate limiter.")]
    public long RejectedRequests { get; set; }

    [Metric("server_received_bytes_total", Kind = MetricKind.Counter, Unit = "bytes", Help = "Request bytes read.")]
    public long ReceivedBytes { get; set; }

    [Metric("server_sent_bytes_total", Kind = MetricKind.Counter, Unit = "bytes", Help = "Response bytes written.")]
    public long SentBytes { get; set; }

    [Metric("server_request_seconds_total", Kind = MetricKind.Counter, Unit = "seconds", Help = "Time spent answering requests.")]
    public TimeSpan RequestTime { get; set; }

    [Metric("server_connections_opened_total", Kind = MetricKind.Counter, Help = "Connections accepted.")]
    public long ConnectionsOpened { get; set; }

    [Metric("server_tls_handshakes_total", Kind = MetricKind.Counter, Help = "TLS handshakes completed.")]
    public long TlsHandshakes { get; set; }

    [Metric("server_tls_handshake_failures_total", Kind = MetricKind.Counter, Help = "TLS handshakes that failed.")]
    public long TlsHandshakeFailures { get; set; }

    [Metric("server_connections", Help = "Open connections.")]
    public int Connections { get; set; }

    [Metric("server_active_requests", Help = "Requests being answered.")]
    public int ActiveRequests { get; set; }

    [Metric("server_queued_requests", Help = "Requests waiting for a worker.")]
    public int QueuedRequests { get; set; }

    [Metric("server_upgraded_connections", Help = "Connections upgraded to WebSockets.")]
    public int UpgradedConnections { get; set; }

    [Metric("server_workers", Help = "Worker threads.")]
    public int Workers { get; set; }

    [Metric("server_memory_bytes", Unit = "bytes", Help = "Memory held by request buffers.")]
    public long MemoryBytes { get; set; }

    [Metric("server_cache_entries", Help = "Entries in the response cache.")]
    public int CacheEntries { get; set; }

    [Metric("server_cache_hit_ratio", Unit = "ratio", Help = "Share of requests answered from the cache.")]
    public double CacheHitRatio { get; set; }

    [Metric("server_load_ratio", Unit = "ratio", Help = "Busy workers over all workers.")]
    public double Load { get; set; }

    [Metric("server_draining", Help = "1 while the server is shutting down.")]
    public bool Draining { get; set; }

    [Metric("server_certificate_expiry_seconds", Unit = "seconds", Help = "Time left on the TLS certificate, if any.")]
    public double? CertificateExpirySeconds { get; set; }
}
