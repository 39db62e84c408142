using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Puts the chunks of one series, possibly gathered from several places, in block order.</summary>
internal static class SeriesChunks
{
    /// <summary>Sorts chunks by time and drops exact duplicates (same metadata and bytes): overlapping sources keep
    /// every sample, but a chunk seen twice is stored once.</summary>
    public static List<StoredChunk> Combine(List<StoredChunk> chunks)
    {
        if (IsOrdered(chunks))
        {
            return chunks;
        }

        chunks.Sort(static (a, b) => a.MinTime != b.MinTime ? a.MinTime.CompareTo(b.MinTime) : a.MaxTime.CompareTo(b.MaxTime));
        var kept = new List<StoredChunk>(chunks.Count);
        foreach (var chunk in chunks)
        {
            if (!HasDuplicate(kept, chunk))
            {
                kept.Add(chunk);
            }
        }

        return kept;
    }

    /// <summary>The chunks themselves when already in order, else a sorted, deduplicated copy.</summary>
    public static IReadOnlyList<StoredChunk> Ordered(IReadOnlyList<StoredChunk> chunks) => IsOrdered(chunks) ? chunks : Combine([.. chunks]);

    /// <summary>Whether chunks are already strictly ordered, so neither sorting nor deduplication can change them.</summary>
    private static bool IsOrdered(IReadOnlyList<StoredChunk> chunks)
    {
        for (var i = 1; i < chunks.Count; i++)
        {
            if (chunks[i].MinTime <= chunks[i - 1].MaxTime)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasDuplicate(List<StoredChunk> kept, StoredChunk chunk)
    {
        // Only chunks with the same start can be equal, and they sit together at the end of the sorted list.
        for (var i = kept.Count - 1; i >= 0 && kept[i].MinTime == chunk.MinTime; i--)
        {
            var other = kept[i];
            if (other.MaxTime == chunk.MaxTime && other.Count == chunk.Count && other.Encoding == chunk.Encoding
                && other.Data.Span.SequenceEqual(chunk.Data.Span))
            {
                return true;
            }
        }

        return false;
    }
}
