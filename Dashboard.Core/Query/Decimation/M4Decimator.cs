using System.Buffers;
using System.Numerics.Tensors;

namespace Dashboard.Core.Query.Decimation;

/// <summary>
/// M4 decimation of one series for a chart: per pixel column it keeps the column's first and last samples and its
/// minimum and maximum (each with its own timestamp; on ties the first occurrence), so lines drawn from the result
/// touch the same extremes, pixel for pixel, as lines drawn from every sample. At most four points per column, in time
/// order, each one an input sample unchanged; empty columns give nothing. Samples outside the grid's range are left out;
/// when no more than <see cref="PixelGrid.MaxPoints"/> samples are in range they all come back as they are.
/// </summary>
/// <remarks>
/// <para>NaN: a NaN is never a column's minimum or maximum (those are over the column's numbers), but a column's first
/// and last samples are kept whatever their value, so a gap (NaN) at a column's edge stays in the output. A column of
/// NaNs only gives its first and last sample. -0 counts as less than +0, as in <see cref="TensorPrimitives"/>.</para>
/// <para>Timestamps must be in non-decreasing order (the store's and Arrow batches' order); the kernel does not read
/// every timestamp to check it. Column edges are found by galloping search, so the cost is one vectorised min and max
/// pass over the values plus O(width × log(samples per column)) timestamp reads. Nothing is allocated per point.</para>
/// </remarks>
public static partial class M4Decimator
{
    /// <summary>Selects the samples to keep, as indices into the input.</summary>
    /// <param name="timestamps">Sample times in ms, non-decreasing.</param>
    /// <param name="values">Sample values, as many as <paramref name="timestamps"/>.</param>
    /// <param name="grid">The chart's range and width.</param>
    /// <param name="indices">Receives the kept indices in increasing order; needs room for
    /// min(samples, <see cref="PixelGrid.MaxPoints"/>).</param>
    /// <returns>How many indices were written.</returns>
    public static int SelectIndices(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, PixelGrid grid, Span<int> indices)
    {
        CheckInput(timestamps, values, grid, indices.Length, nameof(indices));
        var first = LowerBound(timestamps, 0, grid.StartMs);
        var end = LowerBound(timestamps, first, grid.ColumnStart(grid.Width));
        if (end - first <= grid.MaxPoints)
        {
            for (var i = first; i < end; i++)
            {
                indices[i - first] = i;
            }

            return end - first;
        }

        var count = 0;
        var columnFirst = first;
        for (var column = 0; column < grid.Width && columnFirst < end; column++)
        {
            var columnEnd = column == grid.Width - 1 ? end : LowerBound(timestamps[..end], columnFirst, grid.ColumnStart(column + 1));
            if (columnEnd > columnFirst)
            {
                count = KeepColumn(values, columnFirst, columnEnd, indices, count);
                columnFirst = columnEnd;
            }
        }

        return count;
    }

    /// <summary>Decimates a series into caller-provided buffers.</summary>
    /// <param name="timestamps">Sample times in ms, non-decreasing.</param>
    /// <param name="values">Sample values, as many as <paramref name="timestamps"/>.</param>
    /// <param name="grid">The chart's range and width.</param>
    /// <param name="outputTimestamps">Receives the kept times; needs room for min(samples, <see cref="PixelGrid.MaxPoints"/>).</param>
    /// <param name="outputValues">Receives the kept values; as long as <paramref name="outputTimestamps"/>.</param>
    /// <returns>How many points were written.</returns>
    public static int Decimate(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, PixelGrid grid,
        Span<long> outputTimestamps, Span<double> outputValues)
    {
        CheckInput(timestamps, values, grid, Math.Min(outputTimestamps.Length, outputValues.Length), nameof(outputTimestamps));
        var rented = ArrayPool<int>.Shared.Rent(Math.Min(timestamps.Length, grid.MaxPoints));
        try
        {
            var kept = SelectIndices(timestamps, values, grid, rented);
            for (var i = 0; i < kept; i++)
            {
                outputTimestamps[i] = timestamps[rented[i]];
                outputValues[i] = values[rented[i]];
            }

            return kept;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    // Appends the column's first, min, max and last indices, in order and each once.
    private static int KeepColumn(ReadOnlySpan<double> values, int columnFirst, int columnEnd, Span<int> indices, int count)
    {
        var last = columnEnd - 1;
        var (min, max) = Extremes(values[columnFirst..columnEnd]);
        indices[count++] = columnFirst;
        if (min >= 0)
        {
            var (low, high) = min < max ? (columnFirst + min, columnFirst + max) : (columnFirst + max, columnFirst + min);
            if (low != indices[count - 1])
            {
                indices[count++] = low;
            }

            if (high != indices[count - 1])
            {
                indices[count++] = high;
            }
        }

        if (last != indices[count - 1])
        {
            indices[count++] = last;
        }

        return count;
    }

    // The first minimum's and first maximum's offsets, NaNs aside; (-1, -1) when every value is NaN.
    private static (int Min, int Max) Extremes(ReadOnlySpan<double> column)
    {
        // IndexOfMin answers the first NaN's index when there is one: then, and only then, the column is scanned again.
        var min = TensorPrimitives.IndexOfMin(column);
        if (!double.IsNaN(column[min]))
        {
            return (min, TensorPrimitives.IndexOfMax(column));
        }

        min = -1;
        var max = -1;
        for (var i = 0; i < column.Length; i++)
        {
            var value = column[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            if (min < 0 || Less(value, column[min]))
            {
                min = i;
            }

            if (max < 0 || Less(column[max], value))
            {
                max = i;
            }
        }

        return (min, max);
    }

    // IEEE order with -0 below +0, as TensorPrimitives orders them.
    private static bool Less(double a, double b) =>
        a < b || (a == b && double.IsNegative(a) && !double.IsNegative(b));

    // The first index at or after `from` whose timestamp is at least `bound`: galloping, then binary search, so a
    // column of k samples costs O(log k) reads.
    private static int LowerBound(ReadOnlySpan<long> timestamps, int from, Int128 bound)
    {
        var step = 1;
        var low = from;
        var high = from;
        while (high < timestamps.Length && timestamps[high] < bound)
        {
            low = high + 1;
            high = from + step > timestamps.Length - 1 || step > int.MaxValue / 2 ? timestamps.Length : from + step;
            step <<= 1;
        }

        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (timestamps[middle] < bound)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static void CheckInput(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, PixelGrid grid, int room, string roomName)
    {
        if (grid.Width == 0)
        {
            throw new ArgumentException("The pixel grid is uninitialised (width 0); create it with its constructor.", nameof(grid));
        }

        if (timestamps.Length != values.Length)
        {
            throw new ArgumentException($"{timestamps.Length} timestamps but {values.Length} values; a series needs one of each per sample.", nameof(values));
        }

        var needed = Math.Min(timestamps.Length, grid.MaxPoints);
        if (room < needed)
        {
            throw new ArgumentException($"The output has room for {room} points; up to {needed} may be kept.", roomName);
        }
    }
}
