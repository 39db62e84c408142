using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

public sealed class TimestampCodeTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(-8, 6)]
    [InlineData(7, 6)]
    [InlineData(-32, 9)]
    [InlineData(31, 9)]
    [InlineData(1000, 17)]
    [InlineData(-15000, 25)]
    [InlineData(3_600_000, 69)]
    public void Scrape_jitter_is_cheap_and_gaps_still_fit(long dod, int bits)
    {
        var writer = new BitWriter();
        TimestampCode.Write(writer, dod);

        Assert.Equal(bits, writer.BitLength);
    }

    [Fact]
    public void Every_bucket_edge_and_extreme_round_trips()
    {
        long[] dods = [0, -8, 7, 8, -9, -32, 31, 32, -33, -4096, 4095, 4096, -4097, -524288, 524287, 524288, -524289,
            long.MinValue, long.MaxValue, -1, 1];
        var writer = new BitWriter();
        foreach (var dod in dods)
        {
            TimestampCode.Write(writer, dod);
        }

        var reader = new BitReader(writer.ToArray());
        Assert.Equal(dods, dods.Select(_ => TimestampCode.Read(ref reader)));
    }
}
