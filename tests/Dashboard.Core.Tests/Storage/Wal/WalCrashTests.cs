using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Storage.Wal;

/// <summary>What a crash or a damaged disk leaves behind, byte by byte, and how replay and repair deal with it.</summary>
public sealed class WalCrashTests
{
    private const string Segment1 = "00000001";

    [Fact]
    public void A_log_cut_at_any_byte_replays_the_records_wholly_before_the_cut_and_reports_a_torn_tail()
    {
        using var temp = new TempFolder();
        var (logged, boundaries) = WriteSmallLog(temp.Combine("source"));
        var segment = File.ReadAllBytes(temp.Combine("source", Segment1));
        Assert.Equal(boundaries[^1].Offset, segment.Length);

        for (var cut = 0; cut <= segment.Length; cut++)
        {
            var directory = temp.Combine($"cut-{cut}");
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, Segment1), segment[..cut]);
            var (boundary, whole) = boundaries.Last(b => b.Offset <= cut);

            var replayed = WalEntries.Replay(directory, 0, out var result);

            Assert.Equal(logged[..whole], replayed);
            if (cut == boundary)
            {
                Assert.Null(result.Corruption);
                continue;
            }

            var corruption = Assert.IsType<WalCorruption>(result.Corruption);
            Assert.Equal((1, boundary), (corruption.Segment, corruption.Offset));
            Assert.Equal(cut - boundary < RecordFraming.HeaderSize ? RecordFault.TruncatedHeader : RecordFault.TruncatedPayload, corruption.Fault);
            Assert.True(corruption.IsTornTail);

            var repair = WalRepair.Repair(directory, corruption);

            Assert.Equal(new WalRepairResult(cut - boundary, 0), repair);
            Assert.Equal(logged[..whole], WalEntries.Replay(directory, 0, out var repaired));
            Assert.Null(repaired.Corruption);

            // The restarted store logs on: the next replay has the survivors, then the new records.
            using (var writer = new WalWriter(directory, new WalOptions()))
            {
                Assert.Equal(2, writer.CurrentSegment);
                writer.LogSeries(9, [new Label("__name__", "after")]);
                writer.LogSamples([new WalSample(9, 1, 1)]);
            }

            var afterRestart = WalEntries.Replay(directory, 0, out var restarted);
            Assert.Null(restarted.Corruption);
            Assert.Equal([.. logged[..whole], "series 9 8:__name__=5:after", WalEntries.Sample(new WalSample(9, 1, 1))], afterRestart);
        }
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void A_damaged_byte_anywhere_stops_replay_at_its_record_with_every_earlier_record_intact(byte flip)
    {
        using var temp = new TempFolder();
        var (logged, boundaries) = WriteSmallLog(temp.Combine("source"));
        var segment = File.ReadAllBytes(temp.Combine("source", Segment1));

        for (var position = 0; position < segment.Length; position++)
        {
            var directory = temp.Combine($"flip-{position}");
            Directory.CreateDirectory(directory);
            var damaged = (byte[])segment.Clone();
            damaged[position] ^= flip;
            File.WriteAllBytes(Path.Combine(directory, Segment1), damaged);
            var (recordStart, whole) = boundaries.Last(b => b.Offset <= position);

            var replayed = WalEntries.Replay(directory, 0, out var result);

            Assert.Equal(logged[..whole], replayed);
            var corruption = Assert.IsType<WalCorruption>(result.Corruption);
            Assert.Equal((1, recordStart), (corruption.Segment, corruption.Offset));
            var inLength = position - recordStart is >= 5 and < RecordFraming.HeaderSize;
            if (inLength)
            {
                Assert.Contains(corruption.Fault, new[] { RecordFault.ChecksumMismatch, RecordFault.TruncatedPayload, RecordFault.LengthOutOfRange });
            }
            else
            {
                Assert.Equal(RecordFault.ChecksumMismatch, corruption.Fault);
            }
        }
    }

    [Fact]
    public void Damage_in_one_segment_skips_the_later_ones_until_repair_drops_them()
    {
        using var temp = new TempFolder();
        List<string> inFirst;
        long damagedRecordStart;
        using (var wal = new LoggedWal(temp.Path))
        {
            wal.Series(1, new Label("__name__", "a")).Flush().Samples(new WalSample(1, 10, 1)).Flush();
            inFirst = [.. wal.Entries];
            damagedRecordStart = wal.Writer.SizeBytes;
            wal.Samples(new WalSample(1, 20, 2)).Flush();
            wal.Writer.CutSegment();
            wal.Samples(new WalSample(1, 30, 3));
            wal.Writer.CutSegment();
            wal.Samples(new WalSample(1, 40, 4));
        }

        var first = temp.Combine(Segment1);
        var bytes = File.ReadAllBytes(first);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(first, bytes);

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.Equal(inFirst, replayed);
        Assert.Equal(new WalCorruption(1, damagedRecordStart, RecordFault.ChecksumMismatch, [2, 3]).ToString(), result.Corruption!.ToString());
        Assert.Equal([2, 3], result.Corruption.SkippedSegments);
        Assert.False(result.Corruption.IsTornTail);

        // A writer opened without repair does not fail, but what it writes is behind the damage too.
        using (var writer = new WalWriter(temp.Path, new WalOptions()))
        {
            Assert.Equal(4, writer.CurrentSegment);
            writer.LogSamples([new WalSample(1, 50, 5)]);
        }

        WalEntries.Replay(temp.Path, 0, out var again);
        Assert.Equal([2, 3, 4], again.Corruption!.SkippedSegments);
        var laterBytes = new[] { "00000002", "00000003", "00000004" }.Sum(name => new FileInfo(temp.Combine(name)).Length);

        var repair = WalRepair.Repair(temp.Path, again.Corruption);

        Assert.Equal(new WalRepairResult(bytes.Length - damagedRecordStart + laterBytes, 3), repair);
        Assert.Equal(inFirst, WalEntries.Replay(temp.Path, 0, out var repaired));
        Assert.Null(repaired.Corruption);
        Assert.Equal([Segment1], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        using var reopened = new WalWriter(temp.Path, new WalOptions());
        Assert.Equal(2, reopened.CurrentSegment);
    }

    [Fact]
    public void A_zero_filled_tail_left_by_a_power_loss_is_caught_and_repaired()
    {
        using var temp = new TempFolder();
        var (logged, boundaries) = WriteSmallLog(temp.Path);
        using (var segment = new FileStream(temp.Combine(Segment1), FileMode.Append))
        {
            segment.Write(new byte[4096]);
        }

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.Equal(logged, replayed);
        Assert.Equal((boundaries[^1].Offset, RecordFault.ChecksumMismatch), (result.Corruption!.Offset, result.Corruption.Fault));
        Assert.Equal(new WalRepairResult(4096, 0), WalRepair.Repair(temp.Path, result.Corruption));
        Assert.Equal(logged, WalEntries.Replay(temp.Path, 0, out var repaired));
        Assert.Null(repaired.Corruption);
    }

    [Fact]
    public void A_missing_segment_stops_replay_before_the_gap()
    {
        using var temp = new TempFolder();
        List<string> inFirst;
        using (var wal = new LoggedWal(temp.Path))
        {
            wal.Series(1, new Label("__name__", "a")).Samples(new WalSample(1, 10, 1));
            inFirst = [.. wal.Entries];
            wal.Writer.CutSegment();
            wal.Samples(new WalSample(1, 20, 2));
            wal.Writer.CutSegment();
            wal.Samples(new WalSample(1, 30, 3));
        }

        File.Delete(temp.Combine("00000002"));

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.Equal(inFirst, replayed);
        Assert.Equal(1, result.LastSegment);
        var corruption = result.Corruption!;
        Assert.Equal((2, 0L, RecordFault.MissingSegment), (corruption.Segment, corruption.Offset, corruption.Fault));
        Assert.Equal([3], corruption.SkippedSegments);
        Assert.Equal(1, WalRepair.Repair(temp.Path, corruption).SegmentsDeleted);
        WalEntries.Replay(temp.Path, 0, out var repaired);
        Assert.Null(repaired.Corruption);
    }

    /// <summary>Five records of both types in one segment, with their boundaries (offset 0 included).</summary>
    private static (List<string> Logged, List<(long Offset, int Entries)> Boundaries) WriteSmallLog(string directory)
    {
        using var wal = new LoggedWal(directory);
        wal.Series(1, new Label("__name__", "up"), new Label("job", "a")).Flush()
            .Samples(new WalSample(1, 1000, 1), new WalSample(1, 2000, 2)).Flush()
            .Series(2, new Label("__name__", "up"), new Label("job", "b")).Series(3, new Label("__name__", "x")).Flush()
            .Samples(new WalSample(2, 1000, -0.0), new WalSample(3, -5, double.PositiveInfinity), new WalSample(1, 3000, 3)).Flush()
            .Samples(new WalSample(3, long.MaxValue, double.NaN)).Flush();
        return (wal.Entries, [(0, 0), .. wal.Boundaries]);
    }
}
