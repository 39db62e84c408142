using System.Net;
using Dashboard.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Security;

/// <summary>
/// The sign-in and sign-out forms refuse a post without this browser's antiforgery token (a cross-site form could
/// otherwise sign a victim out, or into an attacker's session): 400 with a page that says so, and no session changes.
/// </summary>
public sealed class CsrfTests
{
    private const string Field = "__RequestVerificationToken";

    [Fact]
    public async Task Logout_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        await using var host = StartHost();
        using var browser = await SignedInAsync(host);
        var session = browser.SessionCookie?.Value;

        using var forged = await browser.PostFormAsync("/logout", new() { ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("you are still signed in", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(session, browser.SessionCookie?.Value);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(browser));

        // The same post with the token signs out: the refusal above was the missing token.
        using var genuine = await browser.PostFormAsync("/logout", (await browser.LoginFormAsync()).With("returnUrl", "/"));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.False(browser.HasSession);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(browser));
    }

    [Fact]
    public async Task Logout_with_the_token_of_another_session_is_refused()
    {
        await using var host = StartHost();
        using var victim = await SignedInAsync(host);
        using var attacker = await SignedInAsync(host);
        await victim.LoginFormAsync(); // the victim holds an antiforgery cookie of its own
        var attackersForm = await attacker.LoginFormAsync();

        using var forged = await victim.PostFormAsync("/logout", new() { [Field] = attackersForm[Field] });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(victim));
        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(attacker));
    }

    [Fact]
    public async Task Login_without_the_antiforgery_token_is_refused_signs_nobody_in_and_leaves_the_link_unused()
    {
        await using var host = StartHost();
        var tokens = host.Services.GetRequiredService<BrowserTokens>();
        var token = tokens.Current;
        using var browser = new BrowserSession(host);

        using var forged = await browser.PostFormAsync("/login", new() { ["token"] = token, ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("nothing was signed in", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(browser.HasSession);
        Assert.Equal(token, tokens.Current);

        using var genuine = await browser.PostFormAsync("/login", (await browser.LoginFormAsync()).With("token", token));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.True(browser.HasSession);
        Assert.NotEqual(token, tokens.Current);
    }

    [Fact]
    public async Task Login_with_the_token_of_another_browser_is_refused()
    {
        await using var host = StartHost();
        using var victim = new BrowserSession(host);
        using var attacker = new BrowserSession(host);
        await victim.LoginFormAsync();
        var attackersForm = await attacker.LoginFormAsync();

        using var forged = await victim.PostFormAsync("/login",
            new() { ["token"] = host.Services.GetRequiredService<BrowserTokens>().Current, [Field] = attackersForm[Field] });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(victim.HasSession);
    }

    internal static async Task<BrowserSession> SignedInAsync(DashboardHost host)
    {
        var browser = new BrowserSession(host);
        using var signIn = await browser.GetAsync("/login?t=" + Uri.EscapeDataString(host.Services.GetRequiredService<BrowserTokens>().Current), "text/html");
        Assert.True(browser.HasSession, $"the login link did not sign in: {(int)signIn.StatusCode}");
        return browser;
    }

    private static async Task<HttpStatusCode> ApiStatusAsync(BrowserSession browser)
    {
        using var response = await browser.GetAsync("/api/instances");
        return response.StatusCode;
    }

    private static DashboardHost StartHost() =>
        DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Auth:Mode"] = "BrowserToken" }, """{ "instances": [] }""");
}
