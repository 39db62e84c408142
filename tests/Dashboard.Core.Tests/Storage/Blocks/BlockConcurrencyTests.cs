using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;
using static Dashboard.Core.Tests.Storage.Blocks.BlockFixtures;

namespace Dashboard.Core.Tests.Storage.Blocks;

public sealed class BlockConcurrencyTests
{
    [Fact]
    public void Readers_on_several_threads_see_the_same_data_while_the_cache_churns()
    {
        using var folder = new TempFolder();
        var input = Enumerable.Range(0, 2000).Select(i => new BlockSeries(Labels($"m{i % 10}", ("i", $"{i:D4}")), FakeChunks(i, 0, 1 + (i % 5)))).ToList();
        // Small batches and a two-batch cache: nearly every read loads a batch while others evict.
        var meta = BlockWriter.Write(folder.Path, 0, 10_000, input, 1, [], BatchLimits.Default with { ChunkRows = 50 });
        using var block = Block.Open(folder.Combine(meta.Id), cachedBatches: 2);
        var expected = input.ToDictionary(s => Key(s.Labels));
        var failures = 0;

        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            var random = new Random(t);
            for (var n = 0; n < 1500; n++)
            {
                var id = random.Next(block.SeriesCount);
                var labels = block.GetLabels(id);
                var want = expected[Key(labels)].Chunks;
                var got = block.GetChunks(id, long.MinValue, long.MaxValue).ToList();
                if (got.Count != want.Count || !got.Zip(want).All(p => p.First.Data.Span.SequenceEqual(p.Second.Data.Span) && p.First.MinTime == p.Second.MinTime))
                {
                    Interlocked.Increment(ref failures);
                }

                var selected = block.Select([LabelMatcher.Equal("__name__", labels[0].Value), LabelMatcher.Equal("i", labels[1].Value)]);
                if (selected.Length != 1 || selected[0] != id)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, failures);
    }
}
