using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Bench;

/// <summary>
/// One plugin writing through its <see cref="InstanceSampleWriter"/> into the <see cref="SampleChannel"/>, in steady
/// state (every series already interned). Each invoke writes <see cref="SamplesPerInvoke"/> samples, split into collects
/// of <see cref="SamplesPerCollect"/>; every collect pays Begin, Complete and TryPublish, and the batch is then taken
/// off the channel and released as the ingestor would, so the channel never fills. The reported time is per sample.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class SampleWriterBenchmarks
{
    private const int SamplesPerInvoke = 1000;

    private readonly DateTimeOffset _collectedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private string[] _cpus = [];
    private string[] _metrics = [];
    private InstanceSampleWriter _writer = null!;
    private SampleChannel _channel = null!;

    /// <summary>Samples one collect writes (the batch size).</summary>
    [Params(1, 10, 100, 1000)]
    public int SamplesPerCollect { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cpus = [.. Enumerable.Range(0, SamplesPerInvoke).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        _metrics = [.. Enumerable.Range(0, SamplesPerInvoke).Select(i => $"bench_gauge_{i}")];
        var instanceLabels = new Dictionary<string, string> { ["env"] = "bench", ["team"] = "infra" };
        _writer = new InstanceSampleWriter("bench", new SeriesTable(instanceLabels, 100_000));
        _channel = new SampleChannel(4096);

        // The first pass interns every series; the measured passes only look them up.
        TwoLabels();
        NoLabels();
    }

    /// <summary>A counter with two labels of its own, written with a collection expression (a stack span).</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public void TwoLabels()
    {
#pragma warning disable CA1859 // A plugin only sees the interface, so the benchmark calls through it too.
        ISampleWriter writer = _writer;
#pragma warning restore CA1859
        var cpus = _cpus;
        for (var start = 0; start < SamplesPerInvoke; start += SamplesPerCollect)
        {
            _writer.Begin(_collectedAt);
            for (var i = start; i < start + SamplesPerCollect; i++)
            {
                writer.Write("node_cpu_seconds_total", MetricKind.Counter, [new Label("cpu", cpus[i]), new Label("mode", "user")], i);
            }

            Publish();
        }
    }

    /// <summary>Gauges without labels of their own, one metric name per series.</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public void NoLabels()
    {
#pragma warning disable CA1859 // A plugin only sees the interface, so the benchmark calls through it too.
        ISampleWriter writer = _writer;
#pragma warning restore CA1859
        var metrics = _metrics;
        for (var start = 0; start < SamplesPerInvoke; start += SamplesPerCollect)
        {
            _writer.Begin(_collectedAt);
            for (var i = start; i < start + SamplesPerCollect; i++)
            {
                writer.Write(metrics[i], MetricKind.Gauge, [], i);
            }

            Publish();
        }
    }

    private void Publish()
    {
        if (!_channel.TryPublish(_writer.Complete()))
        {
            throw new InvalidOperationException("The channel dropped a batch; the benchmark no longer measures the write path.");
        }

        if (_channel.Reader.TryRead(out var batch))
        {
            batch.Release();
        }
    }
}
