using Dashboard.Abstractions;
using Dashboard.Core.Storage.Wal;
using Dashboard.Tests;

namespace Dashboard.Core.Tests.Storage.Wal;

public sealed class WalConcurrencyTests
{
    [Fact]
    public async Task Flushes_from_another_thread_while_logging_lose_and_tear_nothing()
    {
        using var temp = new TempFolder();
        var expected = new List<string>();
        var options = new WalOptions { SegmentSizeBytes = 64 * 1024, WriteThresholdBytes = 16 * 1024 };
        var flushes = 0;
        using (var writer = new WalWriter(temp.Path, options))
        {
            using var done = new CancellationTokenSource();
            using var started = new ManualResetEventSlim();

            // Its own thread, like the store's timer: the pool may be busy with other tests.
            var flusher = Task.Factory.StartNew(
                () =>
                {
                    started.Set();
                    while (!done.IsCancellationRequested)
                    {
                        writer.Flush(fsync: flushes % 50 == 0);
                        flushes++;
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)));

            var random = new Random(42);
            var batch = new WalSample[300];
            for (var round = 0; round < 2000; round++)
            {
                if (round % 10 == 0)
                {
                    Label[] labels = [new("__name__", "m"), new("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture))];
                    writer.LogSeries(round, labels);
                    expected.Add(WalEntries.Series(round, labels));
                }

                var count = random.Next(1, batch.Length);
                for (var i = 0; i < count; i++)
                {
                    batch[i] = new WalSample(random.Next(round + 1), round * 1000L + i, random.NextDouble());
                    expected.Add(WalEntries.Sample(batch[i]));
                }

                writer.LogSamples(batch.AsSpan(0, count));
            }

            await done.CancelAsync();
            await flusher;
        }

        var replayed = WalEntries.Replay(temp.Path, 0, out var result);

        Assert.True(flushes > 10, $"only {flushes} flushes ran alongside");
        Assert.Null(result.Corruption);
        Assert.Equal(expected.Count, replayed.Count);
        Assert.Equal(expected, replayed);
    }

    [Fact]
    public void A_flush_without_fsync_is_visible_to_another_reader_of_the_file()
    {
        using var temp = new TempFolder();
        using var writer = new WalWriter(temp.Path, new WalOptions());
        Label[] labels = [new("__name__", "up")];
        writer.LogSeries(7, labels);
        writer.LogSamples([new WalSample(7, 1000, 1), new WalSample(7, 2000, 0)]);

        Assert.Equal(0, FileLength(temp.Combine("00000001")));
        Assert.True(writer.BufferedBytes > 0);

        writer.Flush(fsync: false);

        // What another process sees now is what a kill -9 would leave.
        Assert.Equal(writer.SizeBytes, FileLength(temp.Combine("00000001")));
        Assert.Equal(0, writer.BufferedBytes);
        Assert.Equal(
            [WalEntries.Series(7, labels), WalEntries.Sample(new(7, 1000, 1)), WalEntries.Sample(new(7, 2000, 0))],
            WalEntries.Replay(temp.Path, 0, out var result));
        Assert.Null(result.Corruption);
    }

    [Fact]
    public void Past_the_write_threshold_the_appender_hands_its_buffer_to_the_os_itself()
    {
        using var temp = new TempFolder();
        using var writer = new WalWriter(temp.Path, new WalOptions { WriteThresholdBytes = 4096 });
        var batch = Enumerable.Range(0, 100).Select(i => new WalSample(i, 0, i)).ToArray();

        for (var i = 0; i < 10; i++)
        {
            writer.LogSamples(batch);
        }

        Assert.True(FileLength(temp.Combine("00000001")) >= 4096);
        Assert.True(writer.BufferedBytes < 4096 + 2000);
    }

    private static long FileLength(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length + 1];
        return stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
    }
}
