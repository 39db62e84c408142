using System.Globalization;
using BenchmarkDotNet.Attributes;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Bench;

/// <summary>
/// A block of 100,000 series shaped like a scrape of 1,000 hosts × 100 metrics (labels <c>__name__</c>,
/// <c>instance</c>, <c>job</c>; 10 jobs), each series with 4 chunks of 150 bytes (a 2 h block at a 15 s interval,
/// 120 samples per chunk). Chunk bytes are random, so ZSTD cannot shrink them: the file sizes are an upper bound.
/// Measures selection by an equality and by regexes, reading the chunks of a selection, and opening the block with
/// its checksum verification (which reads every byte of it).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class BlockBenchmarks
{
    private const int Hosts = 1000;
    private const int Metrics = 100;
    private const int ChunksPerSeries = 4;
    private const int ChunkBytes = 150;
    private const long BlockStart = 1_700_000_000_000;
    private const long BlockLength = 2 * 3600 * 1000;

    private readonly LabelMatcher[] _byName = [LabelMatcher.Equal("__name__", "metric_42")];
    private readonly LabelMatcher[] _byNameAndJob = [LabelMatcher.Equal("__name__", "metric_42"), LabelMatcher.Equal("job", "job-3")];
    private readonly LabelMatcher[] _byRegex = [new(LabelMatchType.Regex, "instance", "host-1.*")];
    private readonly LabelMatcher[] _byAlternation = [new(LabelMatchType.Regex, "instance", "host-1|host-20|host-300")];
    private string _folder = null!;
    private string _blockDirectory = null!;
    private Block _block = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "dashboard-bench", Guid.NewGuid().ToString("N"));
        var random = new Random(42);
        var series = new List<BlockSeries>(Hosts * Metrics);
        for (var host = 0; host < Hosts; host++)
        {
            var instance = string.Create(CultureInfo.InvariantCulture, $"host-{host}");
            var job = string.Create(CultureInfo.InvariantCulture, $"job-{host % 10}");
            for (var metric = 0; metric < Metrics; metric++)
            {
                var chunks = new StoredChunk[ChunksPerSeries];
                for (var c = 0; c < ChunksPerSeries; c++)
                {
                    var bytes = new byte[ChunkBytes];
                    random.NextBytes(bytes);
                    var start = BlockStart + (c * (BlockLength / ChunksPerSeries));
                    chunks[c] = new StoredChunk(ChunkEncoding.Xor, start, start + (BlockLength / ChunksPerSeries) - 15_000, 120, bytes);
                }

                Label[] labels = [new("__name__", string.Create(CultureInfo.InvariantCulture, $"metric_{metric}")), new("instance", instance), new("job", job)];
                series.Add(new BlockSeries(labels, chunks));
            }
        }

        var meta = BlockWriter.Write(_folder, BlockStart, BlockStart + BlockLength, series, 1, []);
        _blockDirectory = Path.Combine(_folder, meta.Id);
        _block = Block.Open(_blockDirectory);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _block.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary><c>{__name__="metric_42"}</c>: one postings list, 1,000 series.</summary>
    [Benchmark]
    public int SelectEqual() => _block.Select(_byName).Length;

    /// <summary><c>{__name__="metric_42", job="job-3"}</c>: an intersection, 100 series.</summary>
    [Benchmark]
    public int SelectEqualAndEqual() => _block.Select(_byNameAndJob).Length;

    /// <summary><c>{instance=~"host-1.*"}</c>: the regex runs over the 1,000 instance values, 11,100 series.</summary>
    [Benchmark]
    public int SelectRegex() => _block.Select(_byRegex).Length;

    /// <summary><c>{instance=~"host-1|host-20|host-300"}</c>: a literal alternation, looked up, 300 series.</summary>
    [Benchmark]
    public int SelectRegexAlternation() => _block.Select(_byAlternation).Length;

    /// <summary>Every chunk of <c>{__name__="metric_42", job="job-3"}</c> (400 chunks, from the batch cache once warm).</summary>
    [Benchmark]
    public int SelectAndReadChunks()
    {
        var chunks = 0;
        foreach (var id in _block.Select(_byNameAndJob))
        {
            chunks += _block.GetChunks(id, long.MinValue, long.MaxValue).Count();
        }

        return chunks;
    }

    /// <summary>Open with checksum verification of every file, load series and postings, close.</summary>
    [Benchmark]
    public int Open()
    {
        using var block = Block.Open(_blockDirectory);
        return block.SeriesCount;
    }
}
