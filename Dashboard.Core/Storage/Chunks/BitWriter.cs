using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// Writes bits most significant first into a growing byte array. The bytes always hold every bit written so far
/// (unused low bits of the last byte are zero), so a copy of <see cref="WrittenBytes"/> is a complete encoding at any
/// moment: that is what lets a head chunk hand out snapshots without flushing.
/// </summary>
internal sealed class BitWriter
{
    // Each write reads, ORs and writes back one unaligned 8-byte word; the slack keeps that word inside the array.
    private const int Slack = 8;

    private byte[] _buffer;
    private long _bitLength;

    /// <summary>Creates a writer.</summary>
    /// <param name="initialCapacity">Bytes to reserve up front; the writer grows by doubling.</param>
    public BitWriter(int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = new byte[initialCapacity + Slack];
    }

    /// <summary>Bits written so far.</summary>
    public long BitLength => _bitLength;

    /// <summary>Bytes the written bits occupy (the last one possibly partly).</summary>
    public int ByteLength => (int)((_bitLength + 7) >> 3);

    /// <summary>The bytes written so far; valid until the next write.</summary>
    public ReadOnlySpan<byte> WrittenBytes => _buffer.AsSpan(0, ByteLength);

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="bits"/>; higher bits are ignored.</summary>
    /// <param name="bits">The bits, right-aligned.</param>
    /// <param name="count">How many, 0 to 64.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBits(ulong bits, int count)
    {
        Debug.Assert(count is >= 0 and <= 64);
        var used = (int)(_bitLength & 7);
        if (count == 0)
        {
            return;
        }

        if (count + used > 64)
        {
            // Straddles nine bytes: two writes, each within one word.
            WriteBits(bits >> 32, count - 32);
            WriteBits(bits, 32);
            return;
        }

        var byteIndex = (int)(_bitLength >> 3);
        if (byteIndex + Slack > _buffer.Length)
        {
            Grow(byteIndex + Slack);
        }

        // Bounds are checked just above, so the unchecked access stays inside the array.
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), byteIndex);
        var word = BigEndian(Unsafe.ReadUnaligned<ulong>(ref at));
        word |= (bits << (64 - count)) >> used;
        Unsafe.WriteUnaligned(ref at, BigEndian(word));
        _bitLength += count;
    }

    /// <summary>Writes one bit.</summary>
    /// <param name="bit">The bit.</param>
    public void WriteBit(bool bit) => WriteBits(bit ? 1UL : 0UL, 1);

    /// <summary>Writes an unsigned number in groups of 6 bits, each preceded by a bit saying whether more follow.</summary>
    /// <param name="value">The number; small ones cost 7 bits.</param>
    public void WriteVarUInt(ulong value)
    {
        while (value >= 64)
        {
            WriteBits(64 | (value & 63), 7);
            value >>= 6;
        }

        WriteBits(value, 7);
    }

    /// <summary>Writes a signed number zigzag-mapped, as <see cref="WriteVarUInt"/>.</summary>
    /// <param name="value">The number; small magnitudes of either sign are cheap.</param>
    public void WriteVarInt(long value) => WriteVarUInt(ZigZag.Encode(value));

    /// <summary>A copy of the written bytes, trimmed to length.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToArray() => WrittenBytes.ToArray();

    /// <summary>Forgets everything written, keeping the buffer for reuse.</summary>
    public void Reset()
    {
        // Only written bytes can hold ones: writes OR zeros into the word's other bytes.
        _buffer.AsSpan(0, ByteLength).Clear();
        _bitLength = 0;
    }

    /// <summary>Swaps a machine-order word to big-endian order and back (the same swap both ways).</summary>
    /// <param name="word">The word.</param>
    /// <returns>The swapped word.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong BigEndian(ulong word) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(word) : word;

    private void Grow(int needed)
    {
        // A quarter more, not double: the head keeps one writer per series for its whole life, so the slack is paid
        // a hundred thousand times over, while the copies it saves are paid once per series.
        var grown = new byte[Math.Max(needed, _buffer.Length + (_buffer.Length / 4))];
        _buffer.AsSpan(0, ByteLength).CopyTo(grown);
        _buffer = grown;
    }
}
