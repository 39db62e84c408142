using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Query.Decimation;

public static partial class M4Decimator
{
    /// <summary>
    /// Decimates every series of a batch shaped like <see cref="SeriesRecordBatch"/> (a <c>timestamp</c> and a
    /// <c>value</c> column; rows of one series contiguous and in time order, told apart by the optional <c>series</c>
    /// column) into a new batch with the same schema: the kept rows of every column, label columns included.
    /// </summary>
    /// <param name="batch">The samples; timestamp and value without nulls.</param>
    /// <param name="grid">The chart's range and width.</param>
    /// <returns>A new batch; each series has at most <see cref="PixelGrid.MaxPoints"/> rows.</returns>
    /// <exception cref="ArgumentException">A column is missing, has the wrong type, or timestamps/values have nulls.</exception>
    /// <exception cref="NotSupportedException">Another column has a type the gather does not handle.</exception>
    public static RecordBatch Decimate(RecordBatch batch, PixelGrid grid)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var timestamps = RequiredColumn<TimestampArray>(batch, SeriesRecordBatch.TimestampColumn);
        var values = RequiredColumn<DoubleArray>(batch, SeriesRecordBatch.ValueColumn);
        var runs = SeriesCodes(batch);
        var rented = ArrayPool<int>.Shared.Rent(Math.Max(batch.Length, 1));
        try
        {
            var kept = 0;
            var times = timestamps.Values;
            var numbers = values.Values;
            for (var runStart = 0; runStart < batch.Length;)
            {
                var runEnd = RunEnd(runs, runStart, batch.Length);
                var selected = SelectIndices(times[runStart..runEnd], numbers[runStart..runEnd], grid, rented.AsSpan(kept));
                for (var i = kept; i < kept + selected; i++)
                {
                    rented[i] += runStart;
                }

                kept += selected;
                runStart = runEnd;
            }

            var rows = rented.AsSpan(0, kept);
            var columns = new IArrowArray[batch.ColumnCount];
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                columns[c] = Gather(batch.Column(c), batch.Schema.GetFieldByIndex(c).Name, rows);
            }

            return new RecordBatch(batch.Schema, columns, kept);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static T RequiredColumn<T>(RecordBatch batch, string name)
        where T : IArrowArray
    {
        var index = batch.Schema.GetFieldIndex(name);
        if (index < 0)
        {
            throw new ArgumentException($"The batch has no '{name}' column.", nameof(batch));
        }

        if (batch.Column(index) is not T column)
        {
            throw new ArgumentException($"The batch's '{name}' column is {batch.Column(index).Data.DataType.Name}, not {typeof(T).Name}.", nameof(batch));
        }

        if (column.NullCount > 0)
        {
            throw new ArgumentException($"The batch's '{name}' column has {column.NullCount} nulls; every sample needs a time and a value.", nameof(batch));
        }

        return column;
    }

    // The series code of every row, or an empty span when the batch holds one series.
    private static ReadOnlySpan<int> SeriesCodes(RecordBatch batch)
    {
        var index = batch.Schema.GetFieldIndex(SeriesRecordBatch.SeriesColumn);
        if (index < 0)
        {
            return [];
        }

        return batch.Column(index) switch
        {
            DictionaryArray { Indices: Int32Array codes } => codes.Values,
            Int32Array codes => codes.Values,
            var other => throw new ArgumentException(
                $"The batch's '{SeriesRecordBatch.SeriesColumn}' column is {other.Data.DataType.Name}; expected int32 codes or a dictionary with int32 indices.", nameof(batch)),
        };
    }

    private static int RunEnd(ReadOnlySpan<int> codes, int start, int length)
    {
        if (codes.IsEmpty)
        {
            return length;
        }

        var end = codes[start..].IndexOfAnyExcept(codes[start]);
        return end < 0 ? length : start + end;
    }

    // The column's rows at `rows`, in a new array of the same type (a dictionary keeps its dictionary).
    private static IArrowArray Gather(IArrowArray column, string name, ReadOnlySpan<int> rows) => column switch
    {
        TimestampArray times => new TimestampArray(new ArrayData(times.Data.DataType, rows.Length, 0, 0,
            [ArrowBuffer.Empty, GatherValues(times.Values, rows)])),
        DoubleArray numbers => new DoubleArray(GatherValues(numbers.Values, rows), ArrowBuffer.Empty, rows.Length, 0, 0),
        DictionaryArray { Indices: Int32Array codes } dictionary => new DictionaryArray((DictionaryType)dictionary.Data.DataType,
            GatherCodes(codes, rows), dictionary.Dictionary),
        Int32Array { NullCount: 0 } codes => new Int32Array(GatherValues(codes.Values, rows), ArrowBuffer.Empty, rows.Length, 0, 0),
        _ => throw new NotSupportedException($"Column '{name}' is {column.Data.DataType.Name}; decimation gathers timestamp, double, int32 (without nulls) and int32-dictionary columns."),
    };

    private static ArrowBuffer GatherValues<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> rows)
        where T : struct
    {
        var bytes = new byte[rows.Length * Marshal.SizeOf<T>()];
        var target = MemoryMarshal.Cast<byte, T>(bytes.AsSpan());
        for (var i = 0; i < rows.Length; i++)
        {
            target[i] = source[rows[i]];
        }

        return new ArrowBuffer(bytes);
    }

    private static Int32Array GatherCodes(Int32Array codes, ReadOnlySpan<int> rows)
    {
        var values = GatherValues(codes.Values, rows);
        if (codes.NullCount == 0)
        {
            return new Int32Array(values, ArrowBuffer.Empty, rows.Length, 0, 0);
        }

        var validity = new byte[(rows.Length + 7) / 8];
        var nulls = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            if (codes.IsValid(rows[i]))
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
            else
            {
                nulls++;
            }
        }

        return new Int32Array(values, new ArrowBuffer(validity), rows.Length, nulls, 0);
    }
}
