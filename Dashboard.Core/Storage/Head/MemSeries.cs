using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// One series in the head: sealed chunks plus the open one being appended. One appender at a time (the store's
/// append lock); readers take <see cref="Gate"/> and copy what they need. Sealed chunks are re-encoded in the
/// background into their densest form (<see cref="CompactSealed"/>), off the append path.
/// </summary>
internal sealed class MemSeries(Head owner, int id, Label[] labels)
{
    private readonly List<StoredChunk> _sealed = [];

    // Reused across chunks: sealing copies the bytes out, so one buffer serves the series' whole life.
    private XorChunkAppender? _open;
    private long _openRangeEnd;
    private double _lastValue;
    private int _compacted;
    private int _truncations;

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
                return _sealed.Count > 0 ? _sealed[0].MinTime : HasOpenChunk ? _open!.MinTime : long.MaxValue;
            }
        }
    }

    /// <summary>Set once the head has dropped the series; a caller holding it must look the labels up again.</summary>
    public bool Removed { get; set; }

    private bool HasOpenChunk => _open is { Count: > 0 };

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
            if (HasOpenChunk && (_open!.Count >= chunkSamples || timestamp >= _openRangeEnd))
            {
                SealOpen();
            }

            _open ??= new XorChunkAppender();
            if (_open.Count == 0)
            {
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

            if (HasOpenChunk && _open!.MinTime <= maxTime && _open.MaxTime >= minTime)
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
            var dropped = _sealed.RemoveAll(c => c.MaxTime < minTime);
            if (dropped > 0)
            {
                _compacted = Math.Max(0, _compacted - dropped);
                _truncations++;
            }

            if (HasOpenChunk && _open!.MaxTime < minTime)
            {
                _open.Reset();
            }

            if (_sealed.Count == 0 && !HasOpenChunk)
            {
                // Nothing left: the series is about to be dropped, so its buffer goes too.
                _open = null;
                return true;
            }

            return false;
        }
    }

    /// <summary>Seals the open chunk when it ends before <paramref name="boundary"/>, so a block cut can take it.</summary>
    public void SealBefore(long boundary)
    {
        lock (Gate)
        {
            if (HasOpenChunk && _open!.MaxTime < boundary)
            {
                SealOpen();
            }
        }
    }

    /// <summary>
    /// Re-encodes the sealed chunks not yet looked at into their densest form (scaled decimals where the values
    /// allow), so the head holds recent data at close to block density. The encoding runs outside the lock.
    /// </summary>
    /// <returns>Bytes saved.</returns>
    public long CompactSealed()
    {
        StoredChunk[] pending;
        int start;
        int truncations;
        lock (Gate)
        {
            start = _compacted;
            if (start >= _sealed.Count)
            {
                return 0;
            }

            pending = [.. _sealed.Skip(start)];
            truncations = _truncations;
        }

        var compacted = new StoredChunk[pending.Length];
        long saved = 0;
        for (var i = 0; i < pending.Length; i++)
        {
            compacted[i] = ChunkRecoder.Compact(pending[i]);
            saved += pending[i].Data.Length - compacted[i].Data.Length;
        }

        lock (Gate)
        {
            // A truncation in between shifted the list: leave it, the next round starts over from the right place.
            if (truncations != _truncations)
            {
                return 0;
            }

            for (var i = 0; i < compacted.Length; i++)
            {
                _sealed[start + i] = compacted[i];
            }

            _compacted = start + compacted.Length;
        }

        return saved;
    }

    private void SealOpen()
    {
        _sealed.Add(_open!.Seal());
        _open.Reset();
    }
}
