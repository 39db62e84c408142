using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Bench;

/// <summary>
/// One collect of a plugin's 20 figures (<see cref="ServerFigures"/>), attribute-declared and written with
/// <see cref="ISampleWriter.Write{T}"/>, against the same figures written one by one by hand: both through the real
/// <see cref="InstanceSampleWriter"/> and <see cref="SeriesTable"/> (two instance labels), in steady state (every series
/// interned). Each collect pays Begin and Complete and releases its batch, as the ingestor would. The goal: declared
/// within 1.1× of hand-written, with no allocation beyond what any collect costs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class DeclaredMetricsBenchmarks
{
    private readonly DateTimeOffset _collectedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ServerFigures _figures = new()
    {
        Requests = 1_234_567, RequestErrors = 89, RejectedRequests = 12, ReceivedBytes = 987_654_321, SentBytes = 1_987_654_321,
        RequestTime = TimeSpan.FromSeconds(4321.5), ConnectionsOpened = 45_678, TlsHandshakes = 45_000, TlsHandshakeFailures = 3,
        Connections = 250, ActiveRequests = 17, QueuedRequests = 2, UpgradedConnections = 5, Workers = 64, MemoryBytes = 50_331_648,
        CacheEntries = 10_000, CacheHitRatio = 0.83, Load = 0.27, Draining = false, CertificateExpirySeconds = 2_592_000,
    };

    private InstanceSampleWriter _writer = null!;

    /// <summary>Whether the plugin adds a label of its own to every sample (a per-listener breakdown, say).</summary>
    [Params(false, true)]
    public bool WithLabel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var instanceLabels = new Dictionary<string, string> { ["env"] = "bench", ["team"] = "infra" };
        _writer = new InstanceSampleWriter("bench", new SeriesTable(instanceLabels, 10_000));

        // The first collects compile the class and intern every series; the measured ones only look them up.
        HandWritten();
        Declared();
        if (_writer.Table.Count != 20 * 1 || _writer.Table.LastRefusal is not null)
        {
            throw new InvalidOperationException(
                $"Both sides must write the same 20 series; the table holds {_writer.Table.Count} ({_writer.Table.LastRefusal}).");
        }
    }

    /// <summary>The figures written by hand, as a plugin would without attributes.</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
#pragma warning disable CA1859 // A plugin only sees the interface, so the benchmark calls through it too.
        ISampleWriter writer = _writer;
#pragma warning restore CA1859
        _writer.Begin(_collectedAt);
        ReadOnlySpan<Label> labels = WithLabel ? [new Label("listener", "https")] : [];
        var f = _figures;
        writer.Write("server_requests_total", MetricKind.Counter, labels, f.Requests);
        writer.Write("server_request_errors_total", MetricKind.Counter, labels, f.RequestErrors);
        writer.Write("server_rejected_requests_total", MetricKind.Counter, labels, f.RejectedRequests);
        writer.Write("server_received_bytes_total", MetricKind.Counter, labels, f.ReceivedBytes);
        writer.Write("server_sent_bytes_total", MetricKind.Counter, labels, f.SentBytes);
        writer.Write("server_request_seconds_total", MetricKind.Counter, labels, f.RequestTime.TotalSeconds);
        writer.Write("server_connections_opened_total", MetricKind.Counter, labels, f.ConnectionsOpened);
        writer.Write("server_tls_handshakes_total", MetricKind.Counter, labels, f.TlsHandshakes);
        writer.Write("server_tls_handshake_failures_total", MetricKind.Counter, labels, f.TlsHandshakeFailures);
        writer.Write("server_connections", MetricKind.Gauge, labels, f.Connections);
        writer.Write("server_active_requests", MetricKind.Gauge, labels, f.ActiveRequests);
        writer.Write("server_queued_requests", MetricKind.Gauge, labels, f.QueuedRequests);
        writer.Write("server_upgraded_connections", MetricKind.Gauge, labels, f.UpgradedConnections);
        writer.Write("server_workers", MetricKind.Gauge, labels, f.Workers);
        writer.Write("server_memory_bytes", MetricKind.Gauge, labels, f.MemoryBytes);
        writer.Write("server_cache_entries", MetricKind.Gauge, labels, f.CacheEntries);
        writer.Write("server_cache_hit_ratio", MetricKind.Gauge, labels, f.CacheHitRatio);
        writer.Write("server_load_ratio", MetricKind.Gauge, labels, f.Load);
        writer.Write("server_draining", MetricKind.Gauge, labels, f.Draining ? 1 : 0);
        if (f.CertificateExpirySeconds is { } expiry)
        {
            writer.Write("server_certificate_expiry_seconds", MetricKind.Gauge, labels, expiry);
        }

        return Complete();
    }

    /// <summary>The same figures declared with attributes, written with one call.</summary>
    [Benchmark]
    public int Declared()
    {
#pragma warning disable CA1859 // A plugin only sees the interface, so the benchmark calls through it too.
        ISampleWriter writer = _writer;
#pragma warning restore CA1859
        _writer.Begin(_collectedAt);
        writer.Write(_figures, WithLabel ? [new Label("listener", "https")] : []);
        return Complete();
    }

    private int Complete()
    {
        var batch = _writer.Complete();
        var count = batch.Count;
        batch.Release();
        return count;
    }
}
