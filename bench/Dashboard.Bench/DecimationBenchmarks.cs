using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Storage;

namespace Dashboard.Bench;

/// <summary>
/// P5's kernel: M4 decimation of 1,000,000 random-walk samples (15 s apart, ±2 ms jitter) to a 1,000-px chart (goal
/// ≤ 3 ms), and of 10 series × 100,000 samples, as spans into caller buffers and as an Arrow record batch with a
/// dictionary-encoded series column. The baseline is the straightforward scalar M4 (one pass, a division per sample)
/// in the same run, to show what the galloping column search and the vectorised min/max buy.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class DecimationBenchmarks
{
    private const int Width = 1_000;
    private const int OneSeries = 1_000_000;
    private const int ManySeries = 10;
    private const int ManySeriesPoints = 100_000;

    private long[] _timestamps = [];
    private double[] _values = [];
    private PixelGrid _grid;
    private long[][] _seriesTimestamps = [];
    private double[][] _seriesValues = [];
    private PixelGrid _seriesGrid;
    private RecordBatch _batch = null!;
    private readonly long[] _keptTimestamps = new long[4 * Width];
    private readonly double[] _keptValues = new double[4 * Width];

    [GlobalSetup]
    public void Setup()
    {
        (_timestamps, _values) = SyntheticSeries.Make(SeriesKind.RandomWalkGauge, OneSeries, jitterMs: 2);
        _grid = new PixelGrid(_timestamps[0], _timestamps[^1], Width);
        var series = Enumerable.Range(0, ManySeries)
            .Select(s => SyntheticSeries.Make(SeriesKind.RandomWalkGauge, ManySeriesPoints, jitterMs: 2, seed: s + 1)).ToArray();
        _seriesTimestamps = series.Select(s => s.Timestamps).ToArray();
        _seriesValues = series.Select(s => s.Values).ToArray();
        _seriesGrid = new PixelGrid(series.Min(s => s.Timestamps[0]), series.Max(s => s.Timestamps[^1]), Width);
        _batch = LongFormBatch(series);
        Console.WriteLine($"// 1 M points → {OneMillion()} kept; scalar → {ScalarOneMillion()} kept; " +
            $"10 × 100 k → {TenSeries()} kept; batch → {TenSeriesBatch()} rows");
    }

    [Benchmark(Baseline = true, Description = "scalar M4, 1 M points → 1,000 px")]
    public int ScalarOneMillion() => ScalarM4(_timestamps, _values, _grid, _keptTimestamps, _keptValues);

    [Benchmark(Description = "M4, 1 M points → 1,000 px")]
    public int OneMillion() => M4Decimator.Decimate(_timestamps, _values, _grid, _keptTimestamps, _keptValues);

    [Benchmark(Description = "M4, 10 series × 100 k → 1,000 px")]
    public int TenSeries()
    {
        var kept = 0;
        for (var s = 0; s < ManySeries; s++)
        {
            kept += M4Decimator.Decimate(_seriesTimestamps[s], _seriesValues[s], _seriesGrid, _keptTimestamps, _keptValues);
        }

        return kept;
    }

    [Benchmark(Description = "M4, 10 series × 100 k → 1,000 px, record batch")]
    public int TenSeriesBatch()
    {
        using var decimated = M4Decimator.Decimate(_batch, _seriesGrid);
        return decimated.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => _batch.Dispose();

    // What one writes first: a division per sample to find its column, then compare-and-keep per column.
    private static int ScalarM4(long[] timestamps, double[] values, PixelGrid grid, long[] keptTimestamps, double[] keptValues)
    {
        var span = grid.EndMs - grid.StartMs + 1;
        var kept = 0;
        var column = -1;
        int first = 0, min = 0, max = 0, last = 0;
        for (var i = 0; i < timestamps.Length; i++)
        {
            var c = (int)((timestamps[i] - grid.StartMs) * grid.Width / span);
            if (c != column)
            {
                if (column >= 0)
                {
                    kept = Emit(timestamps, values, first, min, max, last, keptTimestamps, keptValues, kept);
                }

                column = c;
                first = min = max = i;
            }

            if (values[i] < values[min])
            {
                min = i;
            }

            if (values[i] > values[max])
            {
                max = i;
            }

            last = i;
        }

        return column < 0 ? 0 : Emit(timestamps, values, first, min, max, last, keptTimestamps, keptValues, kept);
    }

    private static int Emit(long[] timestamps, double[] values, int first, int min, int max, int last,
        long[] keptTimestamps, double[] keptValues, int kept)
    {
        Span<int> rows = [first, Math.Min(min, max), Math.Max(min, max), last];
        for (var r = 0; r < rows.Length; r++)
        {
            if (r == 0 || rows[r] != rows[r - 1])
            {
                keptTimestamps[kept] = timestamps[rows[r]];
                keptValues[kept++] = values[rows[r]];
            }
        }

        return kept;
    }

    // The series back to back, as SeriesRecordBatch lays them out: timestamp, value, dictionary-encoded series.
    private static RecordBatch LongFormBatch((long[] Timestamps, double[] Values)[] series)
    {
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, "UTC"));
        var values = new DoubleArray.Builder();
        var codes = new Int32Array.Builder();
        for (var s = 0; s < series.Length; s++)
        {
            foreach (var t in series[s].Timestamps)
            {
                times.Append(DateTimeOffset.FromUnixTimeMilliseconds(t));
            }

            values.AppendRange(series[s].Values);
            codes.AppendRange(Enumerable.Repeat(s, series[s].Timestamps.Length));
        }

        var names = new StringArray.Builder().AppendRange(Enumerable.Range(0, series.Length).Select(s => $"walk{{n=\"{s}\"}}")).Build();
        var seriesType = new DictionaryType(Int32Type.Default, StringType.Default, false);
        return new RecordBatch.Builder()
            .Append(SeriesRecordBatch.TimestampColumn, false, times.Build())
            .Append(SeriesRecordBatch.ValueColumn, false, values.Build())
            .Append(SeriesRecordBatch.SeriesColumn, false, new DictionaryArray(seriesType, codes.Build(), names))
            .Build();
    }
}
