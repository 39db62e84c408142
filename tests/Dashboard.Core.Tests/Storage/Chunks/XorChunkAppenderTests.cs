using CsCheck;
using Dashboard.Core.Storage.Chunks;

namespace Dashboard.Core.Tests.Storage.Chunks;

public sealed class XorChunkAppenderTests
{
    [Fact]
    public void Any_samples_round_trip_bit_for_bit()
    {
        SeriesGen.Of(SeriesGen.AnyValue).Sample(series => series.AssertHeldBy(series.Append().Seal()), iter: 300);
    }

    [Fact]
    public void Special_values_round_trip_in_every_order()
    {
        var values = SeriesGen.SpecialValues.Concat(SeriesGen.SpecialValues.Reverse()).Concat(SeriesGen.SpecialValues).ToArray();
        var series = new Series([.. Enumerable.Range(0, values.Length).Select(i => 1_700_000_000_000L + (i * 15_000L))], values);

        series.AssertHeldBy(series.Append().Seal());
    }

    [Fact]
    public void Timestamps_spanning_the_whole_long_range_round_trip()
    {
        var series = new Series(
            [long.MinValue, long.MinValue + 1, -1, 0, 1, long.MaxValue - 1, long.MaxValue],
            [1, 2, 3, 4, 5, 6, 7]);

        series.AssertHeldBy(series.Append().Seal());
    }

    [Fact]
    public void A_snapshot_holds_the_samples_so_far_while_appends_continue()
    {
        var appender = new XorChunkAppender();
        appender.Append(1_000, 1.5);
        appender.Append(2_000, 2.5);

        var snapshot = appender.Snapshot();
        appender.Append(3_000, 3.5);

        new Series([1_000, 2_000], [1.5, 2.5]).AssertHeldBy(snapshot);
        new Series([1_000, 2_000, 3_000], [1.5, 2.5, 3.5]).AssertHeldBy(appender.Snapshot());
    }

    [Fact]
    public void The_appender_reports_what_it_holds()
    {
        var appender = new XorChunkAppender();
        appender.Append(-5_000, double.NaN);
        appender.Append(10_000, 7.25);

        Assert.Equal((2, -5_000L, 10_000L, 10_000L, 7.25), (appender.Count, appender.MinTime, appender.MaxTime, appender.LastTimestamp, appender.LastValue));
        Assert.Equal(appender.Snapshot().Data.Length, appender.SizeBytes);
    }

    [Fact]
    public void A_sealed_chunk_is_trimmed_and_refuses_appends_until_reset()
    {
        var appender = new XorChunkAppender(initialCapacity: 4096);
        for (var i = 0; i < 3; i++)
        {
            appender.Append(i * 15_000L, i);
        }

        var sealedChunk = appender.Seal();

        Assert.Equal(appender.SizeBytes, sealedChunk.Data.Length);
        Assert.True(appender.IsSealed);
        Assert.Throws<InvalidOperationException>(() => appender.Append(60_000, 4));

        appender.Reset();
        appender.Append(5, 6);
        new Series([5], [6]).AssertHeldBy(appender.Seal());
    }

    [Fact]
    public void An_empty_chunk_has_no_samples()
    {
        var chunk = new XorChunkAppender().Seal();

        Assert.False(new ChunkIterator(chunk).MoveNext());
        Assert.Equal(0, chunk.Count);
    }

    [Fact]
    public void A_constant_series_every_15_s_takes_under_half_a_byte_per_sample()
    {
        var appender = new XorChunkAppender();
        for (var i = 0; i < 120; i++)
        {
            appender.Append(1_700_000_000_000 + (i * 15_000L), 42);
        }

        Assert.InRange(appender.SizeBytes / 120.0, 0, 0.5);
    }

    [Fact]
    public void Jittered_timestamps_stay_near_a_byte_per_sample()
    {
        var random = new Random(7);
        var appender = new XorChunkAppender();
        for (var i = 0; i < 120; i++)
        {
            appender.Append(1_700_000_000_000 + (i * 15_000L) + random.Next(-5, 6), 42);
        }

        // About 7 bits per timestamp and 1 per value; Prometheus's buckets would spend about 15 bits per timestamp here.
        Assert.InRange(appender.SizeBytes / 120.0, 0, 1.25);
    }
}
