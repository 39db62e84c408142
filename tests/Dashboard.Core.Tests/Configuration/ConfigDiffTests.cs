using Dashboard.Core.Configuration;

namespace Dashboard.Core.Tests.Configuration;

public sealed class ConfigDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_and_added_with_two_lines_of_context()
    {
        var before = "a\nb\nc\nd\ne\nf\ng";
        var after = "a\nb\nc\nD\ne\nf\ng";

        Assert.Equal("--- before\n+++ after\n@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f", ConfigDiff.Describe(before, after));
    }

    [Fact]
    public void Far_apart_changes_make_separate_hunks_and_near_ones_one()
    {
        var before = string.Join('\n', Enumerable.Range(0, 20).Select(i => $"line {i}"));
        var after = before.Replace("line 1\n", "line one\n", StringComparison.Ordinal).Replace("line 18", "line eighteen", StringComparison.Ordinal);

        var diff = ConfigDiff.Describe(before, after);

        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("-line 1\n+line one", diff, StringComparison.Ordinal);
        Assert.Contains("-line 18\n+line eighteen", diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_created_or_removed_text_is_all_added_or_all_removed()
    {
        Assert.Equal("--- (none)\n+++ after\n@@ -1,0 +1,2 @@\n+{\n+}", ConfigDiff.Describe(null, "{\n}"));
        Assert.Equal("--- before\n+++ (none)\n@@ -1,2 +1,0 @@\n-{\n-}", ConfigDiff.Describe("{\n}", null));
    }

    [Fact]
    public void No_change_says_so_and_a_long_diff_is_cut_with_a_count()
    {
        Assert.Equal("(no change)", ConfigDiff.Describe("same\n", "same"));

        var diff = ConfigDiff.Describe(null, string.Join('\n', Enumerable.Range(0, 500).Select(i => $"{i}")));

        Assert.Equal(ConfigDiff.MaxLines + 1, diff.Split('\n').Length);
        Assert.EndsWith("… 423 more lines", diff, StringComparison.Ordinal);
    }
}
