using System.Buffers.Binary;
using System.IO.Hashing;

namespace Dashboard.Core.Storage.Wal;

/// <summary>
/// The frame around every record of a record file (WAL segments, snapshots):
/// <c>checksum (4 bytes LE) | type (1 byte) | payload length (4 bytes LE) | payload</c>.
/// The checksum is the low 32 bits of XXH3-64 over type, length and payload; it comes first so that it covers one
/// contiguous range. XXH3 rather than CRC-32: a few times faster here, and what damages files (torn writes,
/// zero-filled pages, whole bad sectors) is caught with the same odds.
/// </summary>
public static class RecordFraming
{
    /// <summary>Bytes of the frame before the payload.</summary>
    public const int HeaderSize = 9;

    /// <summary>The longest payload a record may carry. Readers treat longer lengths as damage, so a flipped bit in a
    /// length never makes them allocate gigabytes.</summary>
    public const int MaxPayloadBytes = 64 * 1024 * 1024;

    private const int ChecksummedFrom = 4;

    /// <summary>Fills in the header of a record whose payload already sits after <see cref="HeaderSize"/> bytes.</summary>
    /// <param name="record">Header space followed by the payload; nothing after it.</param>
    /// <param name="type">The record type; 0 is reserved (zero-filled space is never a record).</param>
    public static void Seal(Span<byte> record, byte type)
    {
        var payloadLength = record.Length - HeaderSize;
        if (payloadLength is < 0 or > MaxPayloadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(record), record.Length, $"A record payload holds 0 to {MaxPayloadBytes} bytes.");
        }

        if (type == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Record type 0 is reserved.");
        }

        record[4] = type;
        BinaryPrimitives.WriteInt32LittleEndian(record[5..], payloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record, Checksum(record[ChecksummedFrom..]));
    }

    /// <summary>Reads the payload length from a header, without checking anything.</summary>
    /// <param name="header">At least <see cref="HeaderSize"/> bytes.</param>
    /// <returns>The payload length as written (may be negative or too large when damaged).</returns>
    public static int PayloadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header[5..]);

    /// <summary>The record type from a header.</summary>
    /// <param name="header">At least <see cref="HeaderSize"/> bytes.</param>
    /// <returns>The type byte.</returns>
    public static byte Type(ReadOnlySpan<byte> header) => header[4];

    /// <summary>Whether a whole record (header and payload, contiguous) carries the checksum of its content.</summary>
    /// <param name="record">Header and payload.</param>
    /// <returns><see langword="true"/> when intact.</returns>
    public static bool IsIntact(ReadOnlySpan<byte> record) =>
        BinaryPrimitives.ReadUInt32LittleEndian(record) == Checksum(record[ChecksummedFrom..]);

    private static uint Checksum(ReadOnlySpan<byte> typeLengthAndPayload) => (uint)XxHash3.HashToUInt64(typeLengthAndPayload);
}
