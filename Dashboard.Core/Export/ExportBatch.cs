using System.Runtime.InteropServices;

namespace Dashboard.Core.Export;

/// <summary>
/// One block of export rows: timestamps and values decoded straight from the chunks into buffers that are reused for
/// every block, and which series each stretch of rows belongs to (label columns repeat per series, so they are
/// filled from the runs rather than stored per row). The buffers are bytes so that Arrow takes them without a copy.
/// </summary>
internal sealed class ExportBatch
{
    private readonly byte[] _timestamps;
    private readonly byte[] _values;
    private readonly List<SeriesRun> _runs = [];

    public ExportBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _timestamps = new byte[capacity * sizeof(long)];
        _values = new byte[capacity * sizeof(double)];
    }

    /// <summary>The most rows a block holds.</summary>
    public int Capacity { get; }

    /// <summary>The rows filled.</summary>
    public int Count { get; private set; }

    /// <summary>Room for <see cref="Capacity"/> timestamps (Unix ms).</summary>
    public Span<long> Timestamps => MemoryMarshal.Cast<byte, long>(_timestamps.AsSpan());

    /// <summary>Room for <see cref="Capacity"/> values.</summary>
    public Span<double> Values => MemoryMarshal.Cast<byte, double>(_values.AsSpan());

    /// <summary>The filled timestamps as little-endian bytes.</summary>
    public ReadOnlyMemory<byte> TimestampBytes => _timestamps.AsMemory(0, Count * sizeof(long));

    /// <summary>The filled values as little-endian bytes.</summary>
    public ReadOnlyMemory<byte> ValueBytes => _values.AsMemory(0, Count * sizeof(double));

    /// <summary>The series of the rows, in row order, covering rows 0 to <see cref="Count"/>.</summary>
    public IReadOnlyList<SeriesRun> Runs => _runs;

    public void Clear()
    {
        Count = 0;
        _runs.Clear();
    }

    /// <summary>Records that the rows from <see cref="Count"/> up to <paramref name="end"/> were filled for a series.</summary>
    public void EndRun(int series, int end)
    {
        if (end > Count)
        {
            _runs.Add(new SeriesRun(series, Count, end - Count));
            Count = end;
        }
    }
}
