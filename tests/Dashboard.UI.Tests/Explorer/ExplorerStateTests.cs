using Dashboard.UI.Components.Explorer;
using Dashboard.UI.Components.TimeRange;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.UI.Tests.Explorer;

public sealed class ExplorerStateTests
{
    [Fact]
    public void The_url_carries_every_query_the_range_the_zone_and_live_and_reads_back_the_same()
    {
        var state = new ExplorerState(["sum by (mode) (rate(system_cpu_seconds_total{mode!=\"idle\"}[1m]))", "up == 1 & x"],
            ChartRange.Last(RelativeRange.Find("15m")!, ChartTimeZone.Utc), live: true);

        var uri = state.ToRelativeUri();

        Assert.Equal("explorer?q=sum%20by%20%28mode%29%20%28rate%28system_cpu_seconds_total%7Bmode%21%3D%22idle%22%7D%5B1m%5D%29%29&q=up%20%3D%3D%201%20%26%20x&range=15m&tz=utc&live=1", uri);
        Assert.Equal(state, Read(uri));
    }

    [Fact]
    public void An_absolute_range_round_trips_and_empty_queries_are_left_out()
    {
        var from = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var state = new ExplorerState(["a", " ", ""], ChartRange.Between(from, from.AddMinutes(90.5)), live: false);

        var uri = state.ToRelativeUri();

        Assert.Equal("explorer?q=a&from=2026-11-25T10%3A00%3A00Z&to=2026-11-25T11%3A30%3A30Z", uri);
        Assert.Equal(state, Read(uri));
        Assert.Equal(["a"], Read(uri).Queries);
    }

    [Fact]
    public void A_wrong_range_in_a_link_is_reported_and_the_queries_are_kept()
    {
        var state = ExplorerState.Parse(["up"], "1y", null, null, null, null, out var error);

        Assert.Equal(["up"], state.Queries);
        Assert.Equal(ChartRange.Default, state.Range);
        Assert.StartsWith("range: unknown range \"1y\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_writes_a_selector_with_each_operator_and_escapes_values()
    {
        var filters = new[]
        {
            new LabelFilter { Name = "job", Operator = "=", Value = "node" },
            new LabelFilter { Name = "mode", Operator = "!~", Value = "idle|iowait" },
            new LabelFilter { Name = "path", Operator = "!=", Value = "C:\\\"x\"" },
            new LabelFilter { Name = " ", Operator = "=~", Value = "ignored" },
        };

        var selector = SelectorText.Write("system_cpu_seconds_total", filters);

        Assert.Equal("system_cpu_seconds_total{job=\"node\", mode!~\"idle|iowait\", path!=\"C:\\\\\\\"x\\\"\"}", selector);
        Assert.Null(QueryField.Check(selector));
        Assert.Equal("up", SelectorText.Write("up", []));
    }

    [Fact]
    public void A_query_that_does_not_parse_gets_the_parsers_message_with_its_position()
    {
        Assert.Null(QueryField.Check("rate(up[5m])"));
        Assert.Null(QueryField.Check("  "));

        var error = QueryField.Check("sum(rate(up[5m])");

        Assert.NotNull(error);
        Assert.Matches(@"^1:\d+: parse error: ", error);
    }

    private static ExplorerState Read(string relativeUri)
    {
        var query = QueryHelpers.ParseQuery(relativeUri[relativeUri.IndexOf('?', StringComparison.Ordinal)..]);
        string? One(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var state = ExplorerState.Parse(query.TryGetValue("q", out var q) ? [.. q!] : null, One("range"), One("from"), One("to"), One("tz"), One("live"), out var error);
        Assert.Null(error);
        return state;
    }
}
