using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage;

/// <summary>
/// Walks the samples of a series' chunks within a time range, in order. Chunks from a block and from the head
/// never overlap in time by construction; if they ever do, a timestamp already passed is skipped, not repeated.
/// </summary>
public struct SampleCursor
{
    private readonly IReadOnlyList<StoredChunk> _chunks;
    private readonly long _minTime;
    private readonly long _maxTime;
    private ChunkIterator _current;
    private int _next;
    private bool _inChunk;

    internal SampleCursor(IReadOnlyList<StoredChunk> chunks, long minTime, long maxTime)
    {
        _chunks = chunks;
        _minTime = minTime;
        _maxTime = maxTime;
        _current = default;
        _next = 0;
        _inChunk = false;
        Timestamp = long.MinValue;
        Value = 0;
    }

    /// <summary>The current sample's timestamp (Unix ms).</summary>
    public long Timestamp { get; private set; }

    /// <summary>The current sample's value.</summary>
    public double Value { get; private set; }

    /// <summary>Moves to the next sample in range.</summary>
    /// <returns><see langword="false"/> when there is none.</returns>
    public bool MoveNext()
    {
        while (true)
        {
            if (!_inChunk)
            {
                if (_next >= _chunks.Count || _chunks[_next].MinTime > _maxTime)
                {
                    return false;
                }

                _current = new ChunkIterator(_chunks[_next++]);
                _inChunk = true;
            }

            while (_current.MoveNext())
            {
                var t = _current.Timestamp;
                if (t > _maxTime)
                {
                    _inChunk = false;
                    _next = _chunks.Count;
                    return false;
                }

                if (t < _minTime || t <= Timestamp)
                {
                    continue;
                }

                Timestamp = t;
                Value = _current.Value;
                return true;
            }

            _inChunk = false;
        }
    }
}
