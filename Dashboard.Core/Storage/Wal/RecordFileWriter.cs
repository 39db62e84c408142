using System.Buffers.Binary;
using System.IO.Hashing;

namespace Dashboard.Core.Storage.Wal;

/// <summary>
/// Writes framed records (see <see cref="RecordFraming"/>) to a stream, for files written in one go such as a head
/// snapshot. The WAL frames its records in its own buffer instead, to encode samples in place.
/// </summary>
public sealed class RecordFileWriter
{
    private readonly Stream _stream;
    private readonly XxHash3 _hash = new();

    /// <summary>Creates a writer that appends records at the stream's position.</summary>
    /// <param name="stream">The destination; the caller owns, flushes and disposes it.</param>
    public RecordFileWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Bytes written so far, frames included.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes one record.</summary>
    /// <param name="type">The record type, 1 to 255 (0 is reserved).</param>
    /// <param name="payload">At most <see cref="RecordFraming.MaxPayloadBytes"/> bytes.</param>
    public void Write(byte type, ReadOnlySpan<byte> payload)
    {
        if (type == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Record type 0 is reserved.");
        }

        if (payload.Length > RecordFraming.MaxPayloadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"A record payload holds at most {RecordFraming.MaxPayloadBytes} bytes.");
        }

        Span<byte> header = stackalloc byte[RecordFraming.HeaderSize];
        header[4] = type;
        BinaryPrimitives.WriteInt32LittleEndian(header[5..], payload.Length);
        _hash.Append(header[4..]);
        _hash.Append(payload);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)_hash.GetCurrentHashAsUInt64());
        _hash.Reset();

        _stream.Write(header);
        _stream.Write(payload);
        BytesWritten += RecordFraming.HeaderSize + payload.Length;
    }
}
