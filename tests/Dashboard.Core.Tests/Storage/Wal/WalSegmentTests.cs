using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Storage.Wal;

public sealed class WalSegmentTests
{
    [Fact]
    public void Replay_from_a_segment_skips_the_earlier_ones()
    {
        using var temp = new TempFolder();
        List<string> all, fromSecond, fromThird;
        using (var wal = new LoggedWal(temp.Path))
        {
            wal.Series(1, new Label("__name__", "a")).Samples(new WalSample(1, 10, 1));
            Assert.Equal(2, wal.Writer.CutSegment());
            var before = wal.Entries.Count;
            wal.Series(2, new Label("__name__", "b")).Samples(new WalSample(2, 20, 2));
            Assert.Equal(3, wal.Writer.CutSegment());
            var middle = wal.Entries.Count;
            wal.Samples(new WalSample(1, 30, 3), new WalSample(2, 30, 4));
            all = wal.Entries;
            fromSecond = all[before..];
            fromThird = all[middle..];
        }

        Assert.Equal(all, WalEntries.Replay(temp.Path, 0, out var fromStart));
        Assert.Equal(fromSecond, WalEntries.Replay(temp.Path, 2, out var second));
        Assert.Equal(fromThird, WalEntries.Replay(temp.Path, 3, out var third));
        Assert.Empty(WalEntries.Replay(temp.Path, 4, out var none));

        Assert.Equal((1, 3, 5L, 2L, 4L), (fromStart.FirstSegment, fromStart.LastSegment, fromStart.Records, fromStart.Series, fromStart.Samples));
        Assert.Equal((2, 3), (second.FirstSegment, second.LastSegment));
        Assert.Equal((3, 3), (third.FirstSegment, third.LastSegment));
        Assert.Equal((0, 0, 0L), (none.FirstSegment, none.LastSegment, none.Records));
        Assert.All([fromStart, second, third, none], result => Assert.Null(result.Corruption));
    }

    [Fact]
    public void Segments_fill_up_to_their_size_and_replay_across_them()
    {
        using var temp = new TempFolder();
        const int SegmentSize = 4096;
        List<string> logged;
        using (var wal = new LoggedWal(temp.Path, new WalOptions { SegmentSizeBytes = SegmentSize }))
        {
            for (var batch = 0; batch < 50; batch++)
            {
                wal.Series(batch, new Label("__name__", "m"), new Label("batch", batch.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                wal.Samples([.. Enumerable.Range(0, 40).Select(i => new WalSample(batch, i * 1000L, i))]);
                if (batch % 7 == 0)
                {
                    wal.Flush();
                }
            }

            logged = wal.Entries;
            Assert.True(wal.Writer.CurrentSegment > 5, $"only {wal.Writer.CurrentSegment} segments");
        }

        var sizes = Directory.GetFiles(temp.Path).Select(file => new FileInfo(file).Length).ToList();
        Assert.All(sizes, size => Assert.InRange(size, 0, SegmentSize));
        Assert.Equal(logged, WalEntries.Replay(temp.Path, 0, out var result));
        Assert.Null(result.Corruption);
    }

    [Fact]
    public void Cut_and_delete_keep_size_and_segment_numbers_in_step_with_the_files()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("checkpoint.tmp"), "not a segment");
        using var writer = new WalWriter(temp.Path, new WalOptions());
        Assert.Equal(1, writer.CurrentSegment);

        for (var segment = 1; segment <= 4; segment++)
        {
            writer.LogSamples([new WalSample(segment, segment, segment)]);
            Assert.Equal(segment + 1, writer.CutSegment());
        }

        writer.LogSamples([new WalSample(5, 5, 5)]);
        writer.Flush(fsync: false);
        Assert.Equal(SegmentBytes(temp.Path), writer.SizeBytes);
        Assert.Equal(0, writer.BufferedBytes);

        // Closed segments wait for the next fsync; deleting them first must not trip that fsync up.
        Assert.Equal(2, writer.DeleteSegmentsBefore(3));
        writer.Flush(fsync: true);

        Assert.Equal(["00000003", "00000004", "00000005", "checkpoint.tmp"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
        Assert.Equal(SegmentBytes(temp.Path), writer.SizeBytes);
        Assert.Equal(
            [WalEntries.Sample(new(3, 3, 3)), WalEntries.Sample(new(4, 4, 4)), WalEntries.Sample(new(5, 5, 5))],
            WalEntries.Replay(temp.Path, 0, out _));

        // The segment being written survives any request.
        Assert.Equal(2, writer.DeleteSegmentsBefore(int.MaxValue));
        Assert.Equal(["00000005"], WalSegmentNames(temp.Path));
        Assert.Equal(SegmentBytes(temp.Path), writer.SizeBytes);
    }

    [Fact]
    public void A_writer_starts_after_the_highest_segment_and_counts_the_existing_bytes()
    {
        using var temp = new TempFolder();
        using (var first = new WalWriter(temp.Path, new WalOptions()))
        {
            first.LogSamples([new WalSample(1, 1, 1)]);
        }

        // A torn tail left by a crash; the new writer must not append after it.
        File.AppendAllText(temp.Combine("00000001"), "torn");

        using var second = new WalWriter(temp.Path, new WalOptions());

        Assert.Equal(2, second.CurrentSegment);
        Assert.Equal(new FileInfo(temp.Combine("00000001")).Length, second.SizeBytes);
        Assert.Equal(["00000001", "00000002"], WalSegmentNames(temp.Path));
    }

    [Fact]
    public void A_disposed_writer_refuses_work()
    {
        using var temp = new TempFolder();
        var writer = new WalWriter(temp.Path, new WalOptions());
        writer.Dispose();
        writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => writer.LogSamples([new WalSample(1, 1, 1)]));
        Assert.Throws<ObjectDisposedException>(() => writer.Flush(fsync: false));
        Assert.Throws<ObjectDisposedException>(() => writer.CutSegment());
    }

    private static long SegmentBytes(string directory) =>
        Directory.GetFiles(directory, "0*").Sum(file => new FileInfo(file).Length);

    private static IEnumerable<string?> WalSegmentNames(string directory) =>
        Directory.GetFiles(directory, "0*").Select(Path.GetFileName).Order();
}
