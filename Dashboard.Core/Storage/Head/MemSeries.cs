using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// One series in the head: sealed chunks plus the open one being appended. One appender at a time (the store's
/// append lock); readers take <see cref="Gate"/> and copy what they need.
/// </summary>
internal sealed class MemSeries(Head owner, int id, Label[] labels)
{
    private readonly List<StoredChunk> _sealed = [];
    private XorChunkAppender? _open;
    private long _openRangeEnd;
    private double _lastValue;

    public Head Owner { get; } = owner;

    public int Id { get; } = id;

    public Label[] Labels { get; } = labels;

    public Lock Gate { get; } = new();

    public long LastTimestamp { get; private set; } = long.MinValue;

    /// <summary>The oldest sample's timestamp, <see cref="long.MaxValue"/> when the series holds none.</summary>
    public long FirstTimestamp
    {
        get
        {
            lock (Gate)
            {
                return _sealed.Count > 0 ? _sealed[0].MinTime : _open?.MinTime ?? long.MaxValue;
            }
        }
    }

    /// <summary>Set once the head has dropped the series; a caller holding it must look the labels up again.</summary>
    public bool Removed { get; set; }

    /// <summary>Appends a sample, cutting a chunk when the open one is full or would cross a block boundary.</summary>
    public AppendOutcome Append(long timestamp, double value, int chunkSamples, long blockDuration)
    {
        if (timestamp <= LastTimestamp)
        {
            if (timestamp < LastTimestamp)
            {
                return AppendOutcome.OutOfOrder;
            }

            return BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(_lastValue)
                ? AppendOutcome.Duplicate
                : AppendOutcome.DuplicateTimestamp;
        }

        lock (Gate)
        {
            if (_open is not null && (_open.Count >= chunkSamples || timestamp >= _openRangeEnd))
            {
                _sealed.Add(_open.Seal());
                _open = null;
            }

            if (_open is null)
            {
                _open = new XorChunkAppender();
                _openRangeEnd = (Math.DivRem(timestamp, blockDuration, out var rem) + (rem < 0 ? 0 : 1)) * blockDuration;
            }

            _open.Append(timestamp, value);
            LastTimestamp = timestamp;
            _lastValue = value;
        }

        return AppendOutcome.Appended;
    }

    /// <summary>Restores chunks read from a head snapshot, before any append.</summary>
    public void Restore(IReadOnlyList<StoredChunk> chunks)
    {
        lock (Gate)
        {
            _sealed.AddRange(chunks);
            if (chunks.Count > 0)
            {
                var last = new ChunkIterator(chunks[^1]);
                while (last.MoveNext())
                {
                    LastTimestamp = last.Timestamp;
                    _lastValue = last.Value;
                }
            }
        }
    }

    /// <summary>The chunks overlapping [minTime, maxTime], oldest first; the open chunk as a copy.</summary>
    public List<StoredChunk> Chunks(long minTime, long maxTime)
    {
        lock (Gate)
        {
            var result = new List<StoredChunk>();
            foreach (var chunk in _sealed)
            {
                if (chunk.Overlaps(minTime, maxTime))
                {
                    result.Add(chunk);
                }
            }

            if (_open is { Count: > 0 } && _open.MinTime <= maxTime && _open.MaxTime >= minTime)
            {
                result.Add(_open.Snapshot());
            }

            return result;
        }
    }

    /// <summary>Drops every chunk that ends before <paramref name="minTime"/>; true when nothing is left.</summary>
    public bool Truncate(long minTime)
    {
        lock (Gate)
        {
            _sealed.RemoveAll(c => c.MaxTime < minTime);
            if (_open is not null && _open.MaxTime < minTime)
            {
                _open = null;
            }

            return _sealed.Count == 0 && _open is null;
        }
    }

    /// <summary>Seals the open chunk when it ends before <paramref name="boundary"/>, so a block cut can take it.</summary>
    public void SealBefore(long boundary)
    {
        lock (Gate)
        {
            if (_open is not null && _open.MaxTime < boundary)
            {
                _sealed.Add(_open.Seal());
                _open = null;
            }
        }
    }
}
