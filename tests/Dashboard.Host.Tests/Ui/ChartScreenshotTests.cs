using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// The README's pictures of the explorer (light and dark) and the System board, taken on a host collecting real data
/// with the shipped System and DotNetRuntime plugins; each waits until every chart has painted points.
/// </summary>
public sealed class ChartScreenshotTests
{
    [Fact]
    public async Task The_explorer_and_the_system_board_paint_every_chart_with_real_data()
    {
        await using var host = DashboardHost.Start("""{ "instances": [] }""");
        foreach (var plugin in new[] { "System", "DotNetRuntime" })
        {
            TestPaths.CopyPlugin(TestPaths.ShippedPlugin("Dashboard.Plugins." + plugin), host.PluginsPath, plugin);
        }

        await host.WriteConfigAsync("""
            { "instances": [
              { "id": "system", "plugin": "System", "config": { "interval_ms": 500 } },
              { "id": "runtime", "plugin": "DotNetRuntime", "config": { "interval_ms": 500 } } ] }
            """);
        // Enough samples that rate() over 1m draws lines rather than dots.
        await Task.Delay(TimeSpan.FromSeconds(20));
        const string explorer = "explorer?q=sum%20by%20(mode)%20(rate(system_cpu_seconds_total%7Bmode!%3D%22idle%22%7D%5B1m%5D))&q=system_load1&range=5m";

        await using (var ui = await UiBrowser.OpenAsync(host.Address, theme: "light"))
        {
            await ui.GotoAsync(explorer);
            await PaintedAsync(ui.Page, 1);
            await ui.ScreenshotAsync("explorer");

            await ui.GotoAsync("dashboards/system?range=5m");
            await Assertions.Expect(ui.Page.GetByTestId("panel")).ToHaveCountAsync(6);
            await PaintedAsync(ui.Page, 6);
            await ui.ScreenshotAsync("dashboard");
            ui.AssertNoConsoleErrors();
        }

        await using (var dark = await UiBrowser.OpenAsync(host.Address, theme: "dark"))
        {
            await dark.GotoAsync(explorer);
            await PaintedAsync(dark.Page, 1);
            await dark.ScreenshotAsync("explorer-dark");
            dark.AssertNoConsoleErrors();
        }
    }

    private static async Task PaintedAsync(IPage page, int charts) => await page.WaitForFunctionAsync(
        $"() => [...document.querySelectorAll('[data-testid=chart]')].filter(c => +c.dataset.pointsDrawn > 1).length === {charts}");
}
