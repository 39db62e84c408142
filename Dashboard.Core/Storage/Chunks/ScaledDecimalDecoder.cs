using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>The decoding state of a <see cref="ChunkEncoding.ScaledDecimal"/> chunk, as <see cref="ScaledDecimalEncoder"/> writes it.</summary>
internal struct ScaledDecimalDecoder
{
    private IntegerColumnDecoder _timestamps;
    private IntegerColumnDecoder _mantissas;
    private double _divisor;

    /// <summary>The current sample's timestamp.</summary>
    public long Timestamp { readonly get; private set; }

    /// <summary>The current sample's value.</summary>
    public double Value { readonly get; private set; }

    /// <summary>Reads the chunk's header: the decimal exponent and both columns' headers.</summary>
    /// <param name="reader">The chunk's bits, at their start.</param>
    public void ReadHeader(ref BitReader reader)
    {
        _divisor = DecimalScale.PowerOfTen((int)reader.ReadBits(DecimalScale.ExponentBits));
        _timestamps.ReadHeader(ref reader);
        _mantissas.ReadHeader(ref reader);
    }

    /// <summary>Reads the sample at <paramref name="index"/>, the one after the current.</summary>
    /// <param name="reader">The chunk's bits.</param>
    /// <param name="index">The sample's position in the chunk.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Read(ref BitReader reader, int index)
    {
        Timestamp = _timestamps.Read(ref reader, index);

        // The same division the encoder checked, so the double comes back bit for bit.
        Value = _mantissas.Read(ref reader, index) / _divisor;
    }
}
