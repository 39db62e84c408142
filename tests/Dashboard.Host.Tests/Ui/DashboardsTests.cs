using System.Globalization;
using Dashboard.Core.Audit;
using Dashboard.Tests;
using Dashboard.UI.Components.Dashboards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// Dashboards against a real host: the built-in boards' queries answer with the shipped plugins' real metrics (and the
/// host's own, scraped from its /metrics), a board renders in Chromium, and an admin saves, exports and imports boards.
/// </summary>
public sealed class DashboardsTests
{
    private const string CountingJson = """{ "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 500 } } ] }""";

    [Fact]
    public async Task Every_built_in_panel_query_returns_data_and_the_system_board_renders_every_panel()
    {
        await using var host = DashboardHost.Start(CountingJson);
        foreach (var plugin in new[] { "System", "DotNetRuntime", "PrometheusScrape" })
        {
            TestPaths.CopyPlugin(TestPaths.ShippedPlugin("Dashboard.Plugins." + plugin), host.PluginsPath, plugin);
        }

        // The host board reads the host's own /metrics, scraped with job="dashboard" as docs/dashboards.md says.
        await host.WriteConfigAsync($$"""
            { "instances": [
              { "id": "system", "plugin": "System", "config": { "interval_ms": 500 } },
              { "id": "runtime", "plugin": "DotNetRuntime", "config": { "interval_ms": 500 } },
              { "id": "self", "plugin": "PrometheusScrape", "config": { "interval_ms": 1000,
                "targets": [ { "url": "{{new Uri(host.Address, "metrics")}}", "labels": { "job": "dashboard" } } ] } } ] }
            """);
        var boards = host.Services.GetRequiredService<BoardStore>().BuiltIn;
        Assert.Equal(["system", "dotnet-runtime", "host"], boards.Select(b => b.Id));

        var queries = boards.SelectMany(b => b.Panels.SelectMany(p => p.Queries.Select(q => (Board: b.Id, Query: q)))).ToList();
        var empty = queries;
        var answered = Eventually.TrueAsync(async () =>
        {
            var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            var still = new List<(string, string)>();
            foreach (var (board, query) in empty)
            {
                var answer = await host.GetAsync(string.Create(CultureInfo.InvariantCulture,
                    $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={end - 300}&end={end}&step=1"));
                if (answer.GetProperty("data").GetProperty("result").GetArrayLength() == 0)
                {
                    still.Add((board, query));
                }
            }

            empty = still;
            return empty.Count == 0;
        }, TimeSpan.FromSeconds(60), "every built-in panel query to answer with data");
        try
        {
            await answered;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; still empty: {string.Join("; ", empty.Select(e => $"{e.Board}: {e.Query}"))}", ex);
        }

        await using var ui = await UiBrowser.OpenAsync(host.Address);
        await ui.GotoAsync("dashboards/system?range=5m");
        var panels = boards[0].Panels.Count;
        await Assertions.Expect(ui.Page.GetByTestId("panel")).ToHaveCountAsync(panels);
        await ui.Page.WaitForFunctionAsync($"() => [...document.querySelectorAll('[data-testid=chart]')].filter(c => +c.dataset.pointsDrawn > 0).length === {panels}");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task An_admin_saves_a_copy_exports_it_and_imports_a_board_and_bad_files_show_their_errors()
    {
        await using var host = DashboardHost.Start(CountingJson, "Counting");
        var folder = Path.Combine(host.DataPath, "dashboards");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), """{ "id": "broken", "title": "Broken", "panels": [ { "title": "x", "querys": ["up"] } ] }""");
        await using var ui = await UiBrowser.OpenAsync(host.Address);

        await ui.GotoAsync("dashboards/system");
        await ui.Page.GetByTestId("board-save-copy").ClickAsync();
        await ui.Page.Locator("#copy-title").FillAsync("My system");
        await ui.Page.GetByTestId("board-save").ClickAsync();
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Uri(host.Address, "dashboards/my-system").ToString());
        var saved = BoardJson.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "my-system.json")), out var errors);
        Assert.Empty(errors);
        Assert.Equal("My system", saved!.Title);
        await ui.WaitInteractiveAsync();

        var download = await ui.Page.RunAndWaitForDownloadAsync(() => ui.Page.GetByTestId("board-export").ClickAsync());
        Assert.Equal("my-system.json", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal(BoardJson.Write(saved), exported);

        await ui.GotoAsync("dashboards");
        await Assertions.Expect(ui.Page.GetByTestId("board-error")).ToContainTextAsync("$.panels[0].querys: unknown property");
        await ui.Page.Locator("[data-testid=board-import] input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "bad.json", MimeType = "application/json",
            Buffer = """{ "id": "bad", "title": "Bad", "panels": [ { "title": "x", "queries": ["sum("] } ] }"""u8.ToArray(),
        });
        await Assertions.Expect(ui.Page.GetByTestId("import-errors")).ToContainTextAsync("$.panels[0].queries[0]: 1:");

        var imported = exported.Replace("\"my-system\"", "\"imported\"", StringComparison.Ordinal).Replace("My system", "Imported", StringComparison.Ordinal);
        await ui.Page.Locator("[data-testid=board-import] input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "imported.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(imported),
        });
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Uri(host.Address, "dashboards/imported").ToString());
        await Assertions.Expect(ui.Page.Locator("h1")).ToHaveTextAsync("Imported");
        Assert.True(File.Exists(Path.Combine(folder, "imported.json")));
        var audit = await host.Services.GetRequiredService<IAuditLog>().ReadRecentAsync(20, CancellationToken.None);
        Assert.Equal(["imported", "my-system"], audit.Where(r => r.Entry.Action == AuditActions.DashboardSave).Select(r => r.Entry.Target).Order());
        ui.AssertNoConsoleErrors();
    }
}
