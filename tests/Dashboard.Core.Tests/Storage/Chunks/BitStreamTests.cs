using CsCheck;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

public sealed class BitStreamTests
{
    [Fact]
    public void Bits_of_any_width_are_read_back_as_written()
    {
        var field = Gen.Select(Gen.ULong, Gen.Int[0, 64]);
        field.Array[0, 200].Sample(fields =>
        {
            var writer = new BitWriter(initialCapacity: 1);
            foreach (var (bits, width) in fields)
            {
                writer.WriteBits(bits, width);
            }

            Assert.Equal(fields.Sum(f => (long)f.Item2), writer.BitLength);
            var reader = new BitReader(writer.ToArray());
            foreach (var (bits, width) in fields)
            {
                var expected = width == 0 ? 0 : bits & (ulong.MaxValue >> (64 - width));
                Assert.Equal(expected, reader.ReadBits(width));
            }
        });
    }

    [Fact]
    public void Varints_round_trip_and_small_ones_take_seven_bits()
    {
        Gen.Long.Array[1, 50].Sample(numbers =>
        {
            var writer = new BitWriter();
            foreach (var number in numbers)
            {
                writer.WriteVarInt(number);
                writer.WriteVarUInt((ulong)number);
            }

            var reader = new BitReader(writer.ToArray());
            foreach (var number in numbers)
            {
                Assert.Equal(number, reader.ReadVarInt());
                Assert.Equal((ulong)number, reader.ReadVarUInt());
            }
        });

        var small = new BitWriter();
        small.WriteVarInt(-31);
        Assert.Equal(7, small.BitLength);
    }

    [Fact]
    public void A_reader_over_a_slice_starts_at_the_slice_and_reads_zeros_past_its_end()
    {
        byte[] bytes = [0xFF, 0b1010_0000, 0xFF];
        var reader = new BitReader(bytes.AsMemory(1, 1));

        Assert.Equal(0b101UL, reader.ReadBits(3));
        Assert.Equal(0UL, reader.ReadBits(64));
    }

    [Fact]
    public void The_last_bytes_of_a_long_slice_read_like_the_rest_and_nothing_of_its_neighbour_leaks_in()
    {
        var bytes = Enumerable.Range(0, 20).Select(i => (byte)(i * 37)).ToArray();
        var reader = new BitReader(bytes.AsMemory(2, 10));

        foreach (var expected in bytes.Skip(2).Take(10))
        {
            Assert.Equal(expected, reader.ReadBits(8));
        }

        Assert.Equal(0UL, reader.ReadBits(64));
    }

    [Fact]
    public void Reset_forgets_the_bits_but_keeps_working()
    {
        var writer = new BitWriter();
        writer.WriteBits(ulong.MaxValue, 64);
        writer.Reset();
        writer.WriteBits(0b1, 2);

        Assert.Equal([0b0100_0000], writer.ToArray());
    }
}
