using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Bench;

/// <summary>
/// The whole in-process ingest path on one thread: a plugin writes through its <see cref="InstanceSampleWriter"/>, the
/// batch goes to <see cref="TsdbStore.Accept"/> (series lookup, head chunk append, write-ahead-log encoding, buffered
/// log writes), then is released. The store's own 1 s log flush (with fsync) runs on the timer as in production.
/// Every collect advances the clock by 15 s, so each sample is a real append. The reported time is per sample.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class StoreIngestBenchmarks : IDisposable
{
    private const int SeriesPerCollect = 1000;
    private const int CollectsPerInvoke = 10;

    private readonly TempFolder _folder = new();
    private readonly TestMeterFactory _meters = new();
    private string[] _cpus = [];
    private InstanceSampleWriter _writer = null!;
    private TsdbStore _store = null!;
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _cpus = [.. Enumerable.Range(0, SeriesPerCollect).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        _writer = new InstanceSampleWriter("bench", new SeriesTable(new Dictionary<string, string> { ["env"] = "bench" }, 100_000));
        _store = new TsdbStore(new StorageOptions { Path = _folder.Combine("tsdb"), BlockDuration = TimeSpan.FromDays(1) },
            TimeProvider.System, new StorageMetrics(_meters), NullLogger<TsdbStore>.Instance);
        _store.Open();
        WriterToStore();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _store.Dispose();
        _meters.Dispose();
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Collects of 1000 counters with two labels each, stored.</summary>
    [Benchmark(OperationsPerInvoke = SeriesPerCollect * CollectsPerInvoke)]
    public void WriterToStore()
    {
#pragma warning disable CA1859 // A plugin only sees the interface, so the benchmark calls through it too.
        ISampleWriter writer = _writer;
#pragma warning restore CA1859
        for (var c = 0; c < CollectsPerInvoke; c++)
        {
            _now = _now.AddSeconds(15);
            _writer.Begin(_now);
            for (var i = 0; i < SeriesPerCollect; i++)
            {
                writer.Write("node_cpu_seconds_total", MetricKind.Counter, [new Label("cpu", _cpus[i]), new Label("mode", "user")], i + c);
            }

            var batch = _writer.Complete();
            _store.Accept(batch);
            batch.Release();
        }
    }
}
