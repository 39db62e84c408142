using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Head;

/// <summary>
/// One series in the head: sealed chunks plus the open one being appended. One appender at a time (the store's
/// append lock); readers take its lock (the sealed list, to spare a lock object per series) and copy what they need. Maintenance re-encodes sealed chunks into
/// their densest form and moves their bytes to the head chunk file (<see cref="CompactSealed"/>), off the append path.
/// </summary>
internal sealed class MemSeries(Head owner, int id, Label[] labels)
{
    private readonly List<HeadChunk> _sealed = [];

    // Reused across chunks: sealing copies the bytes out, so one buffer serves the series' whole life.
    private XorChunkAppender? _open;
    private long _openRangeEnd;
    private double _lastValue;
    private int _compacted;
    private int _truncations;

    public Head Owner { get; } = owner;

    public int Id { get; } = id;

    public Label[] Labels { get; } = labels;

    public long LastTimestamp { get; private set; } = long.MinValue;

    /// <summary>The oldest sample's timestamp, <see cref="long.MaxValue"/> when the series holds none.</summary>
    public long FirstTimestamp
    {
        get
        {
            lock (_sealed)
            {
                return _sealed.Count > 0 ? _sealed[0].Chunk.MinTime : HasOpenChunk ? _open!.MinTime : long.MaxValue;
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

        lock (_sealed)
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
        lock (_sealed)
        {
            _sealed.AddRange(chunks.Select(c => new HeadChunk(c, null)));
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

    /// <summary>
    /// The chunks overlapping [minTime, maxTime], oldest first; the open chunk as a copy, chunks on disk read back
    /// (outside the lock). A chunk whose file is gone meanwhile is in a block by then and is left out.
    /// </summary>
    public List<StoredChunk> Chunks(long minTime, long maxTime) => Load(Entries(minTime, maxTime));

    /// <summary>The chunks overlapping the range as they are held now (the open one copied), without reading any back.</summary>
    public List<HeadChunk> Entries(long minTime, long maxTime)
    {
        var entries = new List<HeadChunk>();
        lock (_sealed)
        {
            foreach (var entry in _sealed)
            {
                if (entry.Chunk.Overlaps(minTime, maxTime))
                {
                    entries.Add(entry);
                }
            }

            if (HasOpenChunk && _open!.MinTime <= maxTime && _open.MaxTime >= minTime)
            {
                entries.Add(new HeadChunk(_open.Snapshot(), null));
            }
        }

        return entries;
    }

    /// <summary>The chunks of <see cref="Entries"/> with their bytes, those on disk read back.</summary>
    public List<StoredChunk> Load(List<HeadChunk> entries)
    {
        var result = new List<StoredChunk>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Location is not { } location)
            {
                result.Add(entry.Chunk);
            }
            else if (Owner.ChunkFile?.Read(location) is { } data)
            {
                result.Add(entry.Chunk with { Data = data });
            }
        }

        return result;
    }

    /// <summary>Drops every chunk that ends before <paramref name="minTime"/>; true when nothing is left.</summary>
    public bool Truncate(long minTime)
    {
        lock (_sealed)
        {
            var dropped = _sealed.RemoveAll(c => c.Chunk.MaxTime < minTime);
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
        lock (_sealed)
        {
            if (HasOpenChunk && _open!.MaxTime < boundary)
            {
                SealOpen();
            }
        }
    }

    /// <summary>
    /// Re-encodes the sealed chunks not yet looked at into their densest form (scaled decimals where the values
    /// allow) and, when the head has a chunk file, moves their bytes there, so memory holds little more than the open
    /// chunks. The work runs outside the lock.
    /// </summary>
    /// <returns>Bytes taken out of memory.</returns>
    public long CompactSealed()
    {
        HeadChunk[] pending;
        int start;
        int truncations;
        lock (_sealed)
        {
            start = _compacted;
            if (start >= _sealed.Count)
            {
                return 0;
            }

            pending = [.. _sealed.Skip(start)];
            truncations = _truncations;
        }

        var done = new HeadChunk[pending.Length];
        long saved = 0;
        for (var i = 0; i < pending.Length; i++)
        {
            var chunk = ChunkRecoder.Compact(pending[i].Chunk);
            done[i] = Owner.ChunkFile is { } file
                ? new HeadChunk(chunk with { Data = ReadOnlyMemory<byte>.Empty }, file.Write(chunk))
                : new HeadChunk(chunk, null);
            saved += pending[i].Chunk.Data.Length - done[i].Chunk.Data.Length;
        }

        lock (_sealed)
        {
            // A truncation in between shifted the list: leave it, the next round starts over from the right place.
            if (truncations != _truncations)
            {
                return 0;
            }

            for (var i = 0; i < done.Length; i++)
            {
                _sealed[start + i] = done[i];
            }

            _compacted = start + done.Length;
        }

        return saved;
    }

    private void SealOpen()
    {
        _sealed.Add(new HeadChunk(_open!.Seal(), null));
        _open.Reset();
    }
}
