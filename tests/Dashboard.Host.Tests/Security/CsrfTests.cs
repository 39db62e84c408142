using System.Net;

namespace Dashboard.Host.Tests.Security;

/// <summary>
/// The sign-in and sign-out forms refuse a post without this browser's antiforgery token (a cross-site form could
/// otherwise sign a victim out, or into an attacker's session): 400, and nothing about the session changes.
/// </summary>
public sealed class CsrfTests
{
    private const string Field = "__RequestVerificationToken";

    [Fact]
    public async Task Logout_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        await using var host = StartHost();
        using var browser = new BrowserSession(host);
        await browser.SignInAsync();
        var session = browser.SessionCookie;

        using var forged = await browser.PostFormAsync("/logout", ("returnUrl", "/"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("you are still signed in", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(session, browser.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, await browser.ApiStatusAsync());

        // The same post with the token signs out: the refusal above was the missing token.
        using var genuine = await browser.PostFormAsync("/logout", ("returnUrl", "/"), (Field, await browser.FormTokenAsync()));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ApiStatusAsync());
    }

    [Fact]
    public async Task Logout_with_the_token_of_another_session_is_refused()
    {
        await using var host = StartHost();
        using var victim = new BrowserSession(host);
        using var attacker = new BrowserSession(host);
        await victim.SignInAsync();
        await attacker.SignInAsync();
        await victim.FormTokenAsync(); // the victim holds an antiforgery cookie of its own
        var attackersToken = await attacker.FormTokenAsync();

        using var forged = await victim.PostFormAsync("/logout", (Field, attackersToken));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await victim.ApiStatusAsync());
        Assert.Equal(HttpStatusCode.OK, await attacker.ApiStatusAsync());
    }

    [Fact]
    public async Task Login_without_the_antiforgery_token_is_refused_signs_nobody_in_and_leaves_the_link_unused()
    {
        await using var host = StartHost();
        using var browser = new BrowserSession(host);
        var token = browser.CurrentLoginToken;

        using var forged = await browser.PostFormAsync("/login", ("token", token), ("returnUrl", "/"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("nothing was signed in", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(token, browser.CurrentLoginToken);

        using var genuine = await browser.PostFormAsync("/login", ("token", token), ("returnUrl", "/"), (Field, await browser.FormTokenAsync()));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.NotNull(browser.SessionCookie);
        Assert.NotEqual(token, browser.CurrentLoginToken);
    }

    [Fact]
    public async Task Login_with_the_token_of_another_browser_is_refused()
    {
        await using var host = StartHost();
        using var victim = new BrowserSession(host);
        using var attacker = new BrowserSession(host);
        await victim.FormTokenAsync();
        var attackersToken = await attacker.FormTokenAsync();

        using var forged = await victim.PostFormAsync("/login", ("token", victim.CurrentLoginToken), (Field, attackersToken));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(victim.SessionCookie);
    }

    private static DashboardHost StartHost() =>
        DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Auth:Mode"] = "BrowserToken" }, """{ "instances": [] }""");
}
