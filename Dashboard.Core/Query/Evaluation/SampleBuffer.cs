namespace Dashboard.Core.Query.Evaluation;

/// <summary>A growable pair of timestamp and value arrays, reused from series to series while a query runs.</summary>
public sealed class SampleBuffer
{
    private long[] _timestamps = new long[256];
    private double[] _values = new double[256];

    /// <summary>How many samples the buffer holds.</summary>
    public int Count { get; private set; }

    /// <summary>The samples' times (Unix ms, ascending).</summary>
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);

    /// <summary>The samples' values.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    /// <summary>Empties the buffer, keeping its arrays.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends a sample; the caller keeps timestamps ascending.</summary>
    /// <param name="timestampMs">Its time, Unix ms.</param>
    /// <param name="value">Its value.</param>
    public void Add(long timestampMs, double value)
    {
        if (Count == _timestamps.Length)
        {
            Array.Resize(ref _timestamps, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _timestamps[Count] = timestampMs;
        _values[Count] = value;
        Count++;
    }
}
