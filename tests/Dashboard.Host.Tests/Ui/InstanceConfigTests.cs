using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// The instance config editor in Chromium against the real host running the shipped HttpProbe plugin (a schema with
/// an array of objects, an enum, bounds and defaults) probing a real loopback server.
/// </summary>
public sealed class InstanceConfigTests
{
    [Fact]
    public async Task An_edit_shows_field_errors_saves_when_fixed_reports_a_concurrent_edit_and_rolls_back()
    {
        using var target = new LoopbackListener(context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.Close();
            return Task.CompletedTask;
        });
        await using var host = DashboardHost.Start($$"""
            { "instances": [
              { "id": "probe", "plugin": "HttpProbe", "labels": { "team": "web" },
                "config": { "interval_ms": 500, "targets": [ { "url": "http://127.0.0.1:{{target.Port}}/", "expect_status": 200 } ] } },
              { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 500 } } ] }
            """, "Counting");
        TestPaths.CopyPlugin(TestPaths.ShippedPlugin("Dashboard.Plugins.HttpProbe"), host.PluginsPath, "Dashboard.Plugins.HttpProbe");
        await host.InstanceWhenAsync("probe", i => i.GetProperty("state").GetString() == "running" && i.GetProperty("collects").GetInt64() >= 1,
            "the probe runs");
        await using var ui = await UiBrowser.OpenAsync(host.Address, theme: "light");

        await ui.GotoAsync("instances");
        await Assertions.Expect(ui.Page.GetByTestId("instance-probe")).ToBeVisibleAsync();
        await Assertions.Expect(ui.Page.GetByTestId("instances")).ToContainTextAsync("running");
        await ui.ScreenshotAsync("instances");
        await ui.Page.GetByTestId("instance-probe").ClickAsync();
        await Assertions.Expect(ui.Page.GetByTestId("instance-status")).ToContainTextAsync("running");

        // An out-of-range value in a row of the array: the server's error lands on that field, and in the summary.
        var expectStatus = Field(ui.Page, "config.targets[0].expect_status");
        await expectStatus.Locator("input").FillAsync("700");
        await Assertions.Expect(expectStatus).ToContainTextAsync("must be <= 599");
        await Assertions.Expect(ui.Page.GetByTestId("error-summary")).ToContainTextAsync("config.targets[0].expect_status");
        await Assertions.Expect(ui.Page.GetByTestId("raw-json").Locator("textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"expect_status\": 700"));
        await ui.ScreenshotAsync("instance-config");

        // Fixed: the error clears; another change is saved and the instance restarts with it.
        await expectStatus.Locator("input").FillAsync("200");
        await Assertions.Expect(ui.Page.GetByTestId("error-summary")).ToHaveCountAsync(0);
        await Field(ui.Page, "config.interval_ms").Locator("input").FillAsync("700");
        await Assertions.Expect(ui.Page.GetByTestId("raw-json").Locator("textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"interval_ms\": 700"));
        await ui.Page.GetByTestId("save").ClickAsync();
        await host.InstanceWhenAsync("probe", i => i.GetProperty("config").GetProperty("interval_ms").GetInt32() == 700
            && i.GetProperty("state").GetString() == "running", "the saved config runs");
        await Assertions.Expect(ui.Page.GetByTestId("instance-status")).ToContainTextAsync("running");

        // Someone saves through the API after the page read the instance: the page's save is refused and says what changed.
        var edited = JsonNode.Parse((await host.InstanceAsync("probe")).GetProperty("config").GetRawText())!;
        edited["interval_ms"] = 900;
        using (var put = await host.Client.PutAsync("/api/instances/probe",
            new StringContent($$"""{ "plugin": "HttpProbe", "labels": { "team": "web" }, "config": {{edited.ToJsonString()}} }""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await Field(ui.Page, "config.targets[0].timeout_ms").Locator("input").FillAsync("2500");
        await ui.Page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(ui.Page.GetByTestId("conflict")).ToContainTextAsync("config.interval_ms 700 → 900");
        var kept = await host.InstanceAsync("probe");
        Assert.Equal(900, kept.GetProperty("config").GetProperty("interval_ms").GetInt32());
        Assert.NotEqual(2500, kept.GetProperty("config").GetProperty("targets")[0].GetProperty("timeout_ms").GetInt32());
        await ui.Page.GetByTestId("reload").ClickAsync();
        await Assertions.Expect(Field(ui.Page, "config.interval_ms").Locator("input")).ToHaveValueAsync("900");

        // Roll back the API's save: the newest kept version is the one it replaced (interval 700).
        await ui.Page.GetByTestId("history-rollback").First.ClickAsync();
        await ui.Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await host.InstanceWhenAsync("probe", i => i.GetProperty("config").GetProperty("interval_ms").GetInt32() == 700, "the rollback runs");
        await Assertions.Expect(Field(ui.Page, "config.interval_ms").Locator("input")).ToHaveValueAsync("700");
        await host.InstanceWhenAsync("probe", i => i.GetProperty("state").GetString() == "running", "the rolled back config runs");
        ui.AssertNoConsoleErrors();
    }

    private static ILocator Field(IPage page, string path) => page.Locator($"[data-testid='field-{path}']");
}
