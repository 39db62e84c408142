using CsCheck;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Storage.Wal;

public sealed class WalRoundTripTests
{
    private static readonly double[] SpecialValues =
    [
        double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), // signalling NaN
        BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0002), // Prometheus' stale marker
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_DEAD_BEEF_0001)), // negative NaN with a payload
        -0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue,
    ];

    // Whole code points only: a lone surrogate is not text and does not survive UTF-8, in the WAL or anywhere else.
    private static readonly Gen<string> Text =
        Gen.OneOf(Gen.Const("a"), Gen.Const("Z"), Gen.Const("_"), Gen.Const("9"), Gen.Const("é"), Gen.Const("€"), Gen.Const("😀"), Gen.Const(" "))
            .Array[0, 12].Select(parts => string.Concat(parts));

    private static readonly Gen<Label[]> Labels = Gen.Select(Text, Text, (name, value) => new Label(name, value)).Array[0, 6];

    private static readonly Gen<int> Ref = Gen.OneOf(Gen.Int, Gen.Int[0, 1000], Gen.OneOf(Gen.Const(int.MinValue), Gen.Const(int.MaxValue)));

    private static readonly Gen<long> Timestamp = Gen.OneOf(
        Gen.Long,
        Gen.Long[-1_000_000, 1_000_000],
        Gen.Long[1_700_000_000_000, 1_700_000_100_000],
        Gen.OneOf(Gen.Const(long.MinValue), Gen.Const(long.MaxValue)));

    private static readonly Gen<double> Value = Gen.OneOf(
        Gen.Double.Special,
        Gen.Long.Select(BitConverter.Int64BitsToDouble),
        Gen.Int[0, SpecialValues.Length - 1].Select(i => SpecialValues[i]));

    private static readonly Gen<WalSample> Sample = Gen.Select(Ref, Timestamp, Value, (r, t, v) => new WalSample(r, t, v));

    /// <summary>An operation on the writer: 0 series, 1 samples, 2 flush, 3 flush with fsync, 4 cut.</summary>
    private static readonly Gen<(int Kind, int Ref, Label[] Labels, WalSample[] Samples)> Operation = Gen.Frequency(
        (3, Gen.Select(Ref, Labels, (r, l) => (0, r, l, Array.Empty<WalSample>()))),
        (6, Sample.Array[0, 300].Select(s => (1, 0, Array.Empty<Label>(), s))),
        (2, Gen.Int[2, 4].Select(kind => (kind, 0, Array.Empty<Label>(), Array.Empty<WalSample>()))));

    [Fact]
    public void Any_series_and_samples_replay_bit_for_bit_in_order()
    {
        var scenario = Gen.Select(Operation.Array[0, 40], Gen.Int[1024, 16 * 1024], Gen.Int[0, 8 * 1024]);

        scenario.Sample(
            (operations, segmentSize, writeThreshold) =>
            {
                using var temp = new TempFolder();
                var options = new WalOptions { SegmentSizeBytes = segmentSize, WriteThresholdBytes = writeThreshold };
                var logged = new List<string>();
                using (var writer = new WalWriter(temp.Path, options))
                {
                    foreach (var (kind, seriesRef, labels, samples) in operations)
                    {
                        switch (kind)
                        {
                            case 0:
                                writer.LogSeries(seriesRef, labels);
                                logged.Add(WalEntries.Series(seriesRef, labels));
                                break;
                            case 1:
                                writer.LogSamples(samples);
                                logged.AddRange(samples.Select(WalEntries.Sample));
                                break;
                            case 4:
                                writer.CutSegment();
                                break;
                            default:
                                writer.Flush(fsync: kind == 3);
                                break;
                        }
                    }
                }

                var replayed = WalEntries.Replay(temp.Path, 0, out var result);

                Assert.Null(result.Corruption);
                Assert.Equal(logged, replayed);
                Assert.All(
                    Directory.GetFiles(temp.Path),
                    file => Assert.InRange(new FileInfo(file).Length, 0, segmentSize));
            },
            iter: 300);
    }

    [Fact]
    public void Edge_values_replay_bit_for_bit()
    {
        using var temp = new TempFolder();
        var samples = SpecialValues.Select((value, i) => new WalSample(i % 2 == 0 ? int.MinValue : int.MaxValue, i % 2 == 0 ? long.MinValue : long.MaxValue, value)).ToArray();
        List<string> logged;
        using (var wal = new LoggedWal(temp.Path))
        {
            wal.Series(int.MinValue, new Label("__name__", "up"), new Label("job", "ünïcødé 😀"))
                .Series(int.MaxValue)
                .Samples(samples);
            logged = wal.Entries;
        }

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.Equal(logged, replayed);
        Assert.Contains("sample -2147483648 -9223372036854775808 8000000000000000", replayed);
        Assert.Null(result.Corruption);
        Assert.Equal((1, 1, 2L, 2L, (long)samples.Length), (result.FirstSegment, result.LastSegment, result.Records, result.Series, result.Samples));
    }

    [Fact]
    public void Samples_in_series_order_at_one_timestamp_take_about_ten_bytes_each()
    {
        using var temp = new TempFolder();
        var batch = Enumerable.Range(0, 1000).Select(i => new WalSample(i, 1_700_000_000_000, i * 1.5)).ToArray();
        using var writer = new WalWriter(temp.Path, new WalOptions());

        writer.LogSamples(batch);
        writer.Flush(fsync: false);

        // 1 byte ref delta, 1 byte timestamp delta, 8 bytes value; the first sample carries the full timestamp.
        Assert.InRange(writer.SizeBytes, 10_000, 10_040);
    }

    [Fact]
    public void Logging_samples_allocates_nothing_in_steady_state()
    {
        using var temp = new TempFolder();
        var batch = Enumerable.Range(0, 1000).Select(i => new WalSample(i, 1_700_000_000_000, i)).ToArray();
        using var writer = new WalWriter(temp.Path, new WalOptions { WriteThresholdBytes = 256 * 1024 });
        for (var i = 0; i < 200; i++)
        {
            writer.LogSamples(batch);
            if (i % 10 == 0)
            {
                writer.Flush(fsync: false);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            writer.LogSamples(batch);
            if (i % 10 == 0)
            {
                writer.Flush(fsync: false);
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0L, allocated);
    }

    [Fact]
    public void A_series_too_large_for_a_segment_is_refused_and_the_writer_goes_on()
    {
        using var temp = new TempFolder();
        using (var wal = new LoggedWal(temp.Path, new WalOptions { SegmentSizeBytes = 1024 }))
        {
            Assert.Throws<ArgumentException>(() => wal.Writer.LogSeries(1, [new Label("__name__", new string('x', 2000))]));
            wal.Series(2, new Label("__name__", new string('y', 900))).Samples(new WalSample(2, 5, 1));
        }

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.Null(result.Corruption);
        Assert.Equal(2, replayed.Count);
        Assert.StartsWith("series 2 ", replayed[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Options_out_of_range_are_all_named_at_once()
    {
        var options = new WalOptions { SegmentSizeBytes = 10, WriteThresholdBytes = -1 };

        var error = Assert.Throws<ArgumentException>(() => new WalWriter(Path.GetTempPath(), options));

        Assert.Contains(nameof(WalOptions.SegmentSizeBytes), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(WalOptions.WriteThresholdBytes), error.Message, StringComparison.Ordinal);
    }
}
