namespace Dashboard.Core.RemoteWrite;

/// <summary>
/// The bounded buffer of one shard: a ring of <see cref="Capacity"/> samples, oldest first. A full ring drops its
/// oldest sample to take the newest, so after an outage longer than the buffer the remote receives the most recent
/// <see cref="Capacity"/> samples with one gap before them, rather than old data and a gap up to now.
/// </summary>
/// <remarks>
/// Thread-safe: the ingestion thread enqueues while the shard's sender takes batches. The deadline clock is the
/// <see cref="TimeProvider"/>'s timestamp, so tests move it by hand.
/// </remarks>
internal sealed class ShardQueue
{
    private readonly QueuedSample[] _ring;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _head;
    private int _count;
    private long _firstPendingAt;

    public ShardQueue(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new QueuedSample[capacity];
        _time = time;
    }

    public int Capacity => _ring.Length;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds a sample, dropping the oldest when full.</summary>
    /// <param name="sample">The sample.</param>
    /// <param name="droppedOldest">Whether the oldest sample was dropped to make room.</param>
    /// <returns>How many samples wait now.</returns>
    public int Enqueue(in QueuedSample sample, out bool droppedOldest)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                _firstPendingAt = _time.GetTimestamp();
            }

            var tail = (_head + _count) % _ring.Length;
            _ring[tail] = sample;
            droppedOldest = _count == _ring.Length;
            if (droppedOldest)
            {
                _head = (_head + 1) % _ring.Length;
            }
            else
            {
                _count++;
            }

            return _count;
        }
    }

    /// <summary>
    /// Whether a batch should go now: <paramref name="maxSamples"/> are waiting, or the oldest waiting sample has
    /// waited <paramref name="deadline"/>. Otherwise <paramref name="wait"/> is how long until the deadline passes
    /// (<see cref="Timeout.InfiniteTimeSpan"/> when empty).
    /// </summary>
    public bool IsBatchReady(int maxSamples, TimeSpan deadline, out TimeSpan wait)
    {
        lock (_lock)
        {
            wait = Timeout.InfiniteTimeSpan;
            if (_count == 0)
            {
                return false;
            }

            if (_count >= maxSamples)
            {
                return true;
            }

            var waited = _time.GetElapsedTime(_firstPendingAt);
            if (waited >= deadline)
            {
                return true;
            }

            wait = deadline - waited;
            return false;
        }
    }

    /// <summary>Moves up to <c>into.Length</c> of the oldest samples into <paramref name="into"/>.</summary>
    /// <returns>How many were taken.</returns>
    public int Take(Span<QueuedSample> into)
    {
        lock (_lock)
        {
            var taken = Math.Min(into.Length, _count);
            for (var i = 0; i < taken; i++)
            {
                into[i] = _ring[_head];
                _ring[_head] = default;
                _head = (_head + 1) % _ring.Length;
            }

            _count -= taken;
            // What is left was enqueued before now: its wait counts from here, at worst one deadline late.
            _firstPendingAt = _time.GetTimestamp();
            return taken;
        }
    }

    /// <summary>Empties the ring.</summary>
    /// <returns>How many samples it held.</returns>
    public int Clear()
    {
        lock (_lock)
        {
            var dropped = _count;
            Array.Clear(_ring);
            _head = 0;
            _count = 0;
            return dropped;
        }
    }
}
