using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// Reads bits most significant first, as <see cref="BitWriter"/> wrote them. Not a ref struct, so that iterators
/// holding it can live in heap objects (enumerators); it keeps the array behind the memory for unchecked word reads.
/// Reading past the end yields zero bits rather than throwing: callers bound their reads by the sample count.
/// </summary>
internal struct BitReader
{
    private readonly byte[] _data;
    private readonly int _start;
    private readonly int _length;
    private long _position;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    /// <param name="data">The encoded bits. Memory not backed by an array is copied once.</param>
    public BitReader(ReadOnlyMemory<byte> data)
    {
        if (MemoryMarshal.TryGetArray(data, out var segment))
        {
            _data = segment.Array!;
            _start = segment.Offset;
        }
        else
        {
            _data = data.ToArray();
            _start = 0;
        }

        _length = data.Length;
        _position = 0;
    }

    /// <summary>Bits consumed so far.</summary>
    public readonly long Position => _position;

    /// <summary>
    /// The next bits, most significant first, without consuming them. At least 57 of the 64 are meaningful; the low
    /// bits beyond that may be zero instead of data.
    /// </summary>
    /// <returns>The next bits, left-aligned.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Peek()
    {
        var byteIndex = (int)(_position >> 3);
        ulong word;
        if (byteIndex + 8 <= _length)
        {
            word = LoadWord(byteIndex);
        }
        else if (byteIndex < _length && _length >= 8)
        {
            // Within the last 8 bytes: the segment's final word, shifted so that zeros come in past its end. Small
            // chunks spend a good share of their samples here.
            word = LoadWord(_length - 8) << ((byteIndex - _length + 8) * 8);
        }
        else
        {
            word = TailWord(byteIndex);
        }

        return word << (int)(_position & 7);
    }

    /// <summary>Consumes bits already looked at with <see cref="Peek"/>.</summary>
    /// <param name="count">How many.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count) => _position += count;

    /// <summary>Reads <paramref name="count"/> bits.</summary>
    /// <param name="count">How many, 0 to 64.</param>
    /// <returns>The bits, right-aligned.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadBits(int count)
    {
        Debug.Assert(count is >= 0 and <= 64);
        if (count > 56)
        {
            var high = ReadBits(count - 32);
            return (high << 32) | ReadBits(32);
        }

        if (count == 0)
        {
            return 0;
        }

        var bits = Peek() >> (64 - count);
        _position += count;
        return bits;
    }

    /// <summary>Reads one bit.</summary>
    /// <returns><see langword="true"/> for a one.</returns>
    public bool ReadBit() => ReadBits(1) != 0;

    /// <summary>Reads a number written by <see cref="BitWriter.WriteVarUInt"/>.</summary>
    /// <returns>The number.</returns>
    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 6)
        {
            var group = ReadBits(7);
            value |= (group & 63) << shift;
            if (group < 64)
            {
                break;
            }
        }

        return value;
    }

    /// <summary>Reads a number written by <see cref="BitWriter.WriteVarInt"/>.</summary>
    /// <returns>The number.</returns>
    public long ReadVarInt() => ZigZag.Decode(ReadVarUInt());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly ulong LoadWord(int byteIndex) =>
        // Callers pass an index with 8 bytes inside the segment, so the unchecked read stays inside it.
        BitWriter.BigEndian(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), _start + byteIndex)));

    private readonly ulong TailWord(int byteIndex)
    {
        ulong word = 0;
        for (var i = 0; i < 8; i++)
        {
            word <<= 8;
            if (byteIndex + i < _length)
            {
                word |= _data[_start + byteIndex + i];
            }
        }

        return word;
    }
}
