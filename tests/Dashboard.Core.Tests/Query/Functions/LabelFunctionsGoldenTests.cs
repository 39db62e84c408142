using System.Globalization;
using Dashboard.Core.Query.Functions;

namespace Dashboard.Core.Tests.Query.Functions;

/// <summary>
/// <c>label_replace</c> and <c>label_join</c> against Prometheus 2.42: series whose <c>src</c> labels exercise the
/// regex and Go's template expansion, each call asked of Prometheus and computed by our kernel.
/// </summary>
public sealed class LabelFunctionsGoldenTests(LabelFunctionsGoldenTests.Data data) : IClassFixture<LabelFunctionsGoldenTests.Data>
{
    private static readonly string[] Sources = ["abc-123", "aaa", "x_y", "A-1", "héllo", "a.b", "$1", "aab"];

    public static TheoryData<string, string> Replacements() => new()
    {
        { "$1", "(.*)" },
        { "$1-$2", "(\\\\w+)-(\\\\d+)" },
        { "${1}x", "(a+)" },
        { "$1x", "(a+)" },
        { "$$ and $", "(.*)" },
        { "${name}!", "(?P<name>[a-z]+)(.*)" },
        { "$2/$n", "(?P<n>a)(.*)" },
        { "fixed", "a.*" },
        { "$1", "b" },
        { "$1", "" },
        { "${1", "(.*)" },
        { "$3", "(a)(b)?(.*)" },
    };

    [Theory]
    [MemberData(nameof(Replacements))]
    public async Task Label_replace_agrees_with_Prometheus(string replacement, string regex)
    {
        var query = $"label_replace(golden_l, \"dst\", \"{replacement}\", \"src\", \"{regex}\")";
        var compiled = LabelFunctions.Compile(regex.Replace("\\\\", "\\", StringComparison.Ordinal));

        var theirs = await data.Prometheus.QueryLabelsAsync(query, data.TimeMs + 1000);

        Assert.Equal(Sources.Length, theirs.Count);
        foreach (var series in theirs)
        {
            var source = series["src"];
            var ours = LabelFunctions.Replace(compiled, replacement, source);
            var expected = series.GetValueOrDefault("dst");
            Assert.True(expected == (string.IsNullOrEmpty(ours) ? null : ours),
                $"{query} on src=\"{source}\": Prometheus dst={expected ?? "(none)"}, ours {ours ?? "(no match)"}");
        }
    }

    [Fact]
    public async Task Label_join_agrees_with_Prometheus()
    {
        var theirs = await data.Prometheus.QueryLabelsAsync("label_join(golden_l, \"dst\", \"::\", \"src\", \"missing\", \"s\")", data.TimeMs + 1000);

        Assert.Equal(Sources.Length, theirs.Count);
        Assert.All(theirs, series =>
            Assert.Equal(series["dst"], LabelFunctions.Join("::", [series["src"], string.Empty, series["s"]])));
    }

    /// <summary>One Prometheus holding one sample per source value.</summary>
    public sealed class Data : IAsyncLifetime
    {
        public long TimeMs { get; } = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000) - 60_000;

        public GoldenPrometheus Prometheus { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Prometheus = await GoldenPrometheus.StartAsync(Sources.Select((source, i) =>
                ((IReadOnlyList<(string, string)>)[("__name__", "golden_l"), ("s", i.ToString(CultureInfo.InvariantCulture)), ("src", source)],
                    new[] { TimeMs }, new[] { 1.0 })));

        public async Task DisposeAsync() => await Prometheus.DisposeAsync();
    }
}
