namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// Walks the samples of a <see cref="StoredChunk"/> of any encoding, oldest first, without allocating per sample.
/// A plain (not ref) struct, so an <c>IEnumerable</c> iterator method can hold one; copy it and the copies advance
/// independently.
/// </summary>
public struct ChunkIterator
{
    private readonly ChunkEncoding _encoding;
    private readonly int _count;
    private BitReader _reader;
    private XorSampleDecoder _xor;
    private ScaledDecimalDecoder _decimal;
    private int _index;
    private long _timestamp;
    private double _value;

    /// <summary>Starts before the first sample of <paramref name="chunk"/>.</summary>
    /// <param name="chunk">The chunk to read.</param>
    /// <exception cref="ArgumentException">The chunk's encoding is not one this version knows.</exception>
    public ChunkIterator(StoredChunk chunk)
    {
        _encoding = chunk.Encoding;
        _count = chunk.Count;
        _reader = new BitReader(chunk.Data);
        switch (chunk.Encoding)
        {
            case ChunkEncoding.Xor:
                break;
            case ChunkEncoding.ScaledDecimal:
                if (_count > 0)
                {
                    _decimal.ReadHeader(ref _reader);
                }

                break;
            default:
                throw new ArgumentException($"Unknown chunk encoding {(int)chunk.Encoding}.", nameof(chunk));
        }
    }

    /// <summary>The current sample's timestamp (Unix milliseconds).</summary>
    public readonly long Timestamp => _timestamp;

    /// <summary>The current sample's value, bit for bit as appended.</summary>
    public readonly double Value => _value;

    /// <summary>Advances to the next sample.</summary>
    /// <returns><see langword="false"/> past the last sample.</returns>
    public bool MoveNext()
    {
        if (_index >= _count)
        {
            return false;
        }

        if (_encoding == ChunkEncoding.Xor)
        {
            _xor.Read(ref _reader, _index);
            _timestamp = _xor.Timestamp;
            _value = _xor.Value;
        }
        else
        {
            _decimal.Read(ref _reader, _index);
            _timestamp = _decimal.Timestamp;
            _value = _decimal.Value;
        }

        _index++;
        return true;
    }
}
