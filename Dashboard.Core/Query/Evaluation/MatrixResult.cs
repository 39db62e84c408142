using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Dashboard.Abstractions;
using Dashboard.Core.Query.Decimation;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Query.Evaluation;

/// <summary>
/// A matrix: series with points over time, as an Arrow record batch (<c>series</c> int32 index into
/// <see cref="Series"/>, <c>timestamp</c>, <c>value</c>; a series' rows contiguous and in time order) so that
/// decimation, Arrow IPC and JSON all read the same columns without copying them into objects first.
/// </summary>
public sealed record MatrixResult : QueryResult
{
    private MatrixResult(IReadOnlyList<Label[]> series, RecordBatch samples)
    {
        Series = series;
        Samples = samples;
    }

    /// <inheritdoc />
    public override string ResultType => "matrix";

    /// <summary>The label set of each series, by index.</summary>
    public IReadOnlyList<Label[]> Series { get; }

    /// <summary>The points: <c>series</c>, <c>timestamp</c> and <c>value</c> columns.</summary>
    public RecordBatch Samples { get; }

    /// <summary>The points' series indices.</summary>
    public ReadOnlySpan<int> SeriesIndices => ((Int32Array)Samples.Column(0)).Values;

    /// <summary>The points' times, Unix ms.</summary>
    public ReadOnlySpan<long> Timestamps => ((TimestampArray)Samples.Column(1)).Values;

    /// <summary>The points' values.</summary>
    public ReadOnlySpan<double> Values => ((DoubleArray)Samples.Column(2)).Values;

    /// <summary>The matrix with each series cut to at most 4 points per pixel column (M4: first, last, min, max).</summary>
    /// <param name="grid">The chart's time range and width.</param>
    /// <returns>A new matrix over the same series.</returns>
    public MatrixResult Decimated(PixelGrid grid) => new(Series, M4Decimator.Decimate(Samples, grid));

    /// <summary>The rows [start, end) of each series in turn.</summary>
    /// <returns>Per series with points, its index and its rows.</returns>
    public IEnumerable<(int Series, int Start, int End)> Runs()
    {
        var length = Samples.Length;
        for (var start = 0; start < length;)
        {
            var indices = SeriesIndices;
            var series = indices[start];
            var end = indices[start..].IndexOfAnyExcept(series);
            end = end < 0 ? length : start + end;
            yield return (series, start, end);
            start = end;
        }
    }

    /// <summary>Builds a matrix from series and their points, in the order given.</summary>
    /// <param name="series">Each series' labels, timestamps (ascending) and values.</param>
    /// <returns>The matrix.</returns>
    public static MatrixResult Build(IReadOnlyList<(Label[] Labels, long[] Timestamps, double[] Values)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var rows = series.Sum(s => s.Timestamps.Length);
        var indices = new byte[rows * sizeof(int)];
        var timestamps = new byte[rows * sizeof(long)];
        var values = new byte[rows * sizeof(double)];
        var row = 0;
        for (var s = 0; s < series.Count; s++)
        {
            var count = series[s].Timestamps.Length;
            MemoryMarshal.Cast<byte, int>(indices.AsSpan(row * sizeof(int), count * sizeof(int))).Fill(s);
            series[s].Timestamps.CopyTo(MemoryMarshal.Cast<byte, long>(timestamps.AsSpan(row * sizeof(long))));
            series[s].Values.CopyTo(MemoryMarshal.Cast<byte, double>(values.AsSpan(row * sizeof(double))));
            row += count;
        }

        var timestampType = new TimestampType(TimeUnit.Millisecond, "UTC");
        var schema = new Schema(
        [
            new Field(SeriesRecordBatch.SeriesColumn, Int32Type.Default, nullable: false),
            new Field(SeriesRecordBatch.TimestampColumn, timestampType, nullable: false),
            new Field(SeriesRecordBatch.ValueColumn, DoubleType.Default, nullable: false),
        ], null);
        IArrowArray[] columns =
        [
            new Int32Array(new ArrowBuffer(indices), ArrowBuffer.Empty, rows, 0, 0),
            new TimestampArray(new ArrayData(timestampType, rows, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(timestamps)])),
            new DoubleArray(new ArrowBuffer(values), ArrowBuffer.Empty, rows, 0, 0),
        ];
        return new MatrixResult([.. series.Select(s => s.Labels)], new RecordBatch(schema, columns, rows));
    }
}
