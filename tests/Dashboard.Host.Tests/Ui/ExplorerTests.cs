using System.Globalization;
using System.Text.Json;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// The metrics explorer in Chromium against a real host collecting with the Counting plugin: the chart draws what
/// <c>/api/v1/query_range</c> answers, the URL restores the chart, live mode adds points, errors show.
/// </summary>
public sealed class ExplorerTests
{
    private const string PluginsJson = """{ "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }""";

    [Fact]
    public async Task Picking_a_metric_draws_exactly_the_points_query_range_answers()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await host.InstanceWhenAsync("counter", i => i.GetProperty("lastCollectedAt").ValueKind == JsonValueKind.String, "a first collect");
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("explorer?range=5m");

        await ui.Page.Locator("#builder-metric").ClickAsync();
        await ui.Page.Locator("#builder-metric").PressSequentiallyAsync("collects");
        await ui.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "test_collects_total" }).ClickAsync();
        await Assertions.Expect(ui.Page.Locator("#builder-metric")).ToHaveValueAsync("test_collects_total");
        await Assertions.Expect(ui.Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await ui.Page.GetByTestId("builder-use").ClickAsync();
        await Assertions.Expect(ui.Page.Locator("#query-0")).ToHaveValueAsync("test_collects_total");
        var chart = ui.Page.Locator("[data-testid=chart][data-series='1']");
        await chart.WaitForAsync();

        Assert.Contains("q=test_collects_total", ui.Page.Url, StringComparison.Ordinal);
        var drawn = await chart.EvaluateAsync<JsonElement>("""
            el => ({ start: +el.dataset.start, end: +el.dataset.end, step: +el.dataset.step, maxPoints: +el.dataset.maxPoints,
                     points: +el.dataset.pointsDrawn, series: el.chartSeries })
            """);
        var series = drawn.GetProperty("series")[0];
        var xs = series.GetProperty("xs").EnumerateArray().Select(x => x.GetDouble()).ToList();
        var ys = series.GetProperty("ys").EnumerateArray().Select(y => y.GetDouble()).ToList();
        Assert.NotEmpty(xs);
        Assert.Equal(xs.Count, drawn.GetProperty("points").GetInt32());

        var expected = await host.GetAsync(string.Create(CultureInfo.InvariantCulture,
            $"/api/v1/query_range?query=test_collects_total&start={Seconds(drawn, "start")}&end={Seconds(drawn, "end")}&step={Seconds(drawn, "step")}&max_points={drawn.GetProperty("maxPoints").GetInt32()}"));
        var values = expected.GetProperty("data").GetProperty("result")[0].GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(values.Select(v => Math.Round(v[0].GetDouble() * 1000)), xs);
        Assert.Equal(values.Select(v => double.Parse(v[1].GetString()!, CultureInfo.InvariantCulture)), ys);
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_deep_link_restores_queries_range_and_zone_and_changes_replace_the_url()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await host.InstanceWhenAsync("counter", i => i.GetProperty("lastCollectedAt").ValueKind == JsonValueKind.String, "a first collect");
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var from = to.AddMinutes(-10);
        var link = $"explorer?q=test_collects_total&q={Uri.EscapeDataString("sum(test_build_info)")}&from={Iso(from)}&to={Iso(to)}&tz=utc";
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync(link);

        var chart = ui.Page.Locator("[data-testid=chart][data-series='2']");
        await chart.WaitForAsync();
        Assert.Equal("test_collects_total", await ui.Page.Locator("#query-0").InputValueAsync());
        Assert.Equal("sum(test_build_info)", await ui.Page.Locator("#query-1").InputValueAsync());
        Assert.Equal(from.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-start"));
        Assert.Equal(to.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-end"));
        Assert.True(await ui.Page.GetByTestId("range-utc").EvaluateAsync<bool>("el => (el.matches('input') ? el : el.querySelector('input')).checked"));
        var history = await ui.Page.EvaluateAsync<int>("() => history.length");

        await ui.Page.GetByTestId("range-15m").ClickAsync();
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Uri(host.Address,
            "explorer?q=test_collects_total&q=sum%28test_build_info%29&range=15m&tz=utc").ToString());
        Assert.Equal(history, await ui.Page.EvaluateAsync<int>("() => history.length"));

        await ui.Page.ReloadAsync();
        await ui.WaitInteractiveAsync();
        await ui.Page.Locator("[data-testid=chart][data-series='2']").WaitForAsync();
        Assert.Equal("true", await ui.Page.GetByTestId("range-15m").GetAttributeAsync("aria-pressed"));
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Dragging_across_the_chart_zooms_to_that_absolute_range()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await host.InstanceWhenAsync("counter", i => i.GetProperty("lastCollectedAt").ValueKind == JsonValueKind.String, "a first collect");
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("explorer?q=test_collects_total&range=15m");
        await ui.Page.Locator("[data-testid=chart][data-series='1']").WaitForAsync();

        var over = await ui.Page.Locator(".u-over").BoundingBoxAsync();
        await ui.Page.Mouse.MoveAsync(over!.X + over.Width * 0.5f, over.Y + over.Height / 2);
        await ui.Page.Mouse.DownAsync();
        await ui.Page.Mouse.MoveAsync(over.X + over.Width * 0.9f, over.Y + over.Height / 2, new() { Steps = 5 });
        await ui.Page.Mouse.UpAsync();

        await Assertions.Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=.*&to="));
        var chart = ui.Page.Locator("[data-testid=chart]");
        await Assertions.Expect(ui.Page.GetByTestId("range-absolute")).Not.ToHaveTextAsync("Absolute…");
        var span = await chart.EvaluateAsync<double>("el => el.dataset.end - el.dataset.start");
        Assert.InRange(span, 0.3 * 15 * 60_000, 0.5 * 15 * 60_000);
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Live_mode_draws_new_collects_as_they_are_stored()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await host.InstanceWhenAsync("counter", i => i.GetProperty("lastCollectedAt").ValueKind == JsonValueKind.String, "a first collect");
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("explorer?q=test_collects_total&range=5m&live=1");
        var chart = ui.Page.Locator("[data-testid=chart][data-series='1']");
        await chart.WaitForAsync();
        var first = await LastPointAsync(chart);

        await ui.Page.WaitForFunctionAsync($"() => +document.querySelector('[data-testid=chart]').dataset.lastX > {first.X}");

        var later = await LastPointAsync(chart);
        Assert.True(later.Y > first.Y, $"the counter went from {first.Y} to {later.Y}");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_parse_error_shows_under_the_field_and_a_query_the_server_refuses_shows_its_error()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("explorer?q=test_collects_total%5B5m%5D&range=5m");

        await Assertions.Expect(ui.Page.GetByTestId("chart-error")).ToContainTextAsync("range vector");

        await ui.Page.Locator("#query-0").FillAsync("sum(test_collects_total");
        await Assertions.Expect(ui.Page.Locator(".mud-input-helper-text.mud-input-error")).ToContainTextAsync("parse error");
        Assert.Contains("q=test_collects_total%5B5m%5D", ui.Page.Url, StringComparison.Ordinal);
    }

    private static async Task<(double X, double Y)> LastPointAsync(ILocator chart)
    {
        var point = await chart.EvaluateAsync<double[]>("el => { const s = el.chartSeries[0]; return [s.xs.at(-1), s.ys.at(-1)]; }");
        return (point[0], point[1]);
    }

    private static string Seconds(JsonElement drawn, string name) =>
        (drawn.GetProperty(name).GetDouble() / 1000).ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
