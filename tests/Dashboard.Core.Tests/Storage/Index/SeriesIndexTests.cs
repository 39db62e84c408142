using CsCheck;
using Dashboard.Abstractions;
using Dashboard.Core.Storage.Index;

namespace Dashboard.Core.Tests.Storage.Index;

public sealed class SeriesIndexTests
{
    private static readonly string[] Names = ["__name__", "env", "job", "mode"];
    private static readonly string[] Values = ["", "a", "b", "ab", "prod"];
    private static readonly string[] Patterns = ["", "a", "b", "a.*", ".*b", "prod|a", ".+", "x"];

    // Small label sets over few names and values, so matchers hit, miss and meet missing labels often.
    private static readonly Gen<Label[]> GenLabels =
        Gen.Int[0, (1 << Names.Length) - 1].SelectMany(mask => Gen.Int[1, Values.Length - 1].Array[Names.Length].Select(values =>
            Names.Select((name, i) => (name, i)).Where(x => (mask & (1 << x.i)) != 0)
                .Select(x => new Label(x.name, Values[values[x.i]])).ToArray()));

    private static readonly Gen<LabelMatcher> GenMatcher =
        Gen.Select(Gen.Enum<LabelMatchType>(), Pick(Names), Pick(Patterns))
            .Where(m => m.Item1 is LabelMatchType.Regex or LabelMatchType.NotRegex || !m.Item3.Contains('*', StringComparison.Ordinal))
            .Select(m => new LabelMatcher(m.Item1, m.Item2, m.Item3));

    [Fact]
    public void Selection_through_postings_equals_a_scan_of_every_series_for_any_matchers()
    {
        Gen.Select(GenLabels.Array[0, 60], GenMatcher.Array[1, 3]).Sample((sets, matchers) =>
        {
            using var index = new SeriesIndex();
            var ids = new Dictionary<Label[], int>(LabelSetComparer.Instance);
            foreach (var labels in sets.Distinct(LabelSetComparer.Instance))
            {
                ids[labels] = ids.Count + 1;
                index.Add(ids[labels], labels);
            }

            var expected = ids.Where(kv => matchers.All(m => m.Matches(Value(kv.Key, m.Name)))).Select(kv => kv.Value).Order();

            Assert.Equal(expected, index.Select(matchers));
        }, iter: 500);
    }

    [Fact]
    public void Label_sets_are_found_by_content_and_forgotten_when_removed()
    {
        using var index = new SeriesIndex();
        Label[] cpu = [new("__name__", "cpu"), new("mode", "idle")];
        Label[] mem = [new("__name__", "mem")];
        index.Add(1, cpu);
        index.Add(2, mem);

        Assert.True(index.TryGet([new("__name__", "cpu"), new("mode", "idle")], out var id));
        Assert.Equal(1, id);

        index.Remove([(1, cpu)]);

        Assert.False(index.TryGet(cpu, out _));
        Assert.Equal([2], index.Select([LabelMatcher.Equal("__name__", "mem")]));
        Assert.Empty(index.Select([LabelMatcher.Equal("mode", "idle")]));
        Assert.Equal(["__name__"], index.LabelNames());
        Assert.Equal(["mem"], index.LabelValues("__name__"));
    }

    [Fact]
    public void Stored_labels_share_one_string_per_distinct_value()
    {
        using var index = new SeriesIndex();

        var first = index.Add(1, [new("i", "1"), new("job", new string('n', 3))]);
        var second = index.Add(2, [new("i", "2"), new("job", new string('n', 3))]);

        Assert.Same(first[1].Value, second[1].Value);
        Assert.Same(first[0].Name, second[0].Name);
    }

    [Fact]
    public void An_invalid_regex_is_refused_with_the_label_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new LabelMatcher(LabelMatchType.Regex, "job", "(unclosed"));

        Assert.Contains("job", error.Message, StringComparison.Ordinal);
    }

    private static Gen<string> Pick(string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    private static string Value(Label[] labels, string name) => Array.Find(labels, l => l.Name == name).Value ?? string.Empty;
}
