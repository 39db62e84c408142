namespace Dashboard.Core.Query.Decimation;

/// <summary>
/// A chart's time axis cut into pixel columns: the inclusive range [<see cref="StartMs"/>, <see cref="EndMs"/>] split
/// into <see cref="Width"/> columns. A timestamp <c>t</c> in range falls in column
/// <c>floor((t - StartMs) × Width ÷ (EndMs - StartMs + 1))</c>, so column <c>c</c> starts at
/// <c>StartMs + ceil(c × span ÷ Width)</c>. The arithmetic is 128-bit: any pair of <see cref="long"/> times is exact.
/// </summary>
public readonly record struct PixelGrid
{
    /// <summary>Creates a grid.</summary>
    /// <param name="startMs">The first millisecond shown (inclusive).</param>
    /// <param name="endMs">The last millisecond shown (inclusive); not before <paramref name="startMs"/>.</param>
    /// <param name="width">Pixel columns, 1 or more.</param>
    public PixelGrid(long startMs, long endMs, int width)
    {
        if (endMs < startMs)
        {
            throw new ArgumentException($"The chart range ends ({endMs} ms) before it starts ({startMs} ms).", nameof(endMs));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        StartMs = startMs;
        EndMs = endMs;
        Width = width;
    }

    /// <summary>The widest grid: its <see cref="MaxPoints"/> still fits an <see cref="int"/> with room to spare.</summary>
    public const int MaxWidth = 1 << 24;

    /// <summary>The first millisecond shown (inclusive).</summary>
    public long StartMs { get; }

    /// <summary>The last millisecond shown (inclusive).</summary>
    public long EndMs { get; }

    /// <summary>Pixel columns.</summary>
    public int Width { get; }

    /// <summary>The most points M4 keeps per series on this grid: first, last, min and max of every column.</summary>
    public int MaxPoints => 4 * Width;

    /// <summary>The column a timestamp in range falls in.</summary>
    /// <param name="timestampMs">A time in [<see cref="StartMs"/>, <see cref="EndMs"/>].</param>
    /// <returns>0 to <see cref="Width"/> - 1.</returns>
    public int ColumnOf(long timestampMs)
    {
        if (timestampMs < StartMs || timestampMs > EndMs)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampMs), timestampMs, $"Outside the chart range [{StartMs}, {EndMs}].");
        }

        return (int)((((Int128)timestampMs - StartMs) * Width) / Span);
    }

    /// <summary>The first millisecond of a column; <see cref="EndMs"/> + 1 for <paramref name="column"/> = <see cref="Width"/>.</summary>
    internal Int128 ColumnStart(int column)
    {
        // ceil(column × span ÷ width) without floating point.
        var offset = ((column * Span) + Width - 1) / Width;
        return StartMs + offset;
    }

    private Int128 Span => (Int128)EndMs - StartMs + 1;
}
