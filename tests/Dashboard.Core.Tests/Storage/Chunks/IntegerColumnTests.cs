using CsCheck;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

public sealed class IntegerColumnTests
{
    [Fact]
    public void Any_longs_round_trip()
    {
        var number = Gen.Frequency(
            (2, Gen.Long),
            (1, Gen.OneOf(long.MinValue, long.MaxValue, 0L, -1L, 1L)),
            (2, Gen.Long[-50, 50]));
        var shapes = Gen.Frequency(
            (1, number.Array[1, 300]),
            (1, Gen.Select(Gen.Long, Gen.Long[-1000, 1000], Gen.Long[-3, 3].Array[1, 300], Line)));
        shapes.Sample(numbers => Assert.Equal(numbers, RoundTrip(numbers, out _)), iter: 500);
    }

    [Fact]
    public void Each_shape_gets_the_order_that_suits_it()
    {
        var random = new Random(9);
        var jitter = Enumerable.Range(0, 120).Select(_ => (long)random.Next(-3, 4)).ToArray();
        var walk = new long[120];
        var steady = new long[120];
        var ramp = new long[120];
        for (var i = 1; i < walk.Length; i++)
        {
            walk[i] = walk[i - 1] + random.Next(-1000, 1001);
            steady[i] = steady[i - 1] + 1490 + random.Next(0, 3);
            ramp[i] = ramp[i - 1] + 1000 + (3 * i) + random.Next(0, 2);
        }

        Assert.Equal(ColumnOrder.Constant, Order([.. Enumerable.Repeat(7L, 120)]));
        Assert.Equal(ColumnOrder.Line, Order(Line(1_700_000_000_000, 15_000, jitter)));
        Assert.Equal(ColumnOrder.Deltas, Order(Line(1_700_000_000_000, 15_000, new long[120])));
        Assert.Equal(ColumnOrder.Deltas, Order(walk));
        Assert.Equal(ColumnOrder.Deltas, Order(steady));
        Assert.Equal(ColumnOrder.DeltasOfDeltas, Order(ramp));
        Assert.Equal(ColumnOrder.Values, Order([.. Enumerable.Range(0, 120).Select(_ => (long)random.Next(0, 10_000))]));
    }

    [Fact]
    public void A_common_step_is_divided_out()
    {
        var random = new Random(4);
        var pages = new long[120];
        pages[0] = 4096L * 1_500_000;
        for (var i = 1; i < pages.Length; i++)
        {
            pages[i] = pages[i - 1] + (4096L * random.Next(-300, 301));
        }

        RoundTrip(pages, out var bits);

        // Deltas of up to ±300 pages take about 10 bits once 4096 is taken out, 22 with it.
        Assert.InRange(bits / 120.0, 0, 12);
    }

    [Fact]
    public void The_median_is_the_lower_middle_of_the_sorted_numbers()
    {
        Gen.Long[-5, 5].Array[0, 200].Sample(numbers =>
        {
            var sorted = numbers.Order().ToArray();

            var median = LongSelection.Median(numbers);

            Assert.Equal(sorted.Length == 0 ? 0 : sorted[(sorted.Length - 1) / 2], median);
            Assert.Equal(sorted, numbers.Order());
        });
    }

    private static long[] Line(long start, long slope, long[] offsets) =>
        [.. offsets.Select((offset, i) => unchecked(start + (i * slope) + offset))];

    private static ColumnOrder Order(long[] numbers) => new IntegerColumnEncoder(numbers).Order;

    private static long[] RoundTrip(long[] numbers, out long bits)
    {
        var encoder = new IntegerColumnEncoder(numbers);
        var writer = new BitWriter();
        encoder.WriteHeader(writer);
        for (var i = 1; i < numbers.Length; i++)
        {
            encoder.WriteSample(writer, i);
        }

        bits = writer.BitLength;
        Assert.Equal(encoder.Bits, bits);
        var reader = new BitReader(writer.ToArray());
        var decoder = default(IntegerColumnDecoder);
        decoder.ReadHeader(ref reader);
        return [.. numbers.Select((_, i) => decoder.Read(ref reader, i))];
    }
}
