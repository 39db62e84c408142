using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Wal;

/// <summary>
/// Framed WAL records built in memory: sealed records, then at most one open record that appends go into.
/// Not thread-safe: <see cref="WalWriter"/> guards it.
/// </summary>
internal sealed class WalRecordBuffer
{
    /// <summary>Worst case of one encoded sample: ref delta, timestamp delta, value.</summary>
    public const int MaxSampleBytes = Varint.MaxBytes32 + Varint.MaxBytes64 + sizeof(double);

    // Records are sealed near this payload size: large enough that frames and checksums cost nothing per sample,
    // small enough that one damaged record loses little.
    private const int DefaultRecordTarget = 64 * 1024;

    private readonly int _recordTarget;
    private readonly int _recordMax;
    private byte[] _data = new byte[DefaultRecordTarget * 2];
    private int _length;
    private int _sealedLength;
    private int _openStart;
    private WalRecordType _openType;
    private int _previousRef;
    private long _previousTimestamp;

    /// <param name="segmentSizeBytes">No record may outgrow a segment.</param>
    public WalRecordBuffer(long segmentSizeBytes)
    {
        _recordMax = (int)Math.Min(segmentSizeBytes - RecordFraming.HeaderSize, RecordFraming.MaxPayloadBytes);
        _recordTarget = Math.Min(DefaultRecordTarget, _recordMax);
    }

    /// <summary>Bytes held, the open record included.</summary>
    public int Length => _length;

    /// <summary>The sealed records, ready to be written.</summary>
    public ReadOnlySpan<byte> Sealed => _data.AsSpan(0, _sealedLength);

    private int OpenPayloadLength => _openType == 0 ? 0 : _length - _openStart - RecordFraming.HeaderSize;

    public void AppendSamples(ReadOnlySpan<WalSample> samples)
    {
        var next = 0;
        while (next < samples.Length)
        {
            if (_openType != WalRecordType.Samples)
            {
                Open(WalRecordType.Samples);
            }

            // The target is at least one worst-case sample, so an empty record always has room.
            var room = (_recordTarget - OpenPayloadLength) / MaxSampleBytes;
            if (room <= 0)
            {
                Seal();
                continue;
            }

            var count = Math.Min(room, samples.Length - next);
            EnsureCapacity(count * MaxSampleBytes);
            _length = EncodeSamples(samples.Slice(next, count), _length);
            next += count;
        }
    }

    /// <summary>The hot loop. Writes through a ref without bounds checks: the caller made room for
    /// <see cref="MaxSampleBytes"/> per sample.</summary>
    /// <returns>The new length.</returns>
    private int EncodeSamples(ReadOnlySpan<WalSample> samples, int position)
    {
        ref var start = ref MemoryMarshal.GetArrayDataReference(_data);
        var previousRef = _previousRef;
        var previousTimestamp = _previousTimestamp;
        foreach (ref readonly var sample in samples)
        {
            // Wrapping differences are intended: adding them back wraps the same way, so any ref and any timestamp,
            // however far apart, round-trip.
            position = WriteVarint(ref start, position, Varint.ZigZag(unchecked(sample.SeriesRef - previousRef)));
            position = WriteVarint(ref start, position, Varint.ZigZag(unchecked(sample.Timestamp - previousTimestamp)));
            var bits = BitConverter.DoubleToInt64Bits(sample.Value);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, position), BitConverter.IsLittleEndian ? bits : BinaryPrimitives.ReverseEndianness(bits));
            position += sizeof(double);
            previousRef = sample.SeriesRef;
            previousTimestamp = sample.Timestamp;
        }

        _previousRef = previousRef;
        _previousTimestamp = previousTimestamp;
        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteVarint(ref byte start, int position, ulong value)
    {
        while (value >= 0x80)
        {
            Unsafe.Add(ref start, position++) = (byte)(value | 0x80);
            value >>= 7;
        }

        Unsafe.Add(ref start, position++) = (byte)value;
        return position;
    }

    public void AppendSeries(int seriesRef, ReadOnlySpan<Label> labels)
    {
        long size = Varint.MaxBytes32 + Varint.Size((uint)labels.Length);
        foreach (var label in labels)
        {
            size += StringSize(label.Name) + StringSize(label.Value);
        }

        if (size > _recordMax)
        {
            throw new ArgumentException($"The labels of series {seriesRef} take {size} bytes, more than a WAL record of this segment size holds ({_recordMax}).", nameof(labels));
        }

        if (_openType != WalRecordType.Series || OpenPayloadLength + size > _recordTarget)
        {
            Open(WalRecordType.Series);
        }

        EnsureCapacity((int)size);
        var destination = _data.AsSpan();
        var position = _length;
        Varint.Write(destination, ref position, Varint.ZigZag(unchecked(seriesRef - _previousRef)));
        Varint.Write(destination, ref position, (uint)labels.Length);
        foreach (var label in labels)
        {
            WriteString(destination, ref position, label.Name);
            WriteString(destination, ref position, label.Value);
        }

        _length = position;
        _previousRef = seriesRef;
    }

    /// <summary>Seals the open record, if any, so that everything held is in <see cref="Sealed"/>.</summary>
    public void Seal()
    {
        if (_openType == 0)
        {
            return;
        }

        if (OpenPayloadLength == 0)
        {
            _length = _openStart;
        }
        else
        {
            RecordFraming.Seal(_data.AsSpan(_openStart, _length - _openStart), (byte)_openType);
        }

        _sealedLength = _length;
        _openType = 0;
    }

    public void Clear()
    {
        _length = 0;
        _sealedLength = 0;
        _openType = 0;
    }

    private static long StringSize(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return Varint.Size((uint)bytes) + bytes;
    }

    private static void WriteString(Span<byte> destination, ref int position, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        Varint.Write(destination, ref position, (uint)bytes);
        position += Encoding.UTF8.GetBytes(value, destination[position..]);
    }

    private void Open(WalRecordType type)
    {
        Seal();
        EnsureCapacity(RecordFraming.HeaderSize);
        _openStart = _length;
        _length += RecordFraming.HeaderSize;
        _openType = type;
        _previousRef = 0;
        _previousTimestamp = 0;
    }

    private void EnsureCapacity(int extra)
    {
        var needed = (long)_length + extra;
        if (needed <= _data.Length)
        {
            return;
        }

        var grown = new byte[Math.Max(needed, Math.Min((long)_data.Length * 2, Array.MaxLength))];
        _data.AsSpan(0, _length).CopyTo(grown);
        _data = grown;
    }
}
