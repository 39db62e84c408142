using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.UI.Live;

namespace Dashboard.UI.Tests.Overview;

public sealed class KeyMetricTests
{
    private readonly SeriesTable _table = new(new Dictionary<string, string> { ["env"] = "dev" }, limit: 100);

    [Fact]
    public void The_key_metric_is_the_series_written_first_whatever_the_order_of_the_last_collect()
    {
        var first = _table.Resolve("cpu_usage_ratio", MetricKind.Gauge, [new Label("mode", "user")])!;
        var second = _table.Resolve("memory_bytes", MetricKind.Gauge, [])!;

        var metric = KeyMetric.Of([new Sample(second, 1, 5), new Sample(first, 1, 0.25)], TimeSpan.FromSeconds(1));

        Assert.Equal("cpu_usage_ratio{env=\"dev\",mode=\"user\"}", metric?.Query);
    }

    [Theory]
    [InlineData(1_000, "rate(collects_total{env=\"dev\"}[60s])")]
    [InlineData(30_000, "rate(collects_total{env=\"dev\"}[120s])")]
    public void A_counter_is_drawn_as_its_rate_over_at_least_four_collects(int intervalMs, string expected)
    {
        var counter = _table.Resolve("collects_total", MetricKind.Counter, [])!;

        var metric = KeyMetric.Of([new Sample(counter, 1, 42)], TimeSpan.FromMilliseconds(intervalMs));

        Assert.Equal(expected, metric?.Query);
    }

    [Fact]
    public void Before_its_first_collect_an_instance_has_no_key_metric() =>
        Assert.Null(KeyMetric.Of([], TimeSpan.FromSeconds(1)));
}
