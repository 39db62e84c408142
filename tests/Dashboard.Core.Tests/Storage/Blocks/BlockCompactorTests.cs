using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Index;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Tests;
using static Dashboard.Core.Tests.Storage.Blocks.BlockFixtures;

namespace Dashboard.Core.Tests.Storage.Blocks;

public sealed class BlockCompactorTests
{
    [Fact]
    public void Merging_three_blocks_yields_the_union_of_their_series_with_chunks_in_time_order()
    {
        using var folder = new TempFolder();
        var expected = new Dictionary<string, List<StoredChunk>>();
        var metas = new List<BlockMeta>();
        for (var b = 0; b < 3; b++)
        {
            var start = b * 10_000L;
            // Series 0-59 in every block, 100+ only in some: label sets shared and not.
            var numbers = Enumerable.Range(0, 60).Concat(Enumerable.Range(100 + (b * 10), 10 + b));
            var series = numbers.Select(i => new BlockSeries(Labels($"m{i % 3}", ("i", $"{i}")), FakeChunks((b * 1000) + i, start, 1 + (i % 4)))).ToList();
            foreach (var s in series)
            {
                var key = Key(s.Labels);
                if (!expected.TryGetValue(key, out var list))
                {
                    expected[key] = list = [];
                }

                list.AddRange(s.Chunks);
            }

            metas.Add(BlockWriter.Write(folder.Path, start, start + 10_000, series, 1, [], BatchLimits.Default with { ChunkRows = 7 }));
        }

        var sources = metas.Select(m => Block.Open(folder.Combine(m.Id), cachedBatches: 1)).ToList();
        BlockMeta merged;
        try
        {
            merged = BlockCompactor.Merge(sources, folder.Path);
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }

        using var block = Block.Open(folder.Combine(merged.Id));
        Assert.Equal(0, merged.MinTime);
        Assert.Equal(30_000, merged.MaxTime);
        Assert.Equal(2, merged.Level);
        Assert.Equal(metas.Select(m => m.Id).Order(StringComparer.Ordinal), merged.Sources);
        Assert.Equal(expected.Count, block.SeriesCount);
        Assert.Equal(metas.Sum(m => m.Stats.NumChunks), merged.Stats.NumChunks);
        Assert.Equal(metas.Sum(m => m.Stats.NumSamples), merged.Stats.NumSamples);
        var ids = IdsByLabels(block);
        foreach (var (key, chunks) in expected)
        {
            AssertSameChunks(chunks.OrderBy(c => c.MinTime), block.GetChunks(ids[key], long.MinValue, long.MaxValue));
        }

        for (var id = 1; id < block.SeriesCount; id++)
        {
            Assert.True(LabelSetComparer.Instance.Compare(block.GetLabels(id - 1), block.GetLabels(id)) < 0);
        }
    }

    [Fact]
    public void Overlapping_sources_keep_every_chunk_but_store_an_identical_chunk_once()
    {
        using var folder = new TempFolder();
        var shared = Chunk(100, 199, 1);
        var onlyA = Chunk(150, 250, 2);
        var onlyB = Chunk(100, 199, 3);
        var a = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [shared, onlyA])], 1, []);
        var b = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [shared, onlyB])], 1, []);

        BlockMeta merged;
        using (var blockA = Block.Open(folder.Combine(a.Id)))
        using (var blockB = Block.Open(folder.Combine(b.Id)))
        {
            merged = BlockCompactor.Merge([blockA, blockB], folder.Path);
        }

        using var block = Block.Open(folder.Combine(merged.Id));
        var chunks = block.GetChunks(0, long.MinValue, long.MaxValue).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.Equal([100, 100, 150], chunks.Select(c => c.MinTime));
        Assert.Single(chunks, c => c.Data.Span.SequenceEqual(shared.Data.Span));
        Assert.Single(chunks, c => c.Data.Span.SequenceEqual(onlyB.Data.Span));
    }

    [Fact]
    public void A_merge_goes_one_level_above_its_highest_source()
    {
        using var folder = new TempFolder();
        var a = BlockWriter.Write(folder.Path, 0, 1000, [new BlockSeries(Labels("m"), [Chunk(0, 9, 1)])], 3, ["x"]);
        var b = BlockWriter.Write(folder.Path, 1000, 2000, [new BlockSeries(Labels("n"), [Chunk(1000, 1009, 2)])], 1, []);

        using var blockA = Block.Open(folder.Combine(a.Id));
        using var blockB = Block.Open(folder.Combine(b.Id));
        var merged = BlockCompactor.Merge([blockB, blockA], folder.Path);

        Assert.Equal(4, merged.Level);
        Assert.Equal(2, merged.Stats.NumSeries);
    }

    [Fact]
    public void The_same_block_twice_is_refused()
    {
        using var folder = new TempFolder();
        var a = BlockWriter.Write(folder.Path, 0, 1000, [], 1, []);
        using var block = Block.Open(folder.Combine(a.Id));

        Assert.Throws<ArgumentException>(() => BlockCompactor.Merge([block, block], folder.Path));
    }
}
