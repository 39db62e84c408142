using CsCheck;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

public sealed class ChunkRecoderTests
{
    private const long Start = 1_700_000_000_000;

    [Fact]
    public void Compact_never_loses_a_bit_and_never_grows_a_chunk()
    {
        var series = Gen.Frequency((1, SeriesGen.Of(SeriesGen.AnyValue)), (2, SeriesGen.Of(SeriesGen.DecimalValue)));
        series.Sample(s =>
        {
            var xor = s.Append().Seal();

            var compacted = ChunkRecoder.Compact(xor);

            s.AssertHeldBy(compacted);
            Assert.True(compacted.Data.Length <= xor.Data.Length);
        }, iter: 300);
    }

    [Fact]
    public void Two_decimal_values_are_stored_scaled()
    {
        var random = new Random(3);
        var series = Regular(120, _ => Math.Round(random.NextDouble() * 100, 2));
        var xor = series.Append().Seal();

        var compacted = ChunkRecoder.Compact(xor);

        Assert.Equal(ChunkEncoding.ScaledDecimal, compacted.Encoding);
        Assert.True(compacted.Data.Length < xor.Data.Length);
        series.AssertHeldBy(compacted);
    }

    [Fact]
    public void Random_doubles_stay_xor()
    {
        var random = new Random(5);
        var xor = Regular(120, _ => random.NextDouble()).Append().Seal();

        Assert.Equal(xor, ChunkRecoder.Compact(xor));
    }

    [Theory]
    [InlineData(0x8000000000000000)] // -0.0
    [InlineData(0x7ff8000000000000)] // NaN
    [InlineData(0x7ff0000000000002)] // Prometheus's stale marker
    [InlineData(0x7ff0000000000000)] // +Inf
    public void One_value_that_no_decimal_equals_keeps_the_chunk_xor(ulong oddBits)
    {
        var odd = BitConverter.UInt64BitsToDouble(oddBits);
        var series = Regular(120, i => i == 60 ? odd : i / 4.0);
        var xor = series.Append().Seal();

        var compacted = ChunkRecoder.Compact(xor);

        Assert.Equal(ChunkEncoding.Xor, compacted.Encoding);
        series.AssertHeldBy(compacted);
    }

    [Fact]
    public void A_chunk_already_compacted_comes_back_unchanged()
    {
        var compacted = ChunkRecoder.Compact(Regular(120, i => i).Append().Seal());

        Assert.Equal(ChunkEncoding.ScaledDecimal, compacted.Encoding);
        Assert.Equal(compacted, ChunkRecoder.Compact(compacted));
    }

    [Fact]
    public void A_chunk_of_an_unknown_encoding_is_refused()
    {
        var chunk = new StoredChunk((ChunkEncoding)99, 0, 0, 1, new byte[8]);

        Assert.Throws<ArgumentException>(() => new ChunkIterator(chunk));
    }

    [Fact]
    public void Typical_series_compact_to_sane_sizes()
    {
        var random = new Random(11);
        var counter = 0L;
        var cpu = 12_345.67;

        // Sanity bounds only, far above the measured figures (see ChunkBenchmarks): they catch a broken plan, not a tuning.
        Assert.InRange(CompactedBytesPerSample(Regular(120, _ => 1)), 0, 0.2);
        Assert.InRange(CompactedBytesPerSample(Regular(120, _ => counter += random.Next(0, 20))), 0, 1.0);
        Assert.InRange(CompactedBytesPerSample(Regular(120, _ => cpu = Math.Round(cpu + 14.9 + (random.Next(0, 21) / 100.0), 2))), 0, 1.0);
        Assert.InRange(CompactedBytesPerSample(Regular(120, _ => Math.Round(random.NextDouble() * 100, 2))), 0, 2.5);
    }

    [Fact]
    public void Regular_timestamps_and_a_constant_cost_nothing_per_sample()
    {
        var compacted = ChunkRecoder.Compact(Regular(120, _ => 0.5).Append().Seal());

        Assert.Equal(ChunkEncoding.ScaledDecimal, compacted.Encoding);
        Assert.InRange(compacted.Data.Length, 0, 16);
    }

    private static double CompactedBytesPerSample(Series series) =>
        ChunkRecoder.Compact(series.Append().Seal()).Data.Length / (double)series.Count;

    private static Series Regular(int count, Func<int, double> value) =>
        new([.. Enumerable.Range(0, count).Select(i => Start + (i * 15_000L))], [.. Enumerable.Range(0, count).Select(value)]);
}
