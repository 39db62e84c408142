using System.Numerics;

namespace Dashboard.Bench;

/// <summary>
/// The size Prometheus 2.x's XOR chunk would take for the same samples, counted from its documented format (2-byte
/// sample count, varint first timestamp, raw first value, uvarint first delta, delta-of-delta buckets of 1/16/20/24/68
/// bits, Gorilla XOR values): the yardstick for our own chunks without running Prometheus.
/// </summary>
public static class PrometheusXorSize
{
    /// <summary>Bytes of a Prometheus XOR chunk holding these samples.</summary>
    /// <param name="timestamps">Strictly increasing timestamps.</param>
    /// <param name="values">One value per timestamp.</param>
    /// <returns>The chunk's data length in bytes.</returns>
    public static int Bytes(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        long bits = 16;
        long delta = 0;
        var leading = -1;
        var trailing = 0;
        for (var i = 0; i < timestamps.Length; i++)
        {
            if (i == 0)
            {
                bits += (8 * VarintBytes((ulong)((timestamps[0] << 1) ^ (timestamps[0] >> 63)))) + 64;
                continue;
            }

            var newDelta = timestamps[i] - timestamps[i - 1];
            bits += i == 1 ? 8 * VarintBytes((ulong)newDelta) : DeltaOfDeltaBits(newDelta - delta);
            delta = newDelta;

            var xor = BitConverter.DoubleToUInt64Bits(values[i]) ^ BitConverter.DoubleToUInt64Bits(values[i - 1]);
            if (xor == 0)
            {
                bits += 1;
                continue;
            }

            var newLeading = Math.Min(BitOperations.LeadingZeroCount(xor), 31);
            var newTrailing = BitOperations.TrailingZeroCount(xor);
            if (leading >= 0 && newLeading >= leading && newTrailing >= trailing)
            {
                bits += 2 + 64 - leading - trailing;
            }
            else
            {
                (leading, trailing) = (newLeading, newTrailing);
                bits += 2 + 5 + 6 + 64 - newLeading - newTrailing;
            }
        }

        return (int)((bits + 7) / 8);
    }

    private static int DeltaOfDeltaBits(long dod) => dod switch
    {
        0 => 1,
        >= -8191 and <= 8192 => 16,
        >= -65535 and <= 65536 => 20,
        >= -524287 and <= 524288 => 24,
        _ => 68,
    };

    private static int VarintBytes(ulong value)
    {
        var bytes = 1;
        for (; value >= 128; value >>= 7)
        {
            bytes++;
        }

        return bytes;
    }
}
