using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Ui;

/// <summary>
/// The frame of every page in Chromium: navigation, the theme switch remembered by the browser, the path prefix of a
/// reverse proxy, all under the host's content security policy without a console error.
/// </summary>
public sealed class LayoutTests
{
    private const string PluginsJson = """{ "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 500 } } ] }""";

    [Fact]
    public async Task The_theme_switch_turns_dark_and_the_choice_survives_a_reload()
    {
        await using var host = DashboardHost.Start(PluginsJson, "Counting");
        await using var ui = await UiBrowser.OpenAsync(host.Address, theme: "light");
        await ui.GotoAsync("");
        Assert.False(await IsDarkAsync(ui.Page));

        await ui.Page.GetByTestId("theme-toggle").ClickAsync();
        await Assertions.Expect(ui.Page.Locator("body")).Not.ToHaveCSSAsync("background-color", "rgb(246, 247, 249)");
        // The cookie is written after the render; reloading before it would test nothing but the race.
        await ui.Page.WaitForFunctionAsync("() => document.cookie.includes('dashboard.theme=dark')");
        await ui.Page.ReloadAsync();
        await ui.WaitInteractiveAsync();

        Assert.True(await IsDarkAsync(ui.Page), "the dark choice was forgotten on reload");
        var cookie = (await ui.Page.Context.CookiesAsync()).Single(c => c.Name == "dashboard.theme");
        Assert.Equal("dark", cookie.Value);
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Behind_a_path_prefix_every_page_link_and_asset_carries_the_prefix()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Server:PathBase"] = "/dash" }, PluginsJson, "Counting");
        await using var ui = await UiBrowser.OpenAsync(new Uri(host.Address, "/dash/"));
        await ui.GotoAsync("");

        Assert.Equal("/dash/", await ui.Page.EvaluateAsync<string>("() => new URL(document.baseURI).pathname"));
        var links = await ui.Page.Locator("nav a[href]").EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        Assert.NotEmpty(links);
        Assert.All(links, path => Assert.StartsWith("/dash/", path, StringComparison.Ordinal));
        await ui.Page.Locator("nav a[href$='audit']").ClickAsync();
        await Assertions.Expect(ui.Page).ToHaveURLAsync(new Uri(host.Address, "/dash/audit").ToString());

        using var unprefixed = await host.Anonymous.GetAsync("/_framework/blazor.web.js");
        using var prefixed = await host.Anonymous.GetAsync("/dash/_framework/blazor.web.js");
        Assert.True(prefixed.IsSuccessStatusCode, $"the prefixed script answered {(int)prefixed.StatusCode}");
        ui.AssertNoConsoleErrors();
    }

    [Fact]
    public void A_path_prefix_without_its_leading_slash_stops_the_host_naming_the_key()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Server:PathBase"] = "dash/" }, PluginsJson, "Counting"));

        Assert.Contains("Dashboard:Server:PathBase is 'dash/'", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<bool> IsDarkAsync(IPage page) =>
        page.EvaluateAsync<bool>("""
            () => {
              const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
              return (r + g + b) / 3 < 128;
            }
            """);
}
