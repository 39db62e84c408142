using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Head;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Store;

public sealed class TsdbStoreTests
{
    private const long Start = 1_700_000_000_000;
    private static readonly LabelMatcher[] All = [new(LabelMatchType.Regex, "__name__", ".+")];

    [Fact]
    public void Samples_of_a_collect_are_selected_back_in_order_with_the_metric_name_as_a_label()
    {
        using var fixture = new StoreFixture();
        var table = new SeriesTable(new Dictionary<string, string> { ["env"] = "dev" }, 100);
        var writer = new InstanceSampleWriter("system", table);
        for (var i = 0; i < 300; i++)
        {
            writer.Begin(DateTimeOffset.FromUnixTimeMilliseconds(Start + (i * 1000)));
            writer.Gauge("load1", [new Label("host", "a")], i * 0.5);
            writer.Counter("ticks_total", [], i);
            var batch = writer.Complete();
            fixture.Store.Accept(batch);
            batch.Release();
        }

        var load = Assert.Single(fixture.Store.Select([LabelMatcher.Equal("__name__", "load1")], Start, Start + 299_000));

        Assert.Equal(StoreFixture.Series("load1", ("env", "dev"), ("host", "a")), load.Labels);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (Start + (i * 1000), i * 0.5)), Samples(load));
        Assert.Equal(2, fixture.Store.Select(All, Start, Start).Count);
        Assert.Equal(600, fixture.Store.Metrics.AppendedTotal);
    }

    [Fact]
    public void A_range_selects_only_its_samples_inclusive_at_both_ends()
    {
        using var fixture = new StoreFixture();
        var labels = StoreFixture.Series("up");
        for (var i = 0; i < 1000; i++)
        {
            fixture.Store.Append(labels, Start + (i * 15_000), i);
        }

        var series = Assert.Single(fixture.Store.Select(All, Start + (100 * 15_000), Start + (200 * 15_000)));

        Assert.Equal(Enumerable.Range(100, 101).Select(i => (Start + (i * 15_000), (double)i)), Samples(series));
        Assert.Empty(fixture.Store.Select(All, Start - 10_000, Start - 1));
    }

    [Fact]
    public void Out_of_order_and_duplicate_samples_are_refused_and_counted_by_reason()
    {
        using var fixture = new StoreFixture();
        var labels = StoreFixture.Series("up");

        Assert.Equal(AppendOutcome.Appended, fixture.Store.Append(labels, Start + 2000, 1));
        Assert.Equal(AppendOutcome.OutOfOrder, fixture.Store.Append(labels, Start + 1000, 1));
        Assert.Equal(AppendOutcome.Duplicate, fixture.Store.Append(labels, Start + 2000, 1));
        Assert.Equal(AppendOutcome.DuplicateTimestamp, fixture.Store.Append(labels, Start + 2000, 2));

        Assert.Equal(1, fixture.Store.Metrics.RejectedTotal(AppendOutcome.OutOfOrder));
        Assert.Equal(1, fixture.Store.Metrics.RejectedTotal(AppendOutcome.Duplicate));
        Assert.Equal(1, fixture.Store.Metrics.RejectedTotal(AppendOutcome.DuplicateTimestamp));
        Assert.Equal([(Start + 2000, 1.0)], Samples(Assert.Single(fixture.Store.Select(All, Start, Start + 5000))));
    }

    [Fact]
    public void A_clean_restart_restores_the_head_from_its_snapshot()
    {
        using var fixture = new StoreFixture();
        Fill(fixture.Store, series: 50, samples: 400, intervalMs: 10_000);

        fixture.Restart();

        Assert.Null(fixture.LastRecovery.SnapshotProblem);
        Assert.Equal(50, fixture.LastRecovery.Series);
        Assert.Equal(50 * 400, fixture.LastRecovery.Samples);
        AssertFilled(fixture.Store, series: 50, samples: 400, intervalMs: 10_000);
    }

    [Fact]
    public void A_crash_loses_nothing_that_was_flushed_and_appends_continue_after_it()
    {
        using var fixture = new StoreFixture();
        Fill(fixture.Store, series: 20, samples: 300, intervalMs: 10_000);
        fixture.Store.Flush();

        fixture.CrashAndRestart();

        Assert.Equal(20 * 300, fixture.LastRecovery.Samples);
        AssertFilled(fixture.Store, series: 20, samples: 300, intervalMs: 10_000);
        var labels = StoreFixture.Series("m0", ("i", "0"));
        Assert.Equal(AppendOutcome.Appended, fixture.Store.Append(labels, Start + (300 * 10_000), 42));
    }

    [Fact]
    public async Task Cutting_the_head_writes_blocks_that_queries_read_together_with_the_head()
    {
        using var fixture = new StoreFixture();
        // 5 h at 10 s: the head spans more than 1.5 blocks, so the first 2 h are cut.
        Fill(fixture.Store, series: 10, samples: 1800, intervalMs: 10_000);

        await fixture.Store.RunMaintenanceAsync();

        Assert.True(fixture.Store.BlockCount >= 1);
        Assert.True(fixture.Store.MinValidTime > Start);
        AssertFilled(fixture.Store, series: 10, samples: 1800, intervalMs: 10_000);
        Assert.Equal(AppendOutcome.TooOld, fixture.Store.Append(StoreFixture.Series("m0", ("i", "0")), Start + 5, 1));

        fixture.Restart();

        AssertFilled(fixture.Store, series: 10, samples: 1800, intervalMs: 10_000);
    }

    [Fact]
    public async Task A_corrupt_block_is_reported_and_skipped_and_the_rest_stays_queryable()
    {
        using var fixture = new StoreFixture();
        // 5 h: the oldest hours go to blocks, the newest stay in the head (and its snapshot).
        Fill(fixture.Store, series: 5, samples: 1800, intervalMs: 10_000);
        await fixture.Store.RunMaintenanceAsync();
        var blocks = Directory.GetDirectories(Path.Combine(fixture.Options.Path, "blocks"));
        Assert.NotEmpty(blocks);
        fixture.Store.Dispose();

        var victim = blocks.Order(StringComparer.Ordinal).First();
        var file = Directory.GetFiles(victim, "chunks*").Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^17]);
        var store = fixture.OpenStore(fixture.Options.Path);
        try
        {
            var reason = Assert.Single(fixture.LastRecovery.CorruptBlocks);
            Assert.Contains(Path.GetFileName(victim), reason, StringComparison.Ordinal);
            var series = store.Select(All, Start, Start + (1800 * 10_000));
            Assert.Equal(5, series.Count);
            Assert.All(series, s => Assert.True(s.Samples().MoveNext()));
        }
        finally
        {
            store.Dispose();
        }
    }

    [Fact]
    public async Task Retention_by_time_deletes_blocks_past_the_horizon()
    {
        using var fixture = new StoreFixture(o => o.Retention = TimeSpan.FromHours(4));
        // 12 h of data: blocks older than 4 h before the newest sample go.
        Fill(fixture.Store, series: 3, samples: 4320, intervalMs: 10_000);

        await fixture.Store.RunMaintenanceAsync(flushHead: true);

        var newest = Start + (4319L * 10_000);
        var oldest = fixture.Store.Select(All, long.MinValue, long.MaxValue)
            .Min(s => { var c = s.Samples(); c.MoveNext(); return c.Timestamp; });
        Assert.True(oldest >= newest - TimeSpan.FromHours(10).TotalMilliseconds, $"oldest sample {newest - oldest} ms before the newest");
        Assert.True(oldest > Start);
    }

    [Fact]
    public async Task Retention_by_size_deletes_the_oldest_blocks_first()
    {
        using var fixture = new StoreFixture(o => o.RetentionBytes = 1);
        Fill(fixture.Store, series: 3, samples: 2000, intervalMs: 10_000);

        await fixture.Store.RunMaintenanceAsync(flushHead: true);

        Assert.Equal(0, fixture.Store.BlockCount);
    }

    [Fact]
    public async Task Small_blocks_are_merged_into_one_covering_their_range()
    {
        using var fixture = new StoreFixture(o => o.BlockDuration = TimeSpan.FromMinutes(10));
        // 2 h at 10 s with 10-minute blocks: after cuts, the 30-minute ranges behind the head are merged.
        Fill(fixture.Store, series: 4, samples: 720, intervalMs: 10_000);

        await fixture.Store.RunMaintenanceAsync();

        Assert.InRange(fixture.Store.BlockCount, 1, 6);
        AssertFilled(fixture.Store, series: 4, samples: 720, intervalMs: 10_000);
    }

    [Fact]
    public async Task Reads_during_appends_and_compaction_see_every_sample_in_order()
    {
        using var fixture = new StoreFixture(o => o.BlockDuration = TimeSpan.FromMinutes(10));
        var labels = StoreFixture.Series("up");
        using var done = new CancellationTokenSource();
        var readerFailures = 0;
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var series in fixture.Store.Select(All, long.MinValue, long.MaxValue))
                {
                    var cursor = series.Samples();
                    var previous = long.MinValue;
                    var expected = 0.0;
                    while (cursor.MoveNext())
                    {
                        if (cursor.Timestamp <= previous || cursor.Value != expected)
                        {
                            Interlocked.Increment(ref readerFailures);
                        }

                        previous = cursor.Timestamp;
                        expected++;
                    }
                }
            }
        });

        for (var i = 0; i < 3000; i++)
        {
            fixture.Store.Append(labels, Start + (i * 1000L), i);
            if (i % 500 == 499)
            {
                await fixture.Store.RunMaintenanceAsync();
            }
        }

        await done.CancelAsync();
        await reader;

        Assert.Equal(0, readerFailures);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (Start + (i * 1000L), (double)i)),
            Samples(Assert.Single(fixture.Store.Select(All, long.MinValue, long.MaxValue))));
    }

    [Fact]
    public async Task Sealed_head_chunks_are_reencoded_densely_and_moved_to_disk_without_changing_a_sample()
    {
        using var fixture = new StoreFixture();
        var labels = StoreFixture.Series("price");
        for (var i = 0; i < 600; i++)
        {
            fixture.Store.Append(labels, Start + (i * 15_000L), Math.Round(i * 0.37 % 50, 2));
        }

        var before = Assert.Single(fixture.Store.Select(All, long.MinValue, long.MaxValue));
        await fixture.Store.RunMaintenanceAsync();
        var after = Assert.Single(fixture.Store.Select(All, long.MinValue, long.MaxValue));

        Assert.Equal(Samples(before), Samples(after));
        Assert.All(after.Chunks.SkipLast(1), c => Assert.Equal(Dashboard.Core.Storage.Chunks.ChunkEncoding.ScaledDecimal, c.Encoding));
        Assert.True(after.Chunks.Sum(c => c.Data.Length) < before.Chunks.Sum(c => c.Data.Length) / 2);
        var onDisk = Directory.GetFiles(Path.Combine(fixture.Options.Path, "chunks_head")).Sum(f => new FileInfo(f).Length);
        Assert.Equal(after.Chunks.SkipLast(1).Sum(c => c.Data.Length), onDisk);

        fixture.Restart();

        Assert.Equal(Samples(before), Samples(Assert.Single(fixture.Store.Select(All, long.MinValue, long.MaxValue))));
    }

    [Fact]
    public void A_second_store_on_the_same_folder_is_refused_with_the_folder_named()
    {
        using var fixture = new StoreFixture();

        var error = Assert.Throws<IOException>(() => fixture.OpenStore(fixture.Options.Path));

        Assert.Contains(fixture.Options.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    internal static void Fill(TsdbStore store, int series, int samples, long intervalMs)
    {
        for (var t = 0; t < samples; t++)
        {
            for (var s = 0; s < series; s++)
            {
                store.Append(StoreFixture.Series("m" + (s % 3), ("i", s.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    Start + (t * intervalMs), (s * 1000) + t);
            }
        }
    }

    internal static void AssertFilled(TsdbStore store, int series, int samples, long intervalMs)
    {
        var selected = store.Select(All, long.MinValue, long.MaxValue);
        Assert.Equal(series, selected.Count);
        foreach (var one in selected)
        {
            var s = int.Parse(one.Labels.Single(l => l.Name == "i").Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, samples).Select(t => (Start + (t * intervalMs), (double)((s * 1000) + t))), Samples(one));
        }
    }

    internal static List<(long, double)> Samples(SelectedSeries series)
    {
        var result = new List<(long, double)>();
        var cursor = series.Samples();
        while (cursor.MoveNext())
        {
            result.Add((cursor.Timestamp, cursor.Value));
        }

        return result;
    }
}
