using Dashboard.Core.Audit;
using Dashboard.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>The plugins page in Chromium: an admin uploads a zip, sees it load, removes it; a refused zip says why.</summary>
public sealed class PluginsUiTests
{
    // An upload streams through the circuit, unpacks and waits for the catalog: longer than Playwright's 5 s on a busy machine.
    private const float Upload = 30_000;

    [Fact]
    public async Task An_admin_uploads_a_plugin_zip_sees_it_loaded_and_removes_it_audited()
    {
        await using var host = DashboardHost.Start("""{ "instances": [] }""", "CtorThrows");
        using var folder = new TempFolder();
        var zip = folder.Combine("Counting.zip");
        await File.WriteAllBytesAsync(zip, TestZips.OfPlugin("Counting"));
        await using var ui = await UiBrowser.OpenAsync(host.Address, theme: "light");
        await ui.GotoAsync("plugins");

        await ChooseFileAsync(ui, zip);

        await Assertions.Expect(ui.Page.GetByTestId("plugin-outcome")).ToHaveAttributeAsync("data-severity", "success", new() { Timeout = Upload });
        var row = ui.Page.Locator("tr[data-plugin=Counting]");
        await Assertions.Expect(row.GetByTestId("state")).ToHaveTextAsync("loaded");
        await row.GetByTestId("schema-toggle").ClickAsync();
        await Assertions.Expect(ui.Page.Locator("tr[data-schema-of=Counting] pre")).ToContainTextAsync("\"greeting\": {");
        await Assertions.Expect(ui.Page.Locator("tr[data-plugin=CtorThrows] [data-testid=plugin-error]")).ToContainTextAsync("missing license file");
        await ui.ScreenshotAsync("plugins");

        await row.GetByTestId("remove").ClickAsync();
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Assertions.Expect(ui.Page.GetByTestId("plugin-outcome")).ToHaveTextAsync("Removed Counting.", new() { Timeout = Upload });
        await Assertions.Expect(row.GetByTestId("state")).ToHaveTextAsync("unloaded");
        Assert.False(Directory.Exists(Path.Combine(host.PluginsPath, "Counting")));
        await ui.Page.Locator("tr[data-plugin=CtorThrows]").GetByTestId("reload").ClickAsync();
        await Assertions.Expect(ui.Page.GetByTestId("plugin-outcome")).ToContainTextAsync("Reloaded CtorThrows, but it did not load: ", new() { Timeout = Upload });

        var actions = (await host.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(10, CancellationToken.None))
            .Select(r => (r.Entry.Action, r.Entry.Target, r.Entry.Actor)).ToList();
        Assert.Contains((AuditActions.PluginInstall, "Counting", "unsecured"), actions.Select(a => (a.Action, a.Target, a.Actor.Split(':')[0])));
        Assert.Contains(actions, a => a.Action == AuditActions.PluginRemove && a.Target == "Counting");
        Assert.Contains(actions, a => a.Action == AuditActions.PluginReload && a.Target == "CtorThrows");
        await ui.GotoAsync("audit");
        await Assertions.Expect(ui.Page.Locator("table tbody tr")).ToHaveCountAsync(3);
        await ui.ScreenshotAsync("audit");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_refused_with_its_cause_and_nothing_is_installed()
    {
        await using var host = DashboardHost.Start("""{ "instances": [] }""");
        using var folder = new TempFolder();
        var notZip = folder.Combine("Notes.zip");
        await File.WriteAllTextAsync(notZip, "these are notes, not a zip");
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("plugins");

        await ChooseFileAsync(ui, notZip);

        var outcome = ui.Page.GetByTestId("plugin-outcome");
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-severity", "error", new() { Timeout = Upload });
        await Assertions.Expect(outcome).ToContainTextAsync("Plugin zip refused", new() { Timeout = Upload });
        Assert.Empty(Directory.GetDirectories(host.PluginsPath));
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_zip_slip_and_a_zip_over_the_size_limit_are_refused_with_their_cause()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Plugins:Upload:MaxBytes"] = "4096" },
            """{ "instances": [] }""");
        using var folder = new TempFolder();
        var slip = folder.Combine("Slip.zip");
        await File.WriteAllBytesAsync(slip, TestZips.Raw(TestZips.File("Slip/../../escape.dll")));
        var large = folder.Combine("Counting.zip");
        await File.WriteAllBytesAsync(large, TestZips.OfPlugin("Counting"));
        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("plugins");
        var outcome = ui.Page.GetByTestId("plugin-outcome");

        await ChooseFileAsync(ui, slip);
        await Assertions.Expect(outcome).ToContainTextAsync("Plugin zip refused", new() { Timeout = Upload });
        await Assertions.Expect(outcome).ToContainTextAsync("Slip/../../escape.dll", new() { Timeout = Upload });

        await ChooseFileAsync(ui, large);
        await Assertions.Expect(outcome).ToContainTextAsync("Upload too large: the upload is larger than 4096 bytes (Dashboard:Plugins:Upload:MaxBytes)", new() { Timeout = Upload });

        Assert.Empty(Directory.GetDirectories(host.PluginsPath));
        var audit = await host.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(10, CancellationToken.None);
        Assert.DoesNotContain(audit, r => r.Entry.Action == AuditActions.PluginInstall);
        ui.AssertNoConsoleErrors();
    }

    // The file input listens for a choice only once Blazor's InputFile script has set it up, after the circuit's first
    // render: a file chosen earlier would go unnoticed.
    private static async Task ChooseFileAsync(UiBrowser ui, string path)
    {
        const string Input = "[data-testid=plugin-upload] input[type=file]";
        await ui.Page.WaitForFunctionAsync($"() => document.querySelector('{Input}')?._blazorInputFileNextFileId !== undefined");
        await ui.Page.Locator(Input).SetInputFilesAsync(path);
    }
}
