using System.Globalization;
using Dashboard.Core.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>The diagnostics page and the audit page in Chromium, as an admin sees them.</summary>
public sealed class DiagnosticsUiTests
{
    private const string PluginsJson = """{ "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 500 } } ] }""";

    [Fact]
    public async Task The_diagnostics_page_shows_this_process_live_and_a_full_collection_is_audited()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await using var ui = await UiBrowser.OpenAsync(host.Address, theme: "light");
        await ui.GotoAsync("diagnostics");

        // The host runs inside the test process.
        await Assertions.Expect(ui.Page.GetByTestId("pid")).ToHaveTextAsync(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var completed = await ui.Page.GetByTestId("pool-completed").InnerTextAsync();
        await Assertions.Expect(ui.Page.GetByTestId("pool-completed")).Not.ToHaveTextAsync(completed);

        await ui.Page.GetByTestId("collect-garbage").ClickAsync();
        await Assertions.Expect(ui.Page.GetByTestId("collect-result")).ToContainTextAsync("Heap");
        await ui.ScreenshotAsync("diagnostics");
        await ui.Page.GetByRole(AriaRole.Tab, new() { Name = "CPU profile" }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByTestId("planned")).ToContainTextAsync("flame graph");
        var audit = await host.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(10, CancellationToken.None);
        Assert.Contains(audit, r => r.Entry.Action == AuditActions.DiagnosticsGc);

        await ui.GotoAsync("audit");
        await Assertions.Expect(ui.Page.Locator("table tbody tr").First).ToContainTextAsync(AuditActions.DiagnosticsGc);
        await ui.Page.GetByLabel("Contains").FillAsync("no such text anywhere");
        await Assertions.Expect(ui.Page.GetByTestId("audit-count")).ToHaveTextAsync("0 of 0 entries");
        ui.AssertNoConsoleErrors();
    }
}
