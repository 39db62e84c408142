using System.Buffers;

namespace Dashboard.Core.Collection;

/// <summary>
/// The samples of one successful collect of one instance. Its buffer is pooled: the last consumer calls
/// <see cref="Release"/>, after which the batch must not be read.
/// </summary>
public sealed class SampleBatch
{
    private Sample[] _samples;
    private int _count;

    internal SampleBatch(string instanceId, SeriesTable table, DateTimeOffset collectedAt, int capacityHint)
    {
        InstanceId = instanceId;
        Table = table;
        CollectedAt = collectedAt;
        _samples = ArrayPool<Sample>.Shared.Rent(Math.Max(capacityHint, 16));
    }

    /// <summary>The instance that collected it.</summary>
    public string InstanceId { get; }

    /// <summary>The series table the samples' series belong to (one per instance configuration).</summary>
    public SeriesTable Table { get; }

    /// <summary>When the collect started.</summary>
    public DateTimeOffset CollectedAt { get; }

    /// <summary>How many samples the batch holds.</summary>
    public int Count => _count;

    /// <summary>The samples, in the order they were written.</summary>
    public ReadOnlySpan<Sample> Samples => _samples.AsSpan(0, _count);

    internal void Add(Series series, long timestampMs, double value)
    {
        if (_count == _samples.Length)
        {
            Grow();
        }

        _samples[_count++] = new Sample(series, timestampMs, value);
    }

    /// <summary>Returns the buffer to the pool. Call once, when every consumer is done.</summary>
    public void Release()
    {
        var samples = Interlocked.Exchange(ref _samples, []);
        _count = 0;
        if (samples.Length > 0)
        {
            ArrayPool<Sample>.Shared.Return(samples, clearArray: true);
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<Sample>.Shared.Rent(_samples.Length * 2);
        _samples.AsSpan(0, _count).CopyTo(larger);
        ArrayPool<Sample>.Shared.Return(_samples, clearArray: true);
        _samples = larger;
    }
}
