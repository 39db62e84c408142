using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// A Rice code with an escape, for the non-negative integers of a <see cref="ChunkEncoding.ScaledDecimal"/> column:
/// with parameter k, a number z is q = z &gt;&gt; k ones, a zero and the low k bits of z. A quotient of
/// <see cref="EscapeRun"/> or more is written instead as that many ones and all of z in the column's width, so a rare
/// outlier (a counter reset, a missed scrape) costs a few bits more than its width rather than a long unary run.
/// </summary>
internal static class EscapedRiceCode
{
    /// <summary>Ones that announce an escaped number.</summary>
    public const int EscapeRun = 6;

    /// <summary>Bits one number costs.</summary>
    /// <param name="value">The number.</param>
    /// <param name="k">The Rice parameter.</param>
    /// <param name="width">The column's width: bits of its largest number.</param>
    /// <returns>The cost in bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Cost(ulong value, int k, int width)
    {
        var quotient = value >> k;
        return quotient < EscapeRun ? (int)quotient + 1 + k : EscapeRun + width;
    }

    /// <summary>Writes one number.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="value">The number; it must fit in <paramref name="width"/> bits.</param>
    /// <param name="k">The Rice parameter, at most 63.</param>
    /// <param name="width">The column's width.</param>
    public static void Write(BitWriter writer, ulong value, int k, int width)
    {
        var quotient = value >> k;
        if (quotient < EscapeRun)
        {
            var q = (int)quotient;
            writer.WriteBits(((1UL << q) - 1) << 1, q + 1);
            writer.WriteBits(value, k);
        }
        else
        {
            writer.WriteBits((1UL << EscapeRun) - 1, EscapeRun);
            writer.WriteBits(value, width);
        }
    }

    /// <summary>Reads one number.</summary>
    /// <param name="reader">Where from.</param>
    /// <param name="k">The Rice parameter it was written with.</param>
    /// <param name="width">The column's width.</param>
    /// <returns>The number.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read(ref BitReader reader, int k, int width)
    {
        var word = reader.Peek();
        var ones = BitOperations.LeadingZeroCount(~word);
        if (ones >= EscapeRun)
        {
            reader.Skip(EscapeRun);
            return reader.ReadBits(width);
        }

        var used = ones + 1 + k;
        if (used > 57)
        {
            reader.Skip(ones + 1);
            return ((ulong)ones << k) | reader.ReadBits(k);
        }

        // Usually the whole code is in the word already peeked. Two shifts, so that k = 0 yields no bits.
        reader.Skip(used);
        return ((ulong)ones << k) | (((word << (ones + 1)) >> 1) >> (63 - k));
    }
}
