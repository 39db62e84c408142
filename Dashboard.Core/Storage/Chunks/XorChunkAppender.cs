using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Dashboard.Core.Storage.Chunks;

/// <summary>
/// The appendable chunk of a series in the head, encoded as <see cref="ChunkEncoding.Xor"/>: the first timestamp as a
/// varint and the first value as 64 raw bits, the first delta as a varint, then per sample a delta-of-delta
/// (<see cref="TimestampCode"/>) and the XOR of the value with the previous one, Gorilla-style. Not thread-safe: the
/// caller serialises appends with snapshots.
/// </summary>
public sealed class XorChunkAppender
{
    // A new XOR window costs a 2-bit control, 5 bits of leading zeros and 6 of length; reusing one costs 2 bits.
    private const int NewWindowHeaderBits = 13;
    private const int MaxLeadingZeros = 31;

    private readonly BitWriter _writer;
    private long _minTime;
    private long _lastTime;
    private long _lastDelta;
    private ulong _lastBits;
    private int _windowLeading;
    private int _windowTrailing;
    private int _windowLength;
    private bool _sealed;

    /// <summary>Creates an empty chunk.</summary>
    /// <param name="initialCapacity">Bytes to reserve; a 120-sample chunk of a typical series takes 50 to 250.</param>
    public XorChunkAppender(int initialCapacity = 64)
    {
        _writer = new BitWriter(initialCapacity);
        Reset();
    }

    /// <summary>Samples appended.</summary>
    public int Count { get; private set; }

    /// <summary>The first sample's timestamp (Unix milliseconds); 0 while empty.</summary>
    public long MinTime => _minTime;

    /// <summary>The last sample's timestamp (Unix milliseconds); 0 while empty.</summary>
    public long MaxTime => _lastTime;

    /// <summary>The last sample's timestamp (Unix milliseconds); 0 while empty.</summary>
    public long LastTimestamp => _lastTime;

    /// <summary>The last sample's value, bit for bit; 0 while empty.</summary>
    public double LastValue => BitConverter.UInt64BitsToDouble(_lastBits);

    /// <summary>Bytes the encoded samples take.</summary>
    public int SizeBytes => _writer.ByteLength;

    /// <summary>Whether <see cref="Seal"/> was called since the last <see cref="Reset"/>.</summary>
    public bool IsSealed => _sealed;

    /// <summary>Appends a sample.</summary>
    /// <param name="timestamp">Unix milliseconds, strictly greater than the previous sample's (checked in debug builds only).</param>
    /// <param name="value">Any double; NaN payloads, -0.0 and infinities are kept bit for bit.</param>
    /// <exception cref="InvalidOperationException">The chunk is sealed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(long timestamp, double value)
    {
        Debug.Assert(Count == 0 || timestamp > _lastTime, "Timestamps must be strictly increasing.");
        var bits = BitConverter.DoubleToUInt64Bits(value);
        if (Count >= 2 && !_sealed)
        {
            var delta = timestamp - _lastTime;
            TimestampCode.Write(_writer, delta - _lastDelta);
            _lastDelta = delta;
            WriteValue(bits);
        }
        else
        {
            AppendFirst(timestamp, bits);
        }

        _lastTime = timestamp;
        _lastBits = bits;
        Count++;
    }

    /// <summary>A copy of the samples so far, for a reader that runs while appends continue.</summary>
    /// <returns>An immutable chunk.</returns>
    public StoredChunk Snapshot() => new(ChunkEncoding.Xor, _minTime, _lastTime, Count, _writer.ToArray());

    /// <summary>Ends the chunk: later appends throw until <see cref="Reset"/>.</summary>
    /// <returns>An immutable chunk holding a trimmed copy of the bytes.</returns>
    public StoredChunk Seal()
    {
        _sealed = true;
        return Snapshot();
    }

    /// <summary>Empties the chunk for reuse, keeping its buffer.</summary>
    public void Reset()
    {
        _writer.Reset();
        Count = 0;
        _minTime = _lastTime = _lastDelta = 0;
        _lastBits = 0;
        _sealed = false;
        ForgetWindow();
    }

    private void AppendFirst(long timestamp, ulong bits)
    {
        if (_sealed)
        {
            throw new InvalidOperationException("The chunk is sealed; reset it before appending.");
        }

        if (Count == 0)
        {
            _writer.WriteVarInt(timestamp);
            _writer.WriteBits(bits, 64);
            _minTime = timestamp;
        }
        else
        {
            // Strictly increasing, so the true delta is in [1, 2^64) even where the subtraction wraps.
            _lastDelta = timestamp - _lastTime;
            _writer.WriteVarUInt((ulong)_lastDelta);
            WriteValue(bits);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteValue(ulong bits)
    {
        var xor = bits ^ _lastBits;
        if (xor == 0)
        {
            _writer.WriteBits(0, 1);
            return;
        }

        var leading = Math.Min(BitOperations.LeadingZeroCount(xor), MaxLeadingZeros);
        var trailing = BitOperations.TrailingZeroCount(xor);
        var length = 64 - leading - trailing;

        // Reuse the previous window when the bits fit in it, unless a fresh, tighter one is cheaper even with its header.
        if (leading >= _windowLeading && trailing >= _windowTrailing && _windowLength <= length + NewWindowHeaderBits - 2)
        {
            WriteControlAndPayload(0b10, 2, xor >> _windowTrailing, _windowLength);
            return;
        }

        _windowLeading = leading;
        _windowTrailing = trailing;
        _windowLength = length;
        var header = (0b11UL << 11) | ((ulong)leading << 6) | ((ulong)length & 63);
        WriteControlAndPayload(header, NewWindowHeaderBits, xor >> trailing, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteControlAndPayload(ulong control, int controlBits, ulong payload, int payloadBits)
    {
        if (controlBits + payloadBits <= 64)
        {
            _writer.WriteBits((control << payloadBits) | payload, controlBits + payloadBits);
        }
        else
        {
            _writer.WriteBits(control, controlBits);
            _writer.WriteBits(payload, payloadBits);
        }
    }

    private void ForgetWindow()
    {
        // Leading zeros never exceed 31, so no value fits this window until a real one is written.
        _windowLeading = 64;
        _windowTrailing = 64;
        _windowLength = 0;
    }
}
