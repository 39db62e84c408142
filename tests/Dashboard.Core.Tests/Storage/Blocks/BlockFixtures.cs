using Dashboard.Abstractions;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Chunks;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Blocks;

/// <summary>Series, chunks and reference answers for the block tests. Chunk bytes are opaque to blocks, so they are
/// arbitrary here, derived from a seed so that every run and every comparison sees the same bytes.</summary>
internal static class BlockFixtures
{
    public static Label[] Labels(string metric, params (string Name, string Value)[] labels) =>
        [.. labels.Select(l => new Label(l.Name, l.Value)).Append(new Label("__name__", metric)).OrderBy(l => l.Name, StringComparer.Ordinal)];

    /// <summary>A chunk of <paramref name="length"/> pseudo-random bytes covering [start, end].</summary>
    public static StoredChunk Chunk(long start, long end, int seed, int length = 40, ChunkEncoding encoding = ChunkEncoding.Xor)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return new StoredChunk(encoding, start, end, (int)Math.Max(1, (end - start) / 10), bytes);
    }

    /// <summary>Chunks of 100 ms each from <paramref name="start"/>, distinct bytes per series and chunk.</summary>
    public static StoredChunk[] FakeChunks(int seriesSeed, long start, int count, int length = 40) =>
        [.. Enumerable.Range(0, count).Select(i => Chunk(start + (i * 100), start + (i * 100) + 99, (seriesSeed * 7919) + i, length + ((seriesSeed + i) % 17)))];

    /// <summary>What Prometheus would select: a missing label has the value "".</summary>
    public static bool MatchesAll(Label[] labels, IEnumerable<LabelMatcher> matchers) =>
        matchers.All(m => m.Matches(labels.FirstOrDefault(l => l.Name == m.Name).Value ?? string.Empty));

    public static int[] BruteForceSelect(Block block, IReadOnlyList<LabelMatcher> matchers) =>
        [.. Enumerable.Range(0, block.SeriesCount).Where(id => MatchesAll(block.GetLabels(id), matchers))];

    public static void AssertSameChunks(IEnumerable<StoredChunk> expected, IEnumerable<StoredChunk> actual)
    {
        var want = expected.ToList();
        var got = actual.ToList();
        Assert.Equal(want.Count, got.Count);
        for (var i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].Encoding, got[i].Encoding);
            Assert.Equal(want[i].MinTime, got[i].MinTime);
            Assert.Equal(want[i].MaxTime, got[i].MaxTime);
            Assert.Equal(want[i].Count, got[i].Count);
            Assert.True(want[i].Data.Span.SequenceEqual(got[i].Data.Span), $"chunk {i} differs in its bytes");
        }
    }

    public static string Key(Label[] labels) => string.Join(',', labels.Select(l => $"{l.Name}={l.Value}"));

    /// <summary>Series ids by label set, for finding a known series in a block.</summary>
    public static Dictionary<string, int> IdsByLabels(Block block) =>
        Enumerable.Range(0, block.SeriesCount).ToDictionary(id => Key(block.GetLabels(id)), id => id);
}
