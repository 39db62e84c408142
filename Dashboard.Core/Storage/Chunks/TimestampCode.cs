using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// The variable-length code of a timestamp's delta-of-delta in <see cref="ChunkEncoding.Xor"/> chunks. Buckets are
/// tuned for millisecond timestamps of scrapes with a few ms of jitter, where Prometheus's 14-bit first bucket spends
/// 16 bits on a 3 ms wobble:
/// <c>0</c> → 0 (1 bit), <c>10</c> + 4 bits → [-8, 7] (6), <c>110</c> + 6 bits → [-32, 31] (9),
/// <c>1110</c> + 13 bits → [-4096, 4095] (17), <c>11110</c> + 20 bits → [-524288, 524287] (25),
/// <c>11111</c> + 64 bits → anything (69). On a 1 s or 15 s grid with ±1..5 ms jitter this averages about 5.9 bits
/// per timestamp against Prometheus's 14.6, and an exact grid still costs 1 bit.
/// </summary>
internal static class TimestampCode
{
    /// <summary>Writes one delta-of-delta.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="dod">The delta-of-delta (wrapping arithmetic is fine: decoding wraps the same way).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(BitWriter writer, long dod)
    {
        if (dod == 0)
        {
            writer.WriteBits(0, 1);
        }
        else if ((ulong)(dod + 8) < 16)
        {
            writer.WriteBits((0b10UL << 4) | ((ulong)dod & 0xF), 6);
        }
        else if ((ulong)(dod + 32) < 64)
        {
            writer.WriteBits((0b110UL << 6) | ((ulong)dod & 0x3F), 9);
        }
        else if ((ulong)(dod + 4096) < 8192)
        {
            writer.WriteBits((0b1110UL << 13) | ((ulong)dod & 0x1FFF), 17);
        }
        else if ((ulong)(dod + 524288) < 1048576)
        {
            writer.WriteBits((0b11110UL << 20) | ((ulong)dod & 0xFFFFF), 25);
        }
        else
        {
            writer.WriteBits(0b11111, 5);
            writer.WriteBits((ulong)dod, 64);
        }
    }

    /// <summary>Reads one delta-of-delta.</summary>
    /// <param name="reader">Where from.</param>
    /// <returns>The delta-of-delta.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Read(ref BitReader reader)
    {
        var word = reader.Peek();
        switch (BitOperations.LeadingZeroCount(~word))
        {
            case 0:
                reader.Skip(1);
                return 0;
            case 1:
                reader.Skip(6);
                return (long)(word << 2) >> 60;
            case 2:
                reader.Skip(9);
                return (long)(word << 3) >> 58;
            case 3:
                reader.Skip(17);
                return (long)(word << 4) >> 51;
            case 4:
                reader.Skip(25);
                return (long)(word << 5) >> 44;
            default:
                reader.Skip(5);
                return (long)reader.ReadBits(64);
        }
    }
}
