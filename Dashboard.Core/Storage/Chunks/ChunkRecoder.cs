using System.Buffers;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>Re-encodes chunks for the long term, when they leave the head for a block.</summary>
public static class ChunkRecoder
{
    /// <summary>
    /// The smallest encoding of <paramref name="chunk"/>'s samples: the <see cref="ChunkEncoding.Xor"/> chunk as it is,
    /// or a <see cref="ChunkEncoding.ScaledDecimal"/> one when every value is a short decimal. Lossless either way.
    /// </summary>
    /// <param name="chunk">A chunk; one that is not <see cref="ChunkEncoding.Xor"/> is returned unchanged.</param>
    /// <returns>The chunk to store.</returns>
    public static StoredChunk Compact(StoredChunk chunk)
    {
        if (chunk.Encoding != ChunkEncoding.Xor || chunk.Count == 0)
        {
            return chunk;
        }

        var timestamps = ArrayPool<long>.Shared.Rent(chunk.Count);
        var values = ArrayPool<double>.Shared.Rent(chunk.Count);
        try
        {
            var iterator = new ChunkIterator(chunk);
            var count = 0;
            while (iterator.MoveNext())
            {
                timestamps[count] = iterator.Timestamp;
                values[count++] = iterator.Value;
            }

            var data = ScaledDecimalEncoder.TryEncode(timestamps.AsSpan(0, count), values.AsSpan(0, count));
            return data is not null && data.Length < chunk.Data.Length
                ? new StoredChunk(ChunkEncoding.ScaledDecimal, chunk.MinTime, chunk.MaxTime, count, data)
                : chunk;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(timestamps);
            ArrayPool<double>.Shared.Return(values);
        }
    }
}
