using Dashboard.Abstractions;
using Dashboard.Core.Collection;

namespace Dashboard.Core.Tests.Collection;

public sealed class SeriesTableTests
{
    private static readonly Dictionary<string, string> InstanceLabels = new() { ["env"] = "prod", ["team"] = "infra" };

    [Fact]
    public void The_same_write_resolves_to_the_same_series_whatever_the_label_order()
    {
        var table = new SeriesTable(InstanceLabels, 100);

        var first = table.Resolve("cpu_seconds_total", MetricKind.Counter, [new("cpu", "0"), new("mode", "idle")]);
        var again = table.Resolve("cpu_seconds_total", MetricKind.Counter, [new("cpu", "0"), new("mode", "idle")]);
        var reordered = table.Resolve("cpu_seconds_total", MetricKind.Counter, [new("mode", "idle"), new("cpu", "0")]);
        var other = table.Resolve("cpu_seconds_total", MetricKind.Counter, [new("cpu", "1"), new("mode", "idle")]);

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.Same(first, reordered);
        Assert.NotSame(first, other);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Instance_labels_are_merged_and_sorted_and_win_a_clash()
    {
        var table = new SeriesTable(InstanceLabels, 100);

        var series = table.Resolve("up", MetricKind.Gauge, [new("team", "db"), new("host", "a")])!;

        Assert.Equal(
            [new Label("env", "prod"), new Label("exported_team", "db"), new Label("host", "a"), new Label("team", "infra")],
            series.Labels);
        Assert.Equal("up{env=\"prod\",exported_team=\"db\",host=\"a\",team=\"infra\"}", series.ToString());
    }

    [Fact]
    public void New_series_past_the_limit_are_refused_and_counted_while_known_ones_still_resolve()
    {
        var table = new SeriesTable(new Dictionary<string, string>(), limit: 2);
        var known = table.Resolve("a", MetricKind.Gauge, []);
        table.Resolve("b", MetricKind.Gauge, []);

        var refused = table.Resolve("c", MetricKind.Gauge, []);
        var stillKnown = table.Resolve("a", MetricKind.Gauge, []);

        Assert.Null(refused);
        Assert.Same(known, stillKnown);
        Assert.Equal(1, table.RefusedOverLimit);
        Assert.Contains("series limit of 2", table.LastRefusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9lives", "cpu", "metric name '9lives' is invalid")]
    [InlineData("has space", "cpu", "metric name 'has space' is invalid")]
    [InlineData("ok_metric", "bad-label", "label name 'bad-label'")]
    [InlineData("ok_metric", "__reserved", "label name '__reserved'")]
    public void Invalid_names_are_refused_with_the_reason(string metric, string label, string reason)
    {
        var table = new SeriesTable(new Dictionary<string, string>(), 10);

        var series = table.Resolve(metric, MetricKind.Gauge, [new(label, "x")]);

        Assert.Null(series);
        Assert.Equal(1, table.RefusedInvalid);
        Assert.Contains(reason, table.LastRefusal, StringComparison.Ordinal);
    }
}
