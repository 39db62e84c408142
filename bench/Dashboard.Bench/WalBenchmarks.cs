using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dashboard.Core.Storage.Wal;

namespace Dashboard.Bench;

/// <summary>
/// The store's WAL path: each invoke logs one batch of <see cref="BatchSize"/> samples (one per series, at one
/// timestamp, as a scrape delivers them) and, in <see cref="LogAndFlush"/>, flushes it to the OS (no fsync), the
/// worst case of a flush per batch. The reported time is per sample. Segments are deleted as they pile up, so the
/// benchmark runs in bounded disk space. Run long enough, the writes reach the disk's bandwidth (the kernel throttles
/// a writer with too many dirty pages), so <see cref="Encode"/> shows the CPU share alone. The bytes per sample on
/// disk, frames included, are printed at the end of each run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the writer.
public class WalBenchmarks
#pragma warning restore CA1001
{
    private const int BatchSize = 1000;
    private const long KeepBytes = 256L * 1024 * 1024;

    private readonly WalSample[] _batch = new WalSample[BatchSize];
    private string _directory = "";
    private WalWriter _writer = null!;
    private WalRecordBuffer _buffer = null!;
    private long _samplesLogged;
    private long _bytesDeleted;

    /// <summary>Whether the batch visits its series in a random order rather than by ascending ref (bigger deltas).</summary>
    [Params(false, true)]
    public bool ShuffledRefs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "dashboard-bench", Guid.NewGuid().ToString("N"));
        _writer = new WalWriter(_directory, new WalOptions { SegmentSizeBytes = 64L * 1024 * 1024 });
        _buffer = new WalRecordBuffer(new WalOptions().SegmentSizeBytes);
        var random = new Random(1);
        var refs = Enumerable.Range(0, BatchSize).ToArray();
        if (ShuffledRefs)
        {
            random.Shuffle(refs);
        }

        for (var i = 0; i < BatchSize; i++)
        {
            _batch[i] = new WalSample(refs[i], 1_735_689_600_000, Math.Round(random.NextDouble() * 1000, 2));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        var bytes = _writer.SizeBytes + _bytesDeleted;
        if (_samplesLogged == 0)
        {
            Directory.Delete(_directory, recursive: true);
            return;
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"// WAL bytes/sample (ShuffledRefs={ShuffledRefs}): {(double)bytes / _samplesLogged:F3} over {_samplesLogged} samples"));
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Log a batch, then hand it to the OS.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void LogAndFlush()
    {
        _writer.LogSamples(_batch);
        _writer.Flush(fsync: false);
        Account();
    }

    /// <summary>Log a batch only; the appender writes on its own past the write threshold (1 MiB).</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void Log()
    {
        _writer.LogSamples(_batch);
        Account();
    }

    /// <summary>Encoding and framing alone, in memory: the CPU share of <see cref="LogAndFlush"/>.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void Encode()
    {
        _buffer.AppendSamples(_batch);
        _buffer.Seal();
        _buffer.Clear();
    }

    private void Account()
    {
        _samplesLogged += BatchSize;
        if (_writer.SizeBytes > KeepBytes)
        {
            var before = _writer.SizeBytes;
            _writer.DeleteSegmentsBefore(_writer.CurrentSegment);
            _bytesDeleted += before - _writer.SizeBytes;
        }
    }
}
