using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

/// <summary>Samples of one series, as plain arrays, with helpers to encode and compare them.</summary>
/// <param name="Timestamps">Strictly increasing timestamps.</param>
/// <param name="Values">One value per timestamp.</param>
internal sealed record Series(long[] Timestamps, double[] Values)
{
    /// <summary>Samples in the chunk.</summary>
    public int Count => Timestamps.Length;

    /// <summary>Decodes every sample of <paramref name="chunk"/>.</summary>
    /// <param name="chunk">The chunk.</param>
    /// <returns>Its samples.</returns>
    public static Series Decode(StoredChunk chunk)
    {
        var timestamps = new List<long>();
        var values = new List<double>();
        var iterator = new ChunkIterator(chunk);
        while (iterator.MoveNext())
        {
            timestamps.Add(iterator.Timestamp);
            values.Add(iterator.Value);
        }

        return new Series([.. timestamps], [.. values]);
    }

    /// <summary>Appends every sample to a new appender.</summary>
    /// <returns>The appender.</returns>
    public XorChunkAppender Append()
    {
        var appender = new XorChunkAppender();
        for (var i = 0; i < Count; i++)
        {
            appender.Append(Timestamps[i], Values[i]);
        }

        return appender;
    }

    /// <summary>Asserts that <paramref name="chunk"/> holds exactly these samples, values compared bit for bit.</summary>
    /// <param name="chunk">The chunk.</param>
    public void AssertHeldBy(StoredChunk chunk)
    {
        Assert.Equal(Count, chunk.Count);
        Assert.Equal(Timestamps[0], chunk.MinTime);
        Assert.Equal(Timestamps[^1], chunk.MaxTime);
        var decoded = Decode(chunk);
        Assert.Equal(Timestamps, decoded.Timestamps);
        Assert.Equal(Values.Select(BitConverter.DoubleToUInt64Bits), decoded.Values.Select(BitConverter.DoubleToUInt64Bits));
    }

    /// <summary>Shows the samples when a property fails.</summary>
    /// <returns>The samples.</returns>
    public override string ToString() =>
        string.Join(", ", Timestamps.Zip(Values, (t, v) => $"{t}:{BitConverter.DoubleToUInt64Bits(v):x16}"));
}
