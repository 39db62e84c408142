namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// Writes <see cref="ChunkEncoding.ScaledDecimal"/> chunks: the decimal exponent e (4 bits), the timestamp column's and
/// the mantissa column's headers (<see cref="IntegerColumnEncoder"/>), then per sample from the second on, the
/// timestamp's code followed by the mantissa's. A value is mantissa / 10^e.
/// </summary>
internal static class ScaledDecimalEncoder
{
    /// <summary>Encodes the samples, when every value is a short decimal.</summary>
    /// <param name="timestamps">Strictly increasing timestamps; at least one.</param>
    /// <param name="values">As many values.</param>
    /// <returns>The encoded bytes, or <see langword="null"/> when some value is not a short decimal.</returns>
    public static byte[]? TryEncode(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        var mantissas = new long[values.Length];
        if (!DecimalScale.TryScale(values, mantissas, out var exponent))
        {
            return null;
        }

        var timeColumn = new IntegerColumnEncoder(timestamps);
        var valueColumn = new IntegerColumnEncoder(mantissas);
        var bits = DecimalScale.ExponentBits + timeColumn.Bits + valueColumn.Bits;
        var writer = new BitWriter((int)((bits + 7) / 8));
        writer.WriteBits((ulong)exponent, DecimalScale.ExponentBits);
        timeColumn.WriteHeader(writer);
        valueColumn.WriteHeader(writer);
        for (var i = 1; i < timestamps.Length; i++)
        {
            timeColumn.WriteSample(writer, i);
            valueColumn.WriteSample(writer, i);
        }

        return writer.ToArray();
    }
}
