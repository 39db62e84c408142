using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Tests;
using static Dashboard.Core.Tests.Storage.Blocks.BlockFixtures;

namespace Dashboard.Core.Tests.Storage.Blocks;

public sealed class BlockWriterTests
{
    [Fact]
    public void Series_written_in_any_order_read_back_sorted_with_their_chunks_byte_exact()
    {
        using var folder = new TempFolder();
        var input = new List<BlockSeries>
        {
            new(Labels("up", ("job", "b")), FakeChunks(1, 1000, 3)),
            new(Labels("up", ("job", "a")), FakeChunks(2, 1000, 1)),
            new(Labels("cpu", ("cpu", "0"), ("mode", "idle")), FakeChunks(3, 1500, 5)),
            new(Labels("cpu", ("cpu", "0")), FakeChunks(4, 1000, 2)),
        };

        var meta = BlockWriter.Write(folder.Path, 1000, 3000, input, 1, []);
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id));

        Assert.Equal(4, block.SeriesCount);
        Assert.Equal(
            ["__name__=cpu,cpu=0", "__name__=cpu,cpu=0,mode=idle", "__name__=up,job=a", "__name__=up,job=b"],
            Enumerable.Range(0, 4).Select(id => Key(block.GetLabels(id))));
        var ids = IdsByLabels(block);
        foreach (var series in input)
        {
            AssertSameChunks(series.Chunks, block.GetChunks(ids[Key(series.Labels)], long.MinValue, long.MaxValue));
        }

        Assert.Equal(new BlockStats(4, 11, input.Sum(s => s.Chunks.Sum(c => (long)c.Count))), meta.Stats);
        Assert.Equal(meta, block.Meta with { Sources = meta.Sources, Files = meta.Files });
        Assert.Equal(meta.Files, block.Meta.Files);
    }

    [Fact]
    public void GetChunks_returns_only_the_chunks_overlapping_the_inclusive_range()
    {
        using var folder = new TempFolder();
        var chunks = new[] { Chunk(0, 99, 1), Chunk(100, 199, 2), Chunk(200, 299, 3) };
        var meta = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), chunks)], 1, []);
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id));

        AssertSameChunks([chunks[1], chunks[2]], block.GetChunks(0, 150, 250));
        AssertSameChunks([chunks[0], chunks[1]], block.GetChunks(0, 99, 100));
        AssertSameChunks([chunks[2]], block.GetChunks(0, 299, 299));
        AssertSameChunks([], block.GetChunks(0, 300, 400));
        AssertSameChunks([], block.GetChunks(0, -50, -1));
        AssertSameChunks(chunks, block.GetChunks(0, long.MinValue, long.MaxValue));
    }

    [Fact]
    public void Series_whose_chunks_span_several_record_batches_read_back_whole()
    {
        using var folder = new TempFolder();
        var input = Enumerable.Range(0, 12).Select(i => new BlockSeries(Labels("m", ("i", $"{i:D2}")), FakeChunks(i, 0, 1 + (i % 7)))).ToList();
        var tiny = new BatchLimits(ChunkRows: 3, ChunkBytes: 1 << 20, SeriesRows: 5, IndexRows: 4, IndexIds: 1 << 20);

        var meta = BlockWriter.Write(folder.Path, 0, 10_000, input, 1, [], tiny);
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id), cachedBatches: 1);

        for (var i = 0; i < input.Count; i++)
        {
            AssertSameChunks(input[i].Chunks, block.GetChunks(i, long.MinValue, long.MaxValue));
            AssertSameChunks(input[i].Chunks.Where(c => c.Overlaps(250, 420)), block.GetChunks(i, 250, 420));
        }

        Assert.Equal(12, block.LabelValues("i").Count);
    }

    [Fact]
    public void A_batch_closes_once_its_chunk_bytes_reach_the_limit()
    {
        using var folder = new TempFolder();
        var input = Enumerable.Range(0, 5).Select(i => new BlockSeries(Labels("m", ("i", $"{i}")), FakeChunks(i, 0, 4, length: 300))).ToList();

        var meta = BlockWriter.Write(folder.Path, 0, 10_000, input, 1, [], BatchLimits.Default with { ChunkBytes = 1000 });
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id), cachedBatches: 2);

        for (var i = 0; i < input.Count; i++)
        {
            AssertSameChunks(input[i].Chunks, block.GetChunks(i, long.MinValue, long.MaxValue));
        }
    }

    [Fact]
    public void Chunks_outlive_the_block_that_handed_them_out()
    {
        using var folder = new TempFolder();
        var chunks = FakeChunks(9, 0, 4, length: 500);
        var meta = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), chunks)], 1, []);
        List<StoredChunk> read;
        using (var block = Block.Open(Path.Combine(folder.Path, meta.Id)))
        {
            read = [.. block.GetChunks(0, long.MinValue, long.MaxValue)];
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        AssertSameChunks(chunks, read);
    }

    [Fact]
    public void Equal_label_sets_are_merged_and_series_without_chunks_left_out()
    {
        using var folder = new TempFolder();
        var first = Chunk(0, 99, 1);
        var second = Chunk(100, 199, 2);
        var input = new[]
        {
            new BlockSeries(Labels("m", ("a", "1")), [second]),
            new BlockSeries([new Label("a", "1"), new Label("__name__", "m")], [first, second]),
            new BlockSeries(Labels("empty"), []),
        };

        var meta = BlockWriter.Write(folder.Path, 0, 1000, input, 1, []);
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id));

        Assert.Equal(1, block.SeriesCount);
        Assert.Equal(Labels("m", ("a", "1")), block.GetLabels(0));
        AssertSameChunks([first, second], block.GetChunks(0, long.MinValue, long.MaxValue));
        Assert.Equal(new BlockStats(1, 2, first.Count + second.Count), meta.Stats);
    }

    [Fact]
    public void An_empty_block_is_a_valid_block()
    {
        using var folder = new TempFolder();

        var meta = BlockWriter.Write(folder.Path, 0, 1000, [], 1, []);
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id));

        Assert.Equal(0, block.SeriesCount);
        Assert.Empty(block.Select([]));
        Assert.Empty(block.LabelNames());
        Assert.Empty(block.LabelValues("job"));
    }

    [Theory]
    [InlineData(-1, 99)]
    [InlineData(900, 1000)]
    [InlineData(50, 40)]
    public void A_chunk_outside_the_range_is_refused_and_leaves_nothing_behind(long start, long end)
    {
        using var folder = new TempFolder();
        var chunk = new StoredChunk(ChunkEncoding.Xor, start, end, 3, new byte[] { 1, 2, 3 });

        Assert.Throws<ArgumentException>(() => BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [chunk])], 1, []));

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_label_set_naming_a_label_twice_is_refused()
    {
        using var folder = new TempFolder();
        Label[] labels = [new("b", "1"), new("a", "1"), new("b", "2")];

        Assert.Throws<ArgumentException>(() => BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(labels, [Chunk(0, 9, 1)])], 1, []));
    }

    [Fact]
    public void The_block_lands_under_its_id_with_meta_json_recording_every_file()
    {
        using var folder = new TempFolder();

        var meta = BlockWriter.Write(folder.Path, 1_700_000_000_000, 1_700_007_200_000, [new BlockSeries(Labels("m"), [Chunk(1_700_000_000_000, 1_700_000_001_000, 1)])], 1, []);

        Assert.Matches("^0001700000000000-[0-9a-f]{16}$", meta.Id);
        Assert.Equal([meta.Id], Directory.EnumerateDirectories(folder.Path).Select(Path.GetFileName));
        var directory = Path.Combine(folder.Path, meta.Id);
        Assert.Equal(["chunks.arrow", "index.arrow", "meta.json", "series.arrow"], Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in meta.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(directory, file.Name));
            Assert.Equal(file.Size, bytes.Length);
            Assert.Equal(file.XxHash64, Convert.ToHexStringLower(System.IO.Hashing.XxHash64.Hash(bytes)));
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "meta.json")));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(meta.Id, root.GetProperty("id").GetString());
        Assert.Equal(1_700_000_000_000, root.GetProperty("minTime").GetInt64());
        Assert.Equal(1, root.GetProperty("stats").GetProperty("numSeries").GetInt64());
        Assert.Equal(1, root.GetProperty("level").GetInt32());
        Assert.Equal(3, root.GetProperty("files").GetArrayLength());
        using var block = Block.Open(directory);
        Assert.Equal(meta.Files.Sum(f => f.Size) + new FileInfo(Path.Combine(directory, "meta.json")).Length, block.SizeBytes);
    }

    [Fact]
    public void Ids_of_blocks_of_the_same_range_differ_and_sort_by_time()
    {
        using var folder = new TempFolder();

        var a = BlockWriter.Write(folder.Path, 5000, 6000, [], 1, []);
        var b = BlockWriter.Write(folder.Path, 5000, 6000, [], 1, []);
        var c = BlockWriter.Write(folder.Path, 40_000, 50_000, [], 1, []);

        Assert.NotEqual(a.Id, b.Id);
        Assert.True(string.CompareOrdinal(a.Id, c.Id) < 0 && string.CompareOrdinal(b.Id, c.Id) < 0);
    }
}
