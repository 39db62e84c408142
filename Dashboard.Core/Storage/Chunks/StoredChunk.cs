namespace Dashboard.Core.Storage.Chunks;

/// <summary>An immutable run of samples of one series, encoded.</summary>
/// <param name="Encoding">How <paramref name="Data"/> is encoded.</param>
/// <param name="MinTime">The first sample's timestamp (Unix milliseconds).</param>
/// <param name="MaxTime">The last sample's timestamp (Unix milliseconds).</param>
/// <param name="Count">How many samples it holds.</param>
/// <param name="Data">The encoded samples.</param>
public readonly record struct StoredChunk(ChunkEncoding Encoding, long MinTime, long MaxTime, int Count, ReadOnlyMemory<byte> Data)
{
    /// <summary>Whether any of the chunk's samples may fall in [<paramref name="minTime"/>, <paramref name="maxTime"/>].</summary>
    /// <param name="minTime">Range start, inclusive.</param>
    /// <param name="maxTime">Range end, inclusive.</param>
    /// <returns><see langword="true"/> when the ranges overlap.</returns>
    public bool Overlaps(long minTime, long maxTime) => MinTime <= maxTime && MaxTime >= minTime;
}
