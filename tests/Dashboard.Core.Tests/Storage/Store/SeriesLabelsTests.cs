using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Store;

/// <summary><c>TsdbStore.SeriesLabels</c>: the label sets matchers select, from blocks and head, by overlap of their spans.</summary>
public sealed class SeriesLabelsTests
{
    private const long Start = 1_700_000_000_000;
    private const long Hour = 3_600_000;
    private static readonly LabelMatcher[] All = [new(LabelMatchType.Regex, "__name__", ".+")];

    [Fact]
    public async Task Label_sets_come_from_blocks_and_head_each_once()
    {
        using var fixture = new StoreFixture();
        var both = StoreFixture.Series("both", ("job", "a"));
        var old = StoreFixture.Series("old", ("job", "b"));
        var late = StoreFixture.Series("late", ("job", "c"));
        for (var t = Start; t < Start + (5 * Hour); t += 10_000)
        {
            fixture.Store.Append(both, t, 1);
            if (t < Start + (Hour * 5 / 3))
            {
                fixture.Store.Append(old, t, 1);
            }

            if (t >= Start + (4 * Hour))
            {
                fixture.Store.Append(late, t, 1);
            }
        }

        // The head spans 5 h, more than 1.5 blocks: the first 2 h become a block.
        await fixture.Store.RunMaintenanceAsync();

        Assert.True(fixture.Store.BlockCount >= 1);
        Assert.Equal(["both", "late", "old"], Names(fixture.Store.SeriesLabels(All, long.MinValue, long.MaxValue)));
        Assert.Equal(["both", "old"], Names(fixture.Store.SeriesLabels(All, Start, Start + Hour)));
        Assert.Equal(["old"], Names(fixture.Store.SeriesLabels([LabelMatcher.Equal("job", "b")], Start, Start + Hour)));
        Assert.Empty(fixture.Store.SeriesLabels(All, Start - (3 * Hour), Start - (2 * Hour)));
        Assert.Empty(fixture.Store.SeriesLabels(All, Start + (6 * Hour), Start + (7 * Hour)));
    }

    private static string[] Names(IReadOnlyList<Dashboard.Abstractions.Label[]> sets) =>
        [.. sets.Select(s => Array.Find(s, l => l.Name == "__name__").Value)];
}
