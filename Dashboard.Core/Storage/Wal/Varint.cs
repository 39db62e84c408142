namespace Dashboard.Core.Storage.Wal;

/// <summary>LEB128 varints and zigzag mapping: small magnitudes, negative or not, take few bytes.</summary>
internal static class Varint
{
    /// <summary>The most bytes a 32-bit varint takes.</summary>
    public const int MaxBytes32 = 5;

    /// <summary>The most bytes a 64-bit varint takes.</summary>
    public const int MaxBytes64 = 10;

    public static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static int UnZigZag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public static int Size(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Writes at <paramref name="position"/>, which it advances; the caller made room.</summary>
    public static void Write(Span<byte> destination, ref int position, uint value)
    {
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
    }

    /// <summary>Reads at <paramref name="position"/>, which it advances.</summary>
    /// <returns><see langword="false"/> when the source ends inside the varint or it overflows 32 bits.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int position, out uint value)
    {
        value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= source.Length)
            {
                return false;
            }

            uint b = source[position++];
            if (shift == 28 && b > 0x0F)
            {
                return false;
            }

            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads at <paramref name="position"/>, which it advances.</summary>
    /// <returns><see langword="false"/> when the source ends inside the varint or it overflows 64 bits.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= source.Length)
            {
                return false;
            }

            ulong b = source[position++];
            if (shift == 63 && b > 0x01)
            {
                return false;
            }

            value |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
