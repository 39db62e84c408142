using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>Merges blocks into one covering all of their ranges, one level up.</summary>
public static class BlockCompactor
{
    /// <summary>
    /// Writes a block holding every series of the sources: equal label sets become one series whose chunks are all
    /// the sources' chunks in time order (a chunk found in two sources, identical in every byte, is kept once). The
    /// series stream through: at any time only one series' chunks and each source's cached batches are in memory.
    /// The sources are left in place; delete them (<see cref="Block.Delete"/>) once this returns.
    /// </summary>
    /// <param name="sources">The blocks to merge, at least one.</param>
    /// <param name="blocksDirectory">The directory to write the new block into.</param>
    /// <returns>The new block's metadata: range from the sources' earliest start to their latest end, level one
    /// above the highest source's, sources the ids of <paramref name="sources"/>.</returns>
    public static BlockMeta Merge(IReadOnlyList<Block> sources, string blocksDirectory)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        foreach (var source in sources)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(sources));
        }

        var ids = sources.Select(s => s.Meta.Id).Order(StringComparer.Ordinal).ToArray();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
        {
            throw new ArgumentException("A block is listed twice among the sources.", nameof(sources));
        }

        return BlockWriter.WriteSorted(
            blocksDirectory,
            sources.Min(s => s.Meta.MinTime),
            sources.Max(s => s.Meta.MaxTime),
            MergedSeries(sources),
            sources.Max(s => s.Meta.Level) + 1,
            ids,
            BatchLimits.Default);
    }

    /// <summary>The union of the sources' series in label-set order: each source is already sorted, so a k-way merge
    /// over one cursor per source yields them in order.</summary>
    private static IEnumerable<BlockSeries> MergedSeries(IReadOnlyList<Block> sources)
    {
        var cursors = new int[sources.Count];
        while (true)
        {
            Label[]? smallest = null;
            for (var i = 0; i < sources.Count; i++)
            {
                if (cursors[i] < sources[i].SeriesCount)
                {
                    var labels = sources[i].LabelsOf(cursors[i]);
                    if (smallest is null || LabelSetComparer.Instance.Compare(labels, smallest) < 0)
                    {
                        smallest = labels;
                    }
                }
            }

            if (smallest is null)
            {
                yield break;
            }

            var chunks = new List<StoredChunk>();
            var contributors = 0;
            for (var i = 0; i < sources.Count; i++)
            {
                if (cursors[i] < sources[i].SeriesCount && LabelSetComparer.Instance.Compare(sources[i].LabelsOf(cursors[i]), smallest) == 0)
                {
                    chunks.AddRange(sources[i].GetChunks(cursors[i], long.MinValue, long.MaxValue));
                    cursors[i]++;
                    contributors++;
                }
            }

            yield return new BlockSeries(smallest, contributors > 1 ? SeriesChunks.Combine(chunks) : chunks);
        }
    }
}
