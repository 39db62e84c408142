namespace Dashboard.Core.Storage.Blocks;

/// <summary>When the writer closes a record batch. Tests shrink these to exercise series that span batches.</summary>
/// <param name="ChunkRows">Most chunks in one batch of <c>chunks.arrow</c>.</param>
/// <param name="ChunkBytes">Chunk bytes after which a batch of <c>chunks.arrow</c> is closed.</param>
/// <param name="SeriesRows">Most series in one batch of <c>series.arrow</c>.</param>
/// <param name="IndexRows">Most label pairs in one batch of <c>index.arrow</c>.</param>
/// <param name="IndexIds">Series ids after which a batch of <c>index.arrow</c> is closed.</param>
internal readonly record struct BatchLimits(int ChunkRows, int ChunkBytes, int SeriesRows, int IndexRows, int IndexIds)
{
    public static BatchLimits Default { get; } = new(
        BlockLayout.ChunkBatchRows, BlockLayout.ChunkBatchBytes, BlockLayout.SeriesBatchRows, BlockLayout.IndexBatchRows, BlockLayout.IndexBatchIds);
}
