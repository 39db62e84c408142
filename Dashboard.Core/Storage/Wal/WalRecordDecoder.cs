using System.Buffers.Binary;
using System.Text;
using Dashboard.Abstractions;

namespace Dashboard.Core.Storage.Wal;

/// <summary>Decodes WAL record payloads (see <see cref="WalRecordType"/>). A record decodes wholly or not at all, so a
/// visitor never sees half of one.</summary>
internal static class WalRecordDecoder
{
    private const int MinSampleBytes = 1 + 1 + sizeof(double);

    /// <summary>Decodes a samples record into <paramref name="buffer"/>, growing it as needed.</summary>
    /// <returns><see langword="false"/> when the payload is malformed.</returns>
    public static bool TryDecodeSamples(ReadOnlySpan<byte> payload, ref WalSample[] buffer, out int count)
    {
        count = 0;
        var bound = payload.Length / MinSampleBytes;
        if (buffer.Length < bound)
        {
            buffer = new WalSample[Math.Max(bound, buffer.Length * 2)];
        }

        var position = 0;
        var seriesRef = 0;
        var timestamp = 0L;
        while (position < payload.Length)
        {
            if (!Varint.TryRead(payload, ref position, out uint refDelta)
                || !Varint.TryRead(payload, ref position, out ulong timestampDelta)
                || payload.Length - position < sizeof(double))
            {
                return false;
            }

            seriesRef = unchecked(seriesRef + Varint.UnZigZag(refDelta));
            timestamp = unchecked(timestamp + Varint.UnZigZag(timestampDelta));
            var value = BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(payload[position..]));
            position += sizeof(double);
            buffer[count++] = new WalSample(seriesRef, timestamp, value);
        }

        return true;
    }

    /// <summary>Decodes a series record into <paramref name="series"/> (cleared first).</summary>
    /// <returns><see langword="false"/> when the payload is malformed.</returns>
    public static bool TryDecodeSeries(ReadOnlySpan<byte> payload, List<(int Ref, Label[] Labels)> series)
    {
        series.Clear();
        var position = 0;
        var seriesRef = 0;
        while (position < payload.Length)
        {
            if (!Varint.TryRead(payload, ref position, out uint refDelta)
                || !Varint.TryRead(payload, ref position, out uint labelCount)
                || labelCount > (uint)(payload.Length - position) / 2)
            {
                return false;
            }

            seriesRef = unchecked(seriesRef + Varint.UnZigZag(refDelta));
            var labels = new Label[labelCount];
            for (var i = 0; i < labels.Length; i++)
            {
                if (!TryReadString(payload, ref position, out var name) || !TryReadString(payload, ref position, out var value))
                {
                    return false;
                }

                labels[i] = new Label(name, value);
            }

            series.Add((seriesRef, labels));
        }

        return true;
    }

    private static bool TryReadString(ReadOnlySpan<byte> payload, ref int position, out string value)
    {
        value = string.Empty;
        if (!Varint.TryRead(payload, ref position, out uint length) || length > (uint)(payload.Length - position))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(payload.Slice(position, (int)length));
        position += (int)length;
        return true;
    }
}
