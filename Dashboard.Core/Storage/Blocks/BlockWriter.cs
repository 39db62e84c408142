using System.Text.Json;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// Writes immutable blocks. A block appears whole or not at all: its files are written into <c>&lt;id&gt;.tmp/</c>,
/// flushed to disk, and the directory is then renamed to <c>&lt;id&gt;/</c> and its parent flushed. A crash leaves at
/// most a <c>.tmp</c> directory, which <see cref="Block.DeleteLeftovers"/> removes.
/// </summary>
public static class BlockWriter
{
    /// <summary>Writes a block of the given series.</summary>
    /// <param name="blocksDirectory">The directory holding the blocks; created if missing.</param>
    /// <param name="minTime">Start of the block's range, Unix milliseconds, inclusive; not negative.</param>
    /// <param name="maxTime">End of the block's range, Unix milliseconds, exclusive.</param>
    /// <param name="series">The series, in any order. Label sets that occur twice are merged; series without chunks
    /// are left out. Each chunk must lie inside [<paramref name="minTime"/>, <paramref name="maxTime"/>).</param>
    /// <param name="level">The compaction level, 1 for a block cut from the head.</param>
    /// <param name="sources">The ids of the blocks this one replaces (empty for a block cut from the head).</param>
    /// <returns>The new block's metadata; the block is at <c>Path.Combine(blocksDirectory, meta.Id)</c>.</returns>
    /// <exception cref="ArgumentException">A label set or chunk is invalid, or the range is empty.</exception>
    public static BlockMeta Write(string blocksDirectory, long minTime, long maxTime, IEnumerable<BlockSeries> series, int level, IReadOnlyList<string> sources) =>
        Write(blocksDirectory, minTime, maxTime, series, level, sources, BatchLimits.Default);

    /// <summary><see cref="Write(string, long, long, IEnumerable{BlockSeries}, int, IReadOnlyList{string})"/> with
    /// chosen batch sizes.</summary>
    internal static BlockMeta Write(
        string blocksDirectory, long minTime, long maxTime, IEnumerable<BlockSeries> series, int level, IReadOnlyList<string> sources, BatchLimits limits)
    {
        ArgumentNullException.ThrowIfNull(series);
        var all = new List<BlockSeries>();
        foreach (var one in series)
        {
            ArgumentNullException.ThrowIfNull(one, nameof(series));
            ArgumentNullException.ThrowIfNull(one.Chunks, nameof(series));
            all.Add(one with { Labels = SortedLabels(one.Labels) });
        }

        all.Sort(static (a, b) => LabelSetComparer.Instance.Compare(a.Labels, b.Labels));
        return WriteSorted(blocksDirectory, minTime, maxTime, MergeEqualLabelSets(all), level, sources, limits);
    }

    /// <summary>Writes a block from series already sorted by label set, each label set once, consuming them one at a
    /// time: a merge streams through here without holding every chunk in memory.</summary>
    internal static BlockMeta WriteSorted(
        string blocksDirectory, long minTime, long maxTime, IEnumerable<BlockSeries> sortedSeries, int level, IReadOnlyList<string> sources, BatchLimits limits)
    {
        ArgumentException.ThrowIfNullOrEmpty(blocksDirectory);
        ArgumentNullException.ThrowIfNull(sortedSeries);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfNegative(minTime);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxTime, minTime);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        foreach (var source in sources)
        {
            ArgumentException.ThrowIfNullOrEmpty(source, nameof(sources));
        }

        var id = BlockLayout.NewId(minTime);
        Directory.CreateDirectory(blocksDirectory);
        var temporary = Path.Combine(blocksDirectory, id + BlockLayout.TemporarySuffix);
        var final = Path.Combine(blocksDirectory, id);
        Directory.CreateDirectory(temporary);
        try
        {
            var (files, stats) = WriteFiles(temporary, minTime, maxTime, sortedSeries, limits);
            var meta = new BlockMeta(BlockMeta.CurrentVersion, id, minTime, maxTime, stats, level, [.. sources], files);
            WriteMeta(temporary, meta);
            DirectorySync.Flush(temporary);
            Directory.Move(temporary, final);
            DirectorySync.Flush(blocksDirectory);
            return meta;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static (BlockFile[] Files, BlockStats Stats) WriteFiles(
        string directory, long minTime, long maxTime, IEnumerable<BlockSeries> sortedSeries, BatchLimits limits)
    {
        using var seriesSink = new ArrowFileSink(directory, BlockLayout.SeriesFile, BlockLayout.SeriesSchema);
        using var chunksSink = new ArrowFileSink(directory, BlockLayout.ChunksFile, BlockLayout.ChunksSchema);
        var seriesRows = new SeriesRowsBuilder();
        var chunkRows = new ChunkRowsBuilder();
        var postings = new PostingsBuilder();
        var chunkBatch = 0;
        var seriesId = 0;
        long numChunks = 0;
        long numSamples = 0;
        Label[]? previous = null;
        foreach (var series in sortedSeries)
        {
            if (previous is not null && LabelSetComparer.Instance.Compare(previous, series.Labels) >= 0)
            {
                throw new ArgumentException(
                    $"Series must come sorted by label set, each once: {Describe(series.Labels)} follows {Describe(previous)}.", nameof(sortedSeries));
            }

            previous = series.Labels;
            if (series.Chunks.Count == 0)
            {
                continue;
            }

            var firstBatch = chunkBatch;
            var firstRow = chunkRows.Rows;
            var seriesMin = long.MaxValue;
            var seriesMax = long.MinValue;
            var previousStart = long.MinValue;
            foreach (var chunk in series.Chunks)
            {
                CheckChunk(series.Labels, chunk, minTime, maxTime, previousStart);
                previousStart = chunk.MinTime;
                seriesMin = Math.Min(seriesMin, chunk.MinTime);
                seriesMax = Math.Max(seriesMax, chunk.MaxTime);
                chunkRows.Append(seriesId, chunk);
                numSamples += chunk.Count;
                if (chunkRows.Rows >= limits.ChunkRows || chunkRows.DataBytes >= limits.ChunkBytes)
                {
                    chunksSink.Write(chunkRows.Build());
                    chunkBatch++;
                }
            }

            numChunks += series.Chunks.Count;
            seriesRows.Append(series.Labels, firstBatch, firstRow, series.Chunks.Count, seriesMin, seriesMax);
            if (seriesRows.Rows >= limits.SeriesRows)
            {
                seriesSink.Write(seriesRows.Build());
            }

            postings.Add(series.Labels, seriesId);
            seriesId++;
        }

        if (chunkRows.Rows > 0)
        {
            chunksSink.Write(chunkRows.Build());
        }

        if (seriesRows.Rows > 0)
        {
            seriesSink.Write(seriesRows.Build());
        }

        var seriesFile = seriesSink.Finish();
        var chunksFile = chunksSink.Finish();
        BlockFile indexFile;
        using (var indexSink = new ArrowFileSink(directory, BlockLayout.IndexFile, BlockLayout.IndexSchema))
        {
            postings.WriteTo(indexSink, limits);
            indexFile = indexSink.Finish();
        }

        return ([seriesFile, indexFile, chunksFile], new BlockStats(seriesId, numChunks, numSamples));
    }

    private static void CheckChunk(Label[] labels, in StoredChunk chunk, long minTime, long maxTime, long previousStart)
    {
        if (chunk.MinTime > chunk.MaxTime || chunk.Count < 1)
        {
            throw new ArgumentException(
                $"Series {Describe(labels)} has an invalid chunk: [{chunk.MinTime}, {chunk.MaxTime}] with {chunk.Count} samples.");
        }

        if (chunk.MinTime < minTime || chunk.MaxTime >= maxTime)
        {
            throw new ArgumentException(
                $"Series {Describe(labels)} has a chunk [{chunk.MinTime}, {chunk.MaxTime}] outside the block's range [{minTime}, {maxTime}).");
        }

        if (chunk.MinTime < previousStart)
        {
            throw new ArgumentException($"Series {Describe(labels)} has chunks out of time order.");
        }
    }

    private static void WriteMeta(string directory, BlockMeta meta)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(meta, BlockMetaJsonContext.Default.BlockMeta);
        using var file = new FileStream(Path.Combine(directory, BlockLayout.MetaFile), FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The labels sorted by name (a copy when they were not), refusing what no series can carry.</summary>
    private static Label[] SortedLabels(Label[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var sorted = true;
        for (var i = 0; i < labels.Length; i++)
        {
            if (string.IsNullOrEmpty(labels[i].Name) || labels[i].Value is null)
            {
                throw new ArgumentException("A label has no name or a null value.");
            }

            if (i > 0 && string.CompareOrdinal(labels[i - 1].Name, labels[i].Name) >= 0)
            {
                sorted = false;
            }
        }

        if (sorted)
        {
            return labels;
        }

        var copy = (Label[])labels.Clone();
        Array.Sort(copy, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < copy.Length; i++)
        {
            if (copy[i - 1].Name == copy[i].Name)
            {
                throw new ArgumentException($"Series {Describe(copy)} has the label {copy[i].Name} twice.");
            }
        }

        return copy;
    }

    private static IEnumerable<BlockSeries> MergeEqualLabelSets(List<BlockSeries> sorted)
    {
        for (var i = 0; i < sorted.Count;)
        {
            var end = i + 1;
            while (end < sorted.Count && LabelSetComparer.Instance.Compare(sorted[i].Labels, sorted[end].Labels) == 0)
            {
                end++;
            }

            if (end == i + 1)
            {
                yield return sorted[i] with { Chunks = SeriesChunks.Ordered(sorted[i].Chunks) };
                i = end;
                continue;
            }

            var chunks = new List<StoredChunk>(sorted[i].Chunks);
            for (var j = i + 1; j < end; j++)
            {
                chunks.AddRange(sorted[j].Chunks);
            }

            yield return new BlockSeries(sorted[i].Labels, SeriesChunks.Combine(chunks));
            i = end;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for DeleteLeftovers: a .tmp directory is never taken for a block.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: the original error matters more than this one.
        }
    }

    internal static string Describe(Label[] labels) => "{" + string.Join(", ", labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
}
