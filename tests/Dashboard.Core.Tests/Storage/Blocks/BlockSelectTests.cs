using CsCheck;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Blocks;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;
using static Dashboard.Core.Tests.Storage.Blocks.BlockFixtures;

namespace Dashboard.Core.Tests.Storage.Blocks;

public sealed class BlockSelectTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Block _block;

    public BlockSelectTests()
    {
        var series = new[]
        {
            Labels("up", ("job", "api"), ("instance", "a:80")),
            Labels("up", ("job", "api"), ("instance", "b:80")),
            Labels("up", ("job", "db"), ("instance", "c:5432")),
            Labels("up", ("instance", "d:9100")),
            Labels("cpu", ("job", "api"), ("mode", "idle")),
            Labels("cpu", ("job", ""), ("mode", "user")),
        };
        var meta = BlockWriter.Write(_folder.Path, 0, 1000, series.Select((l, i) => new BlockSeries(l, FakeChunks(i, 0, 1))), 1, []);
        _block = Block.Open(Path.Combine(_folder.Path, meta.Id));
    }

    public void Dispose()
    {
        _block.Dispose();
        _folder.Dispose();
    }

    public static TheoryData<string> Selectors => new()
    {
        "job=api",
        "job!=api",
        "job=",
        "job!=",
        "job=~a.*",
        "job=~api|db",
        "job!~api|db",
        "job=~",
        "job=~.*",
        "job=~.+",
        "job!~.+",
        "job!~",
        "__name__=up,job!=api",
        "__name__=up,job=~api|nothing,instance!~a.*",
        "__name__=~up|cpu,job=",
        "missing=",
        "missing!=",
        "missing=~.*",
        "missing=~x|",
        "missing=x",
        "instance=~a:80|b:80|z:1",
        "__name__=cpu,mode!=idle",
        "__name__=nothing",
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Select_agrees_with_a_brute_force_filter(string selector)
    {
        var matchers = Parse(selector);

        var selected = _block.Select(matchers);

        Assert.Equal(BruteForceSelect(_block, matchers), selected);
    }

    [Fact]
    public void No_matchers_select_every_series()
    {
        Assert.Equal(Enumerable.Range(0, 6), _block.Select([]));
    }

    [Fact]
    public void Label_names_and_values_are_listed_sorted()
    {
        Assert.Equal(["__name__", "instance", "job", "mode"], _block.LabelNames());
        Assert.Equal(["", "api", "db"], _block.LabelValues("job"));
        Assert.Equal(["cpu", "up"], _block.LabelValues("__name__"));
        Assert.Empty(_block.LabelValues("missing"));
    }

    [Fact]
    public void Select_returns_an_array_the_caller_owns()
    {
        var first = _block.Select([LabelMatcher.Equal("job", "api")]);
        first[0] = 99;

        Assert.NotEqual(99, _block.Select([LabelMatcher.Equal("job", "api")])[0]);
        var labels = _block.GetLabels(0);
        labels[0] = new Label("x", "y");
        Assert.NotEqual("x", _block.GetLabels(0)[0].Name);
    }

    private static readonly string[] EqualityValues = ["", "x", "y", "xy", "m1"];
    private static readonly string[] Patterns = ["", "x", "x|y", "x.*", ".*", ".+", "y|", "z[0-9]", "m1|m2", "x|xy|q"];
    private static readonly string[] StoredValues = ["", "x", "y", "xy", "z1"];
    private static readonly string[] LabelNamePool = ["a", "b", "c"];
    private static readonly string[] MatcherNames = ["__name__", "a", "b", "c", "d"];

    [Fact]
    public void Select_agrees_with_a_brute_force_filter_on_random_blocks_and_matchers()
    {
        // A label is absent when its pick is past the last stored value.
        var genSeries = Gen.Select(Gen.OneOf("m1", "m2", "m3"), Gen.Int[0, StoredValues.Length].Array[LabelNamePool.Length], (metric, picks) =>
            Labels(metric, [.. picks.Select((p, i) => (Name: LabelNamePool[i], Pick: p)).Where(x => x.Pick < StoredValues.Length).Select(x => (x.Name, StoredValues[x.Pick]))]));
        var genMatcher = Gen.Select(Gen.Int[0, 3], Gen.Int[0, MatcherNames.Length - 1], Gen.Int[0, 100], (type, name, value) => (type, name, value));
        var genCase = Gen.Select(genSeries.Array[0, 40], genMatcher.Array[0, 3].Array[25]);

        genCase.Sample((series, matcherSets) =>
        {
            using var folder = new TempFolder();
            var meta = BlockWriter.Write(folder.Path, 0, 1000, series.Select((l, i) => new BlockSeries(l, FakeChunks(i, 0, 1))), 1, []);
            using var block = Block.Open(Path.Combine(folder.Path, meta.Id));
            var distinct = series.Select(Key).Distinct().Count();
            Assert.Equal(distinct, block.SeriesCount);
            foreach (var set in matcherSets)
            {
                var matchers = set.Select(m => Matcher(m.type, m.name, m.value)).ToList();
                Assert.Equal(BruteForceSelect(block, matchers), block.Select(matchers));
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void Select_on_a_block_of_twenty_thousand_series_agrees_with_a_brute_force_filter()
    {
        using var folder = new TempFolder();
        var labelSets = Enumerable.Range(0, 20_000).Select(i => Labels(
            $"metric_{i % 50}",
            ("instance", $"host-{i % 1000}:9100"),
            ("job", $"job-{i % 7}"),
            ("series", $"{i}"))).ToArray();
        var meta = BlockWriter.Write(folder.Path, 0, 7_200_000, labelSets.Select((l, i) => new BlockSeries(l, FakeChunks(i, 0, 2, length: 20))), 1, []);
        using var block = Block.Open(Path.Combine(folder.Path, meta.Id));
        var inOrder = labelSets.Order(LabelSetComparer.Instance).ToArray();

        foreach (var selector in new[] { "__name__=metric_7", "job=job-3,__name__=~metric_1.*", "instance=~host-1.*", "job!=job-0,instance=~host-99.*", "series=~1234|4321|x" })
        {
            var matchers = Parse(selector);
            var expected = Enumerable.Range(0, block.SeriesCount).Where(id => MatchesAll(block.GetLabels(id), matchers)).ToArray();
            Assert.Equal(expected, block.Select(matchers));
        }

        Assert.Equal(20_000, block.SeriesCount);
        Assert.Equal(50, block.LabelValues("__name__").Count);
        Assert.Equal(Key(inOrder[12_345]), Key(block.GetLabels(12_345)));
    }

    private static LabelMatcher Matcher(int type, int name, int value)
    {
        var matchType = (LabelMatchType)type;
        var values = matchType is LabelMatchType.Equal or LabelMatchType.NotEqual ? EqualityValues : Patterns;
        return new LabelMatcher(matchType, MatcherNames[name], values[value % values.Length]);
    }

    /// <summary>Parses <c>name=value,name!=value,name=~re,name!~re</c> (no commas inside values).</summary>
    private static List<LabelMatcher> Parse(string selector) =>
        [.. selector.Split(',').Select(part =>
        {
            foreach (var (op, type) in new[] { ("!~", LabelMatchType.NotRegex), ("=~", LabelMatchType.Regex), ("!=", LabelMatchType.NotEqual), ("=", LabelMatchType.Equal) })
            {
                var at = part.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    return new LabelMatcher(type, part[..at], part[(at + op.Length)..]);
                }
            }

            throw new ArgumentException(part);
        })];
}
