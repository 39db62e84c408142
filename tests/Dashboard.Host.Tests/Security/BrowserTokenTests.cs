using System.Net;
using Dashboard.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Security;

public sealed class BrowserTokenTests
{
    [Fact]
    public async Task The_login_link_signs_in_once_and_the_next_link_works()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings("BrowserToken"), """{ "instances": [] }""");
        var tokens = host.Services.GetRequiredService<BrowserTokens>();
        var first = tokens.Current;
        using var browser = new BrowserSession(host);

        using var signIn = await browser.GetAsync($"/login?t={Uri.EscapeDataString(first)}&returnUrl=%2F%3Fx%3D1", "text/html");
        using var api = await browser.GetAsync("/api/instances");
        using var again = new BrowserSession(host);
        using var reused = await again.GetAsync($"/login?t={Uri.EscapeDataString(first)}", "text/html");
        using var next = new BrowserSession(host);
        using var renewed = await next.GetAsync($"/login?t={Uri.EscapeDataString(tokens.Current)}", "text/html");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/?x=1", signIn.Headers.Location!.OriginalString);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.False(again.HasSession);
        Assert.NotEqual(first, tokens.Current);
        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        Assert.True(next.HasSession);
    }

    [Fact]
    public async Task The_browser_session_is_admin_and_signing_out_ends_it()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings("BrowserToken"), """{ "instances": [] }""");
        using var browser = new BrowserSession(host);
        using (await browser.GetAsync($"/login?t={Uri.EscapeDataString(host.Services.GetRequiredService<BrowserTokens>().Current)}", "text/html"))
        {
        }

        using var write = await browser.PostAsync("/api/v1/write");
        var form = await browser.LoginFormAsync("/login");
        using var signOut = await browser.PostFormAsync("/logout", form);
        using var after = await browser.GetAsync("/api/instances");

        Assert.NotEqual(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/login?signedOut=true", signOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(browser.HasSession);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var audit = await File.ReadAllTextAsync(Path.Combine(host.DataPath, "audit", "audit.log"));
        Assert.Contains("\"actor\":\"browser:admin\",\"action\":\"auth.login\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"actor\":\"browser:admin\",\"action\":\"auth.logout\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_browser_token_is_reusable()
    {
        var settings = TestKeys.Settings("BrowserToken");
        settings["Dashboard:Auth:BrowserToken"] = "kiosk-token-5b1e";
        await using var host = DashboardHost.Start(settings, """{ "instances": [] }""");

        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var browser = new BrowserSession(host);
            using var signIn = await browser.GetAsync("/login?t=kiosk-token-5b1e", "text/html");
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.True(browser.HasSession);
        }
    }
}
