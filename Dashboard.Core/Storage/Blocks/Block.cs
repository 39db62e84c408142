using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text.Json;
using Apache.Arrow.Ipc;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Storage.Blocks;

/// <summary>
/// An immutable block opened for reading: series and postings in memory, chunks read from <c>chunks.arrow</c> a
/// record batch at a time and kept in a small cache. Safe for any number of concurrent readers; the caller must not
/// dispose it while reads are in flight. Chunks handed out stay valid after dispose (they live in managed memory).
/// </summary>
public sealed class Block : IDisposable
{
    private const int DefaultCachedBatches = 8;
    private const int HashBufferSize = 1 << 20;

    private readonly SeriesRows _series;
    private readonly PostingsIndex _index;
    private readonly ArrowFileReader _chunksReader;
    private readonly int _chunkBatchCount;
    private readonly ChunkBatchCache _cache;
    private readonly Lock _readLock = new();
    private volatile bool _disposed;

    private Block(string directory, BlockMeta meta, long sizeBytes, SeriesRows series, PostingsIndex index, ArrowFileReader chunksReader,
        int chunkBatchCount, int cachedBatches)
    {
        Directory = directory;
        Meta = meta;
        SizeBytes = sizeBytes;
        _series = series;
        _index = index;
        _chunksReader = chunksReader;
        _chunkBatchCount = chunkBatchCount;
        _cache = new ChunkBatchCache(cachedBatches);
    }

    /// <summary>The block's metadata, as read from <c>meta.json</c>.</summary>
    public BlockMeta Meta { get; }

    /// <summary>The block directory (full path).</summary>
    public string Directory { get; }

    /// <summary>The size of the block on disk: its data files and <c>meta.json</c>.</summary>
    public long SizeBytes { get; }

    /// <summary>How many series the block holds; their ids are 0 to <c>SeriesCount - 1</c>, in label-set order.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>Opens a block, checking <c>meta.json</c> and the size and checksum of every file before reading any.</summary>
    /// <param name="directory">The block directory, <c>&lt;blocksDirectory&gt;/&lt;id&gt;</c>.</param>
    /// <returns>The open block.</returns>
    /// <exception cref="DirectoryNotFoundException">There is no such directory.</exception>
    /// <exception cref="BlockCorruptException">A file is missing, damaged or not in the expected layout.</exception>
    public static Block Open(string directory) => Open(directory, DefaultCachedBatches);

    internal static Block Open(string directory, int cachedBatches)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(cachedBatches, 1);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (!System.IO.Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"There is no block directory {full}.");
        }

        var (meta, metaSize) = ReadMeta(full);
        var indexBytes = ReadVerified(full, meta, BlockLayout.IndexFile);
        var seriesBytes = ReadVerified(full, meta, BlockLayout.SeriesFile);
        var chunksStream = OpenVerified(full, meta, BlockLayout.ChunksFile);
        ArrowFileReader? chunksReader = null;
        try
        {
            var strings = new StringPool();
            var seriesCount = (int)meta.Stats.NumSeries;
            var index = Parse(full, BlockLayout.IndexFile, () =>
            {
                using var reader = new ArrowFileReader(new MemoryStream(indexBytes, writable: false), BlockLayout.Codecs);
                return PostingsIndex.Read(reader, strings, seriesCount);
            });
            var series = Parse(full, BlockLayout.SeriesFile, () =>
            {
                using var reader = new ArrowFileReader(new MemoryStream(seriesBytes, writable: false), BlockLayout.Codecs);
                return SeriesRows.Read(reader, strings);
            });
            if (series.Count != meta.Stats.NumSeries)
            {
                throw Corrupt(full, BlockLayout.SeriesFile, $"holds {series.Count} series where meta.json records {meta.Stats.NumSeries}");
            }

            long chunks = 0;
            foreach (var count in series.ChunkCounts)
            {
                chunks += count;
            }

            if (chunks != meta.Stats.NumChunks)
            {
                throw Corrupt(full, BlockLayout.SeriesFile, $"refers to {chunks} chunks where meta.json records {meta.Stats.NumChunks}");
            }

            chunksReader = new ArrowFileReader(new SynchronousReadStream(chunksStream), BlockLayout.Codecs);
            var reader = chunksReader;
            var batchCount = Parse(full, BlockLayout.ChunksFile, () =>
            {
                if (!BlockLayout.SameFields(reader.Schema, BlockLayout.ChunksSchema))
                {
                    throw new InvalidDataException("the schema is not that of chunks.arrow");
                }

                return SynchronousReadStream.Result(reader.RecordBatchCountAsync());
            });
            foreach (var batch in series.ChunkBatches)
            {
                if (batch >= batchCount)
                {
                    throw Corrupt(full, BlockLayout.SeriesFile, $"refers to chunk batch {batch} of the {batchCount} in chunks.arrow");
                }
            }

            var size = metaSize + meta.Files.Where(f => BlockLayout.DataFiles.Contains(f.Name)).Sum(f => f.Size);
            return new Block(full, meta, size, series, index, chunksReader, batchCount, cachedBatches);
        }
        catch
        {
            chunksReader?.Dispose();
            chunksStream.Dispose();
            throw;
        }
    }

    /// <summary>The ids of the series matching every matcher, ascending (that is, in label-set order). A missing
    /// label counts as the empty value, so a matcher that accepts <c>""</c> also selects series without the label.
    /// With no matcher, or only matchers that accept <c>""</c>, selection starts from every series.</summary>
    /// <param name="matchers">The matchers, all of which must hold.</param>
    /// <returns>The matching series ids; a new array the caller may keep.</returns>
    public int[] Select(IReadOnlyList<LabelMatcher> matchers)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _index.Select(matchers);
    }

    /// <summary>The labels of a series.</summary>
    /// <param name="seriesId">A series id of this block.</param>
    /// <returns>A copy of the labels, sorted by name.</returns>
    public Label[] GetLabels(int seriesId) => (Label[])LabelsOf(seriesId).Clone();

    /// <summary>The chunks of a series that overlap [<paramref name="minTime"/>, <paramref name="maxTime"/>] (both
    /// inclusive, as <see cref="StoredChunk.Overlaps"/>), in time order. Reads at most the record batches holding
    /// them, and none when the series has no data in the range.</summary>
    /// <param name="seriesId">A series id of this block.</param>
    /// <param name="minTime">Range start, Unix milliseconds.</param>
    /// <param name="maxTime">Range end, Unix milliseconds.</param>
    /// <returns>The chunks.</returns>
    /// <exception cref="BlockCorruptException"><c>chunks.arrow</c> does not hold what <c>series.arrow</c> says.</exception>
    public IEnumerable<StoredChunk> GetChunks(int seriesId, long minTime, long maxTime)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(seriesId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seriesId, _series.Count);
        if (_series.MinTimes[seriesId] > maxTime || _series.MaxTimes[seriesId] < minTime)
        {
            return [];
        }

        var chunks = new List<StoredChunk>();
        var batchIndex = _series.ChunkBatches[seriesId];
        var row = _series.ChunkRows[seriesId];
        var remaining = _series.ChunkCounts[seriesId];
        while (remaining > 0)
        {
            if (batchIndex >= _chunkBatchCount)
            {
                throw Corrupt(Directory, BlockLayout.ChunksFile, $"series {seriesId} runs past the last record batch");
            }

            var batch = GetBatch(batchIndex);
            if (row >= batch.Length)
            {
                throw Corrupt(Directory, BlockLayout.ChunksFile, $"series {seriesId} starts at row {row} of record batch {batchIndex}, which has {batch.Length}");
            }

            for (; row < batch.Length && remaining > 0; row++, remaining--)
            {
                if (batch.SeriesId(row) != seriesId)
                {
                    throw Corrupt(Directory, BlockLayout.ChunksFile, $"row {row} of record batch {batchIndex} belongs to series {batch.SeriesId(row)}, not {seriesId}");
                }

                // Chunks are sorted by start: once one starts after the range, so do all that follow.
                if (batch.MinTime(row) > maxTime)
                {
                    return chunks;
                }

                var chunk = batch.Chunk(row);
                if (chunk.Overlaps(minTime, maxTime))
                {
                    chunks.Add(chunk);
                }
            }

            batchIndex++;
            row = 0;
        }

        return chunks;
    }

    /// <summary>Every label name in the block, sorted.</summary>
    /// <returns>The names.</returns>
    public IReadOnlyList<string> LabelNames()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _index.LabelNames;
    }

    /// <summary>Every value of one label name in the block, sorted; empty for an unknown name.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The values.</returns>
    public IReadOnlyList<string> LabelValues(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _index.LabelValues(name);
    }

    /// <summary>Closes <c>chunks.arrow</c> and drops the cached batches.</summary>
    public void Dispose()
    {
        lock (_readLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _chunksReader.Dispose();
        }

        _cache.Clear();
    }

    /// <summary>The complete blocks under a blocks directory, oldest range first: the directories named like a block
    /// id. Directories of blocks being written (<c>.tmp</c>) or deleted (<c>.deleting</c>) are not blocks.</summary>
    /// <param name="blocksDirectory">The directory holding the blocks.</param>
    /// <returns>Full paths of the block directories; empty when the directory does not exist.</returns>
    public static IReadOnlyList<string> BlockDirectories(string blocksDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(blocksDirectory);
        if (!System.IO.Directory.Exists(blocksDirectory))
        {
            return [];
        }

        return
        [
            .. System.IO.Directory.EnumerateDirectories(Path.GetFullPath(blocksDirectory))
                .Where(d => BlockLayout.IsId(Path.GetFileName(d)))
                .Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// Removes what interrupted work left behind: blocks half written (<c>&lt;id&gt;.tmp</c>, from a crash inside
    /// <see cref="BlockWriter"/>), half deleted (<c>&lt;id&gt;.deleting</c>, from <see cref="Delete"/>), and blocks
    /// already merged into another, intact block whose sources were not yet deleted (a crash between a merge and
    /// the deletion of its sources). The store calls it at start-up, before opening blocks, while nothing writes to
    /// the directory.
    /// </summary>
    /// <param name="blocksDirectory">The directory holding the blocks.</param>
    /// <returns>Full paths of the directories removed.</returns>
    public static IReadOnlyList<string> DeleteLeftovers(string blocksDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(blocksDirectory);
        var removed = new List<string>();
        if (!System.IO.Directory.Exists(blocksDirectory))
        {
            return removed;
        }

        foreach (var directory in System.IO.Directory.EnumerateDirectories(Path.GetFullPath(blocksDirectory)))
        {
            var name = Path.GetFileName(directory.AsSpan());
            if ((name.EndsWith(BlockLayout.TemporarySuffix, StringComparison.Ordinal) && BlockLayout.IsId(name[..^BlockLayout.TemporarySuffix.Length]))
                || (name.EndsWith(BlockLayout.DeletingSuffix, StringComparison.Ordinal) && BlockLayout.IsId(name[..^BlockLayout.DeletingSuffix.Length])))
            {
                System.IO.Directory.Delete(directory, recursive: true);
                removed.Add(directory);
            }
        }

        var blocks = BlockDirectories(blocksDirectory);
        var present = blocks.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in blocks)
        {
            BlockMeta meta;
            try
            {
                meta = ReadMeta(directory).Meta;
            }
            catch (BlockCorruptException)
            {
                continue; // Opening it will report it; a damaged block never licenses deleting another.
            }

            if (!meta.Sources.Any(present.Contains) || !IsIntact(directory))
            {
                continue;
            }

            replaced.UnionWith(meta.Sources);
        }

        foreach (var directory in blocks)
        {
            if (replaced.Contains(Path.GetFileName(directory)))
            {
                Delete(directory);
                removed.Add(directory);
            }
        }

        return removed;
    }

    /// <summary>Deletes a block so that a crash midway never leaves something that looks like a block: the directory
    /// is renamed to <c>&lt;id&gt;.deleting</c> first (and that rename made durable), then removed. Dispose the block
    /// first.</summary>
    /// <param name="blockDirectory">The block directory.</param>
    public static void Delete(string blockDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(blockDirectory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(blockDirectory));
        var doomed = full + BlockLayout.DeletingSuffix;
        System.IO.Directory.Move(full, doomed);
        DirectorySync.Flush(Path.GetDirectoryName(full)!);
        System.IO.Directory.Delete(doomed, recursive: true);
    }

    /// <summary>The labels of a series, not copied: for readers inside this assembly that do not modify them.</summary>
    internal Label[] LabelsOf(int seriesId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(seriesId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seriesId, _series.Count);
        return _series.Labels[seriesId];
    }

    private static bool IsIntact(string directory)
    {
        try
        {
            using var block = Open(directory, 1);
            return true;
        }
        catch (BlockCorruptException)
        {
            return false;
        }
    }

    private ChunkBatch GetBatch(int index)
    {
        if (_cache.TryGet(index, out var batch))
        {
            return batch;
        }

        // One reader over one file handle: loads are serialised, and a thread that waited finds the batch cached.
        lock (_readLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_cache.TryGet(index, out batch))
            {
                return batch;
            }

            try
            {
                using var record = SynchronousReadStream.Result(_chunksReader.ReadRecordBatchAsync(index))
                    ?? throw new InvalidDataException($"record batch {index} is missing");
                batch = ChunkBatch.Copy(record);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The file was verified at open, so whatever the Arrow reader throws now means the bytes are not what
                // the writer produced; callers get one exception type for bad data.
                throw Corrupt(Directory, BlockLayout.ChunksFile, $"unreadable Arrow in record batch {index}: {ex.Message}", ex);
            }

            _cache.Add(index, batch);
            return batch;
        }
    }

    private static (BlockMeta Meta, long Size) ReadMeta(string directory)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path.Combine(directory, BlockLayout.MetaFile));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Corrupt(directory, BlockLayout.MetaFile, "missing file", ex);
        }

        BlockMeta? meta;
        try
        {
            meta = JsonSerializer.Deserialize(bytes, BlockMetaJsonContext.Default.BlockMeta);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Corrupt(directory, BlockLayout.MetaFile, $"bad meta: {ex.Message}", ex);
        }

        var problem = meta is null ? "it is null" : Problem(meta, Path.GetFileName(directory));
        if (problem is not null)
        {
            throw Corrupt(directory, BlockLayout.MetaFile, $"bad meta: {problem}");
        }

        return (meta!, bytes.LongLength);
    }

    /// <summary>What makes a parsed meta.json unusable, or null when it is usable.</summary>
    private static string? Problem(BlockMeta meta, string directoryName)
    {
        if (meta.Version != BlockMeta.CurrentVersion)
        {
            return $"format version {meta.Version}, this code reads version {BlockMeta.CurrentVersion}";
        }

        if (meta.Id != directoryName)
        {
            return $"id {meta.Id} is not the directory name {directoryName}";
        }

        if (meta.MinTime >= meta.MaxTime || meta.Level < 1)
        {
            return $"range [{meta.MinTime}, {meta.MaxTime}) or level {meta.Level} is invalid";
        }

        if (meta.Stats.NumSeries is < 0 or > int.MaxValue || meta.Stats.NumChunks < 0 || meta.Stats.NumSamples < 0)
        {
            return "the stats are invalid";
        }

        if (meta.Sources.Any(string.IsNullOrEmpty))
        {
            return "a source id is empty";
        }

        foreach (var name in BlockLayout.DataFiles)
        {
            var entries = meta.Files.Where(f => f?.Name == name).ToList();
            if (entries.Count != 1)
            {
                return $"{entries.Count} entries for {name} where one is expected";
            }

            if (entries[0].Size < 0 || !ulong.TryParse(entries[0].XxHash64, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
            {
                return $"the size or checksum recorded for {name} is invalid";
            }
        }

        return null;
    }

    /// <summary>Reads a whole data file after checking its size, and checks its checksum on the bytes read, so that
    /// what is parsed is what was verified.</summary>
    private static byte[] ReadVerified(string directory, BlockMeta meta, string name)
    {
        using var stream = OpenChecked(directory, meta, name, out var expected);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        CheckHash(directory, name, expected, XxHash64.HashToUInt64(bytes));
        return bytes;
    }

    /// <summary>Opens a data file after checking its size and checksum against meta.json, streaming it through the
    /// hash; the stream returned is positioned at the start and keeps the very file that was verified.</summary>
    private static FileStream OpenVerified(string directory, BlockMeta meta, string name)
    {
        var stream = OpenChecked(directory, meta, name, out var expected);
        try
        {
            var hash = new XxHash64();
            var buffer = ArrayPool<byte>.Shared.Rent(HashBufferSize);
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, HashBufferSize)) > 0)
                {
                    hash.Append(buffer.AsSpan(0, read));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            CheckHash(directory, name, expected, hash.GetCurrentHashAsUInt64());
            stream.Position = 0;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a data file and checks its size against meta.json.</summary>
    private static FileStream OpenChecked(string directory, BlockMeta meta, string name, out BlockFile expected)
    {
        expected = meta.Files.Single(f => f.Name == name);
        FileStream stream;
        try
        {
            stream = new FileStream(Path.Combine(directory, name), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Corrupt(directory, name, "missing file", ex);
        }

        if (stream.Length != expected.Size)
        {
            var length = stream.Length;
            stream.Dispose();
            throw Corrupt(directory, name, $"size mismatch: meta.json records {expected.Size} bytes, the file has {length}");
        }

        return stream;
    }

    private static void CheckHash(string directory, string name, BlockFile expected, ulong actual)
    {
        if (actual != ulong.Parse(expected.XxHash64, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))
        {
            throw Corrupt(directory, name, $"checksum mismatch: meta.json records XxHash64 {expected.XxHash64}, the file hashes to {actual:x16}");
        }
    }

    private static T Parse<T>(string directory, string name, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is not BlockCorruptException and not OutOfMemoryException)
        {
            // Checksums passed, so this is a file whose bytes are intact but not what our writer produces (or a bug
            // in the writer): still bad data, reported as such whatever the Arrow reader threw.
            throw Corrupt(directory, name, $"unreadable Arrow: {ex.Message}", ex);
        }
    }

    private static BlockCorruptException Corrupt(string directory, string name, string cause, Exception? inner = null) =>
        new(directory, name, cause, inner);
}
