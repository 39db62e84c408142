using System.Text.RegularExpressions;
using Dashboard.Tests;
using Microsoft.Playwright;

namespace Dashboard.Host.Tests.Security.Browser;

/// <summary>
/// <c>Dashboard:Auth:Mode=BrowserToken</c> in a real Chromium against the host as a process: the login link printed on
/// its console signs a browser in once, the session cookie is HttpOnly and SameSite=Lax, a used link opens nothing
/// and the next printed link works, a browser without a cookie is sent to the login page, and the header's sign-out
/// button ends the session. The pages run under the host's content security policy without a violation.
/// </summary>
public sealed partial class BrowserTokenChromiumTests
{
    private const string Test = "browser-token";

    private const string PluginsJson = """
        { "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }
        """;

    [Fact]
    public async Task The_printed_login_link_signs_a_browser_in_once_and_the_session_cookie_is_locked_down()
    {
        using var folder = new TempFolder();
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), folder.Combine("plugins"), "Counting");
        File.WriteAllText(folder.Combine("plugins.json"), PluginsJson);
        await using var host = HostProcess.Start(new Dictionary<string, string>
        {
            ["Dashboard:Auth:Mode"] = "BrowserToken",
            ["Dashboard:PluginsPath"] = folder.Combine("plugins"),
            ["Dashboard:PluginsConfigPath"] = folder.Combine("plugins.json"),
            ["Dashboard:DataPath"] = folder.Combine("data"),
        });
        await host.WaitReadyAsync();
        var first = await PrintedLinkAsync(host, 1);
        Assert.StartsWith(host.Client.BaseAddress!.ToString().TrimEnd('/') + "/login?t=", first, StringComparison.Ordinal);
        var console = new List<string>();
        await using var chromium = await Chromium.LaunchAsync();

        // Signed in by the link: the overview with the instance.
        await using var signedIn = await chromium.NewContextAsync(host.Client.BaseAddress, console);
        var page = await signedIn.NewPageAsync();
        await page.GotoAsync(first);
        await Assertions.Expect(page).ToHaveURLAsync(host.Client.BaseAddress + "");
        await Assertions.Expect(page.Locator("td", new() { HasTextString = "counter" }).First).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, Test, "1-overview-after-login-link");

        var session = (await signedIn.CookiesAsync()).Single(c => c.Name == "dashboard.session");
        Assert.True(session.HttpOnly, "the session cookie is readable by scripts");
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);
        Assert.Equal("/", session.Path);
        Assert.Equal(-1, session.Expires); // a browser-session cookie: closing the browser ends it

        // The same link again, in a fresh browser: refused, and no session.
        await using var stranger = await chromium.NewContextAsync(host.Client.BaseAddress, console);
        var replay = await stranger.NewPageAsync();
        var refused = await replay.GotoAsync(first);
        Assert.Equal(401, refused!.Status);
        await Assertions.Expect(replay.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid or was used already");
        Assert.DoesNotContain(await stranger.CookiesAsync(), c => c.Name == "dashboard.session");
        await Chromium.ScreenshotAsync(replay, Test, "2-used-link-refused");

        // The console printed the next link; it works.
        var next = await PrintedLinkAsync(host, 2);
        Assert.NotEqual(first, next);
        await replay.GotoAsync(next);
        await Assertions.Expect(replay).ToHaveURLAsync(host.Client.BaseAddress + "");
        await Assertions.Expect(replay.Locator("td", new() { HasTextString = "counter" }).First).ToBeVisibleAsync();

        // Without a cookie, the overview sends the browser to the login page, which works under the CSP.
        await using var anonymous = await chromium.NewContextAsync(host.Client.BaseAddress, console);
        var login = await anonymous.NewPageAsync();
        await login.GotoAsync("/");
        await Assertions.Expect(login).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2F$"));
        await Assertions.Expect(login.Locator("form input[name=token]")).ToBeVisibleAsync();
        await Assertions.Expect(login.Locator("link[rel=stylesheet]")).ToHaveCountAsync(1);
        Assert.True(await login.EvaluateAsync<bool>("() => getComputedStyle(document.body).margin !== '8px'"),
            "the login page's stylesheet was not applied");
        await Chromium.ScreenshotAsync(login, Test, "3-login-page");

        // Sign out with the header's button: its form posts to /logout with this session's antiforgery token.
        await Assertions.Expect(page.Locator("header .who")).ToHaveTextAsync("admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/login\?signedOut=true(&returnUrl=%2F)?$"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("You are signed out.");
        Assert.DoesNotContain(await signedIn.CookiesAsync(), c => c.Name == "dashboard.session");
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/login\?returnUrl=%2F$"));
        await Chromium.ScreenshotAsync(page, Test, "4-signed-out");

        lock (console)
        {
            Assert.True(!console.Any(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)),
                "CSP violations:\n" + string.Join("\n", console));
            Assert.True(!console.Any(m => m.Contains("/login", StringComparison.Ordinal) && !m.Contains("401", StringComparison.Ordinal)),
                "console errors on the login page:\n" + string.Join("\n", console));
        }

        Assert.Contains("The login link was used; the next one", host.Output, StringComparison.Ordinal);
    }

    // The n-th login link the host printed (the first at start, one more after each use).
    private static async Task<string> PrintedLinkAsync(HostProcess host, int n)
    {
        string? link = null;
        await Eventually.TrueAsync(() =>
        {
            var links = LoginLink().Matches(host.Output);
            link = links.Count >= n ? links[n - 1].Groups["url"].Value : null;
            return link is not null;
        }, TimeSpan.FromSeconds(20), $"login link #{n} printed; output:\n{host.Output}");
        return link!;
    }

    [GeneratedRegex(@"(?:one-time login link\)|the next one): (?<url>http://\S+/login\?t=\S+)")]
    private static partial Regex LoginLink();
}
