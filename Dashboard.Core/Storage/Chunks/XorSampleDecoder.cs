using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>The decoding state of a <see cref="ChunkEncoding.Xor"/> chunk, as <see cref="XorChunkAppender"/> writes it.</summary>
internal struct XorSampleDecoder
{
    private long _time;
    private long _delta;
    private ulong _bits;
    private int _windowTrailing;
    private int _windowLength;

    /// <summary>The current sample's timestamp.</summary>
    public readonly long Timestamp => _time;

    /// <summary>The current sample's value.</summary>
    public readonly double Value => BitConverter.UInt64BitsToDouble(_bits);

    /// <summary>Reads the sample at <paramref name="index"/>, the one after the current.</summary>
    /// <param name="reader">The chunk's bits.</param>
    /// <param name="index">The sample's position in the chunk.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Read(ref BitReader reader, int index)
    {
        if (index >= 2)
        {
            _delta += TimestampCode.Read(ref reader);
            _time += _delta;
            ReadValue(ref reader);
        }
        else if (index == 1)
        {
            _delta = (long)reader.ReadVarUInt();
            _time += _delta;
            ReadValue(ref reader);
        }
        else
        {
            _time = reader.ReadVarInt();
            _bits = reader.ReadBits(64);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadValue(ref BitReader reader)
    {
        var word = reader.Peek();
        if ((long)word >= 0)
        {
            reader.Skip(1);
            return;
        }

        if ((word & (1UL << 62)) == 0)
        {
            reader.Skip(2);
        }
        else
        {
            var leading = (int)((word << 2) >> 59);
            var length = (int)((word << 7) >> 58);
            if (length == 0)
            {
                // Six bits cannot say 64; a zero-length window cannot occur, so 0 stands for it.
                length = 64;
            }

            reader.Skip(13);
            _windowLength = length;
            _windowTrailing = 64 - leading - length;
        }

        _bits ^= reader.ReadBits(_windowLength) << _windowTrailing;
    }
}
