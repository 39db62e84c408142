using BenchmarkDotNet.Attributes;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Bench;

/// <summary>
/// The chunk codec on one 120-sample chunk (15 s scrapes, ±2 ms jitter): appending it to a head chunk, iterating the
/// Xor chunk and its compacted form, and compacting it. Times are per sample. Bytes per sample for every kind come from
/// <c>dotnet run -c Release -- --chunk-sizes</c> (<see cref="ChunkSizeReport"/>), and for a real capture from
/// <c>--chunk-dump FILE</c> (<see cref="ChunkDumpReport"/>). The minimum is shown beside the
/// mean: on a shared machine it is the figure least disturbed by other work.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class ChunkBenchmarks
{
    private const int SamplesPerChunk = 120;
    private const int JitterMs = 2;

    private long[] _timestamps = [];
    private double[] _values = [];
    private XorChunkAppender _appender = null!;
    private StoredChunk _xor;
    private StoredChunk _compacted;

    /// <summary>The series' shape.</summary>
    [Params(SeriesKind.Constant, SeriesKind.Counter, SeriesKind.RandomWalkGauge, SeriesKind.TwoDecimalRandom)]
    public SeriesKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_timestamps, _values) = SyntheticSeries.Make(Kind, SamplesPerChunk, JitterMs);
        _appender = new XorChunkAppender(initialCapacity: 256);
        Append();
        _xor = _appender.Seal();
        _compacted = ChunkRecoder.Compact(_xor);
        Console.WriteLine($"// {Kind}: Xor {_xor.Data.Length / (double)SamplesPerChunk:F3} B/sample, " +
            $"compacted ({_compacted.Encoding}) {_compacted.Data.Length / (double)SamplesPerChunk:F3} B/sample");
    }

    /// <summary>Appends the chunk's samples to a reused head chunk.</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerChunk)]
    public int Append()
    {
        var appender = _appender;
        appender.Reset();
        var timestamps = _timestamps;
        var values = _values;
        for (var i = 0; i < timestamps.Length; i++)
        {
            appender.Append(timestamps[i], values[i]);
        }

        return appender.SizeBytes;
    }

    /// <summary>Reads every sample of the Xor chunk.</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerChunk)]
    public double IterateXor() => Sum(_xor);

    /// <summary>Reads every sample of the compacted chunk.</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerChunk)]
    public double IterateCompacted() => Sum(_compacted);

    /// <summary>Compacts the Xor chunk (decode, try ScaledDecimal, keep the smaller).</summary>
    [Benchmark(OperationsPerInvoke = SamplesPerChunk)]
    public int Compact() => ChunkRecoder.Compact(_xor).Data.Length;

    private static double Sum(StoredChunk chunk)
    {
        var iterator = new ChunkIterator(chunk);
        var sum = 0.0;
        while (iterator.MoveNext())
        {
            sum += iterator.Value + iterator.Timestamp;
        }

        return sum;
    }
}
