using System.Buffers.Binary;
using Dashboard.Core.Storage.Wal;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Storage.Wal;

public sealed class RecordFileTests
{
    [Fact]
    public void Records_written_to_a_stream_read_back_with_their_types_and_payloads()
    {
        using var stream = new MemoryStream();
        var writer = new RecordFileWriter(stream);
        byte[][] payloads = [[], [1, 2, 3], [.. Enumerable.Range(0, 100_000).Select(i => (byte)i)]];
        for (var i = 0; i < payloads.Length; i++)
        {
            writer.Write((byte)(i + 1), payloads[i]);
        }

        Assert.Equal(stream.Length, writer.BytesWritten);
        stream.Position = 0;
        var reader = new RecordFileReader(stream);

        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.True(reader.TryRead(out var type, out var payload));
            Assert.Equal(i + 1, type);
            Assert.Equal(payloads[i], payload.ToArray());
        }

        Assert.False(reader.TryRead(out _, out _));
        Assert.Null(reader.Fault);
        Assert.Equal(stream.Length, reader.Position);
    }

    [Fact]
    public void A_stream_that_cannot_seek_still_reports_a_truncated_payload()
    {
        using var full = new MemoryStream();
        var writer = new RecordFileWriter(full);
        writer.Write(1, [1, 2, 3]);
        writer.Write(1, [4, 5, 6, 7]);
        var truncated = full.ToArray()[..^2];
        using var stream = new ForwardOnlyStream(new MemoryStream(truncated));
        var reader = new RecordFileReader(stream);

        Assert.True(reader.TryRead(out _, out _));
        Assert.False(reader.TryRead(out _, out _));

        Assert.Equal(RecordFault.TruncatedPayload, reader.Fault);
        Assert.Equal(RecordFraming.HeaderSize + 3, reader.Position);
    }

    [Fact]
    public void A_huge_length_is_damage_not_an_allocation()
    {
        var header = new byte[RecordFraming.HeaderSize];
        header[4] = 1;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(5), int.MaxValue);
        using var stream = new ForwardOnlyStream(new MemoryStream(header));
        var reader = new RecordFileReader(stream);

        Assert.False(reader.TryRead(out _, out _));

        Assert.Equal(RecordFault.LengthOutOfRange, reader.Fault);
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void Type_zero_is_reserved()
    {
        var writer = new RecordFileWriter(Stream.Null);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(0, [1]));
    }

    [Theory]
    [InlineData(9, new byte[] { 1, 2, 3 }, RecordFault.UnknownRecordType)]
    [InlineData(2, new byte[] { 1, 2, 3 }, RecordFault.MalformedPayload)]
    [InlineData(1, new byte[] { 0, 5, 1, (byte)'a' }, RecordFault.MalformedPayload)]
    [InlineData(1, new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0 }, RecordFault.MalformedPayload)]
    public void An_intact_record_the_wal_cannot_use_stops_replay_like_damage(byte type, byte[] payload, RecordFault fault)
    {
        using var temp = new TempFolder();
        long offset;
        using (var stream = File.Create(temp.Combine("00000001")))
        {
            var writer = new RecordFileWriter(stream);
            writer.Write(2, [2, 4, .. BitConverter.GetBytes(1.5)]);
            offset = writer.BytesWritten;
            writer.Write(type, payload);
            writer.Write(2, [2, 6, .. BitConverter.GetBytes(2.5)]);
        }

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.Equal([WalEntries.Sample(new WalSample(1, 2, 1.5))], replayed);
        Assert.Equal((1, offset, fault), (result.Corruption!.Segment, result.Corruption.Offset, result.Corruption.Fault));
    }
}
