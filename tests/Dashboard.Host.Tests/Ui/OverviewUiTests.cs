using System.Globalization;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// The overview in Chromium against the real host with real plugins: it follows collects by push (the page is never
/// reloaded), shows why a plugin failed to load, and draws each instance's key metric.
/// </summary>
public sealed class OverviewUiTests
{
    private const string PluginsJson = """
        { "instances": [
          { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 500 } },
          { "id": "system", "plugin": "System", "labels": { "env": "dev" }, "config": { "interval_ms": 1000 } },
          { "id": "waiting", "plugin": "NotInstalled", "config": { "interval_ms": 1000 } } ] }
        """;

    [Fact]
    public async Task The_overview_follows_collects_without_a_reload_and_shows_why_a_plugin_failed()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting", "CtorThrows");
        TestPaths.CopyPlugin(TestPaths.ShippedPlugin("Dashboard.Plugins.System"), host.PluginsPath, "Dashboard.Plugins.System");
        await host.InstanceWhenAsync("counter", i => i.GetProperty("collects").GetInt64() >= 1, "a collect");
        await using var ui = await UiBrowser.OpenAsync(host.Address, theme: "light");
        await ui.GotoAsync("");

        var counter = ui.Page.Locator("tr[data-instance=counter]");
        await Assertions.Expect(counter).ToHaveAttributeAsync("data-state", "running");
        var first = await CollectsAsync(counter);
        await Assertions.Expect(counter.GetByTestId("collects")).Not.ToHaveTextAsync(first.ToString(CultureInfo.InvariantCulture));
        Assert.True(await CollectsAsync(counter) > first);
        await Assertions.Expect(counter.GetByTestId("ago")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(just now|\\d+ s ago)$"));

        var failure = ui.Page.Locator("[data-testid=plugin-failures] [data-plugin=CtorThrows]");
        await Assertions.Expect(failure).ToContainTextAsync("missing license file");
        await Assertions.Expect(ui.Page.Locator("tr[data-instance=waiting]")).ToHaveAttributeAsync("data-state", "waiting");
        await Assertions.Expect(ui.Page.Locator("tr[data-instance=system]")).ToHaveAttributeAsync("data-state", "running", new() { Timeout = 20_000 });
        await Assertions.Expect(ui.Page.GetByTestId("health-ingest")).ToContainTextAsync("samples/s");

        // Two steps of the sparkline's grid apart, its line has two points; the link opens its query in the explorer.
        var metric = ui.Page.Locator("tr[data-instance=system] [data-testid=key-metric]");
        await Assertions.Expect(metric.Locator("svg")).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^[2-9]|\\d\\d"),
            new() { Timeout = 45_000 });
        Assert.StartsWith("explorer?query=", await metric.GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.NotEmpty(await metric.Locator("path").GetAttributeAsync("d") ?? "");

        await ui.ScreenshotAsync("overview");
        await ui.Page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(ui.Page.Locator("body")).Not.ToHaveCSSAsync("background-color", "rgb(246, 247, 249)");
        await ui.ScreenshotAsync("overview-dark");
        ui.AssertNoConsoleErrors();
    }

    private static async Task<long> CollectsAsync(ILocator row) =>
        long.Parse(await row.GetByTestId("collects").InnerTextAsync(), CultureInfo.InvariantCulture);
}
