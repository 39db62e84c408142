using System.Buffers;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Query.Json;

namespace Dashboard.Bench;

/// <summary>
/// Writing one chart panel's series: 1,000,000 samples (15 s apart, ±2 ms jitter) M4-decimated to 1,000 px, then
/// written in the chart wire format (<see cref="ChartSeriesWriter"/>) and, as the baseline, in Prometheus's matrix
/// JSON (<see cref="PrometheusMatrixWriter"/>). Two value shapes: node_exporter-like cpu seconds with two decimals
/// (the format's scaled integers) and a full-precision random walk (its plain shortest numbers).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class ChartWireBenchmarks
{
    private const int Width = 1_000;
    private static readonly Label[] Labels = [new("__name__", "node_cpu_seconds_total"), new("cpu", "0"), new("mode", "user")];

    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private long[] _timestamps = [];
    private double[] _values = [];

    /// <summary>The series' values: two decimals (scaled integers) or full precision (plain numbers).</summary>
    [Params(SeriesKind.CpuSeconds, SeriesKind.RandomWalkGauge)]
    public SeriesKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (timestamps, values) = SyntheticSeries.Make(Kind, 1_000_000, jitterMs: 2);
        var grid = new PixelGrid(timestamps[0], timestamps[^1], Width);
        var keptTimestamps = new long[grid.MaxPoints];
        var keptValues = new double[grid.MaxPoints];
        var kept = M4Decimator.Decimate(timestamps, values, grid, keptTimestamps, keptValues);
        _timestamps = keptTimestamps[..kept];
        _values = keptValues[..kept];
        Console.WriteLine($"// {Kind}: {kept} points; matrix {Matrix()} B, chart {Chart()} B");
    }

    [Benchmark(Baseline = true, Description = "Prometheus matrix JSON")]
    public int Matrix()
    {
        _output.ResetWrittenCount();
        using var writer = new PrometheusMatrixWriter(_output);
        writer.WriteSeries(Labels, _timestamps, _values);
        writer.Complete();
        return _output.WrittenCount;
    }

    [Benchmark(Description = "chart format")]
    public int Chart()
    {
        _output.ResetWrittenCount();
        using var writer = new ChartSeriesWriter(_output);
        writer.WriteSeries(Labels, _timestamps, _values);
        writer.Complete();
        return _output.WrittenCount;
    }
}
