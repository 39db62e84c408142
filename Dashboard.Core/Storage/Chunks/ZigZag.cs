using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>Maps signed numbers to unsigned ones so that small magnitudes of either sign stay small: 0, -1, 1, -2, …</summary>
internal static class ZigZag
{
    /// <summary>Maps a signed number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>0 for 0, 2n - 1 for -n, 2n for n.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Encode(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Inverts <see cref="Encode"/>.</summary>
    /// <param name="value">A mapped number.</param>
    /// <returns>The signed number.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Decode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
