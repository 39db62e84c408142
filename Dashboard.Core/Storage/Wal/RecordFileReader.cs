namespace Dashboard.Core.Storage.Wal;

/// <summary>
/// Reads framed records (see <see cref="RecordFraming"/>) from a stream, one at a time, and stops at the first
/// record that is torn or damaged: nothing after it can be trusted to start on a record boundary.
/// </summary>
public sealed class RecordFileReader
{
    private readonly Stream _stream;
    private readonly long _length;
    private byte[] _buffer = new byte[64 * 1024];

    /// <summary>Creates a reader from the stream's position; offsets count from there.</summary>
    /// <param name="stream">The source; the caller owns and disposes it. When seekable, its length lets a damaged
    /// length field be caught before any payload is read.</param>
    public RecordFileReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _length = stream.CanSeek ? stream.Length - stream.Position : -1;
    }

    /// <summary>Offset just past the last intact record: where the next record starts, and where a repair truncates.</summary>
    public long Position { get; private set; }

    /// <summary>Why reading stopped early; <see langword="null"/> while every record so far was intact, and after a
    /// clean end.</summary>
    public RecordFault? Fault { get; private set; }

    /// <summary>Reads the next record.</summary>
    /// <param name="type">The record type.</param>
    /// <param name="payload">The payload; valid until the next call.</param>
    /// <returns><see langword="false"/> at the end of the stream, or when the next record is torn or damaged
    /// (<see cref="Fault"/> tells which; <see cref="Position"/> is that record's offset).</returns>
    public bool TryRead(out byte type, out ReadOnlySpan<byte> payload)
    {
        type = 0;
        payload = default;
        if (Fault is not null)
        {
            return false;
        }

        var headerRead = _stream.ReadAtLeast(_buffer.AsSpan(0, RecordFraming.HeaderSize), RecordFraming.HeaderSize, throwOnEndOfStream: false);
        if (headerRead == 0)
        {
            return false;
        }

        if (headerRead < RecordFraming.HeaderSize)
        {
            return Stop(RecordFault.TruncatedHeader);
        }

        var length = RecordFraming.PayloadLength(_buffer);
        if (length is < 0 or > RecordFraming.MaxPayloadBytes)
        {
            return Stop(RecordFault.LengthOutOfRange);
        }

        var recordSize = RecordFraming.HeaderSize + length;
        if (_length >= 0 && Position + recordSize > _length)
        {
            return Stop(RecordFault.TruncatedPayload);
        }

        if (_buffer.Length < recordSize)
        {
            var grown = new byte[Math.Max(recordSize, _buffer.Length * 2)];
            _buffer.AsSpan(0, RecordFraming.HeaderSize).CopyTo(grown);
            _buffer = grown;
        }

        var payloadRead = _stream.ReadAtLeast(_buffer.AsSpan(RecordFraming.HeaderSize, length), length, throwOnEndOfStream: false);
        if (payloadRead < length)
        {
            return Stop(RecordFault.TruncatedPayload);
        }

        var record = _buffer.AsSpan(0, recordSize);
        if (!RecordFraming.IsIntact(record))
        {
            return Stop(RecordFault.ChecksumMismatch);
        }

        type = RecordFraming.Type(record);
        payload = record[RecordFraming.HeaderSize..];
        Position += recordSize;
        return true;
    }

    private bool Stop(RecordFault fault)
    {
        Fault = fault;
        return false;
    }
}
