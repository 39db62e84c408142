using System.Net;
using System.Text.Json;

namespace Dashboard.Host.Tests.Security.Oidc;

/// <summary>
/// The OpenID Connect sign-in end to end against a real provider: the browser is sent to the provider, comes back to
/// <c>/signin-oidc</c> with a code, the dashboard redeems it (PKCE, client secret), reads the role claim in whatever
/// shape the provider sends it, and sets its session cookie; the role then decides what the cookie may reach.
/// </summary>
public sealed class OpenIdConnectSignInTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    // The audit page is admin-only; so is, for API clients, a path no route claims (the admin-only fallback policy):
    // 404 for an admin (allowed, nothing there), 403 for anyone less.
    private const string AdminPage = "/audit";
    private const string AdminOnlyPath = "/api/admin-only-probe";

    [Fact]
    public async Task An_admin_signs_in_at_the_provider_and_the_session_cookie_reaches_the_pages_and_the_api()
    {
        var alice = TestUser.WithString("alice", TestUser.AdminGroup);
        using var browser = new SignInClient(fixture.Dashboard.Address);
        var before = fixture.Provider.Authorizations;

        var (page, html) = await SignInAsync(browser, alice);

        AssertStatus(HttpStatusCode.OK, page, html);
        Assert.Equal(fixture.Dashboard.Address.Authority, page.RequestMessage!.RequestUri!.Authority);
        Assert.Equal("/", page.RequestMessage.RequestUri.AbsolutePath);
        Assert.Contains("<tr data-instance=\"counter\"", html, StringComparison.Ordinal);
        Assert.Equal(before + 1, fixture.Provider.Authorizations);
        Assert.True(browser.HasSession, "no session cookie after the sign-in");

        using var instances = await browser.ApiAsync("/api/instances");
        Assert.Equal(HttpStatusCode.OK, instances.StatusCode);
        Assert.Contains("counter", await instances.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await browser.ApiAsync(AdminOnlyPath);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        var login = AuditLines().Last(l => l.GetProperty("action").GetString() == "auth.login");
        Assert.Equal("oidc:alice", login.GetProperty("actor").GetString());
        var (audit, auditHtml) = await browser.NavigateAsync(AdminPage);
        AssertStatus(HttpStatusCode.OK, audit, auditHtml);
        Assert.Equal(AdminPage, audit.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("<td>oidc:alice</td>", auditHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string-admin", "admin")]
    [InlineData("json-array-admin", "admin")]
    [InlineData("several-claims-viewer", "viewer")]
    [InlineData("array-in-string-viewer", "viewer")]
    [InlineData("userinfo-only-admin", "admin")]
    public async Task The_role_is_read_from_the_claim_in_every_shape_providers_send(string shape, string expected)
    {
        var user = shape switch
        {
            "string-admin" => TestUser.WithString(shape, TestUser.AdminGroup),
            "json-array-admin" => TestUser.WithJsonArray(shape, "staff", TestUser.AdminGroup),
            "several-claims-viewer" => TestUser.WithSeveralClaims(shape, "staff", TestUser.ViewerGroup),
            "array-in-string-viewer" => TestUser.WithArrayInString(shape, TestUser.ViewerGroup, "staff"),
            "userinfo-only-admin" => TestUser.WithRolesOnlyInUserInfo(shape, "staff", TestUser.AdminGroup),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
        };
        using var browser = new SignInClient(fixture.Dashboard.Address);

        var (page, html) = await SignInAsync(browser, user);

        AssertStatus(HttpStatusCode.OK, page, html);
        using var viewer = await browser.ApiAsync("/api/instances");
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        using var admin = await browser.ApiAsync(AdminOnlyPath);
        Assert.Equal(expected == "admin" ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, admin.StatusCode);
        if (expected == "viewer")
        {
            Assert.Contains($"oidc:{shape} has viewer", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_viewer_is_refused_an_admin_route_with_403_and_sees_the_access_denied_page()
    {
        using var browser = new SignInClient(fixture.Dashboard.Address);
        var (signedIn, signedInHtml) = await SignInAsync(browser, TestUser.WithSeveralClaims("victor", TestUser.ViewerGroup));
        AssertStatus(HttpStatusCode.OK, signedIn, signedInHtml);

        using var api = await browser.ApiAsync(AdminOnlyPath);
        var (page, html) = await browser.NavigateAsync(AdminPage);

        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("needs the admin role; oidc:victor has viewer", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal("/access-denied", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("oidc:victor", html, StringComparison.Ordinal);
        Assert.True(browser.HasSession, "the viewer's session was dropped");
    }

    [Fact]
    public async Task A_user_without_a_role_is_refused_with_a_page_naming_the_claim_and_gets_no_session()
    {
        using var browser = new SignInClient(fixture.Dashboard.Address);

        var (page, html) = await SignInAsync(browser, TestUser.WithoutRole("nadia"));

        AssertStatus(HttpStatusCode.Forbidden, page, html);
        Assert.True(html.Contains("nadia has no dashboard role", StringComparison.Ordinal), $"at {page.RequestMessage?.RequestUri}:\n{html}");
        Assert.Contains("&#x27;groups&#x27;", html, StringComparison.Ordinal);
        Assert.Contains(TestUser.AdminGroup, html, StringComparison.Ordinal);
        Assert.False(browser.HasSession, "a user without a role got a session cookie");
        using var api = await browser.ApiAsync("/api/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var refused = AuditLines().Last(l => l.GetProperty("actor").GetString() == "oidc:nadia");
        Assert.Equal("auth.login_failed", refused.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_user_whose_claim_holds_other_groups_only_is_refused()
    {
        using var browser = new SignInClient(fixture.Dashboard.Address);

        var (page, html) = await SignInAsync(browser, TestUser.WithJsonArray("olga", "staff", "dashboard-admins-old"));

        AssertStatus(HttpStatusCode.Forbidden, page, html);
        Assert.True(html.Contains("olga has no dashboard role", StringComparison.Ordinal), $"at {page.RequestMessage?.RequestUri}:\n{html}");
        Assert.False(browser.HasSession, "a user without a role got a session cookie");
    }

    [Fact]
    public async Task A_dashboard_with_the_wrong_client_secret_is_refused_by_the_provider_and_says_so()
    {
        var settings = fixture.Settings();
        settings["Dashboard:Auth:OpenIdConnect:ClientSecret"] = "not-the-secret";
        await using var misconfigured = DashboardHost.Start(settings, """{ "instances": [] }""");
        using var browser = new SignInClient(misconfigured.Address);
        var refusedBefore = fixture.Provider.RefusedClients;

        fixture.Provider.SignInAs(TestUser.WithString("alice", TestUser.AdminGroup));
        var (page, html) = await browser.NavigateAsync("/");

        AssertStatus(HttpStatusCode.Forbidden, page, html);
        Assert.Contains("Sign-in failed", html, StringComparison.Ordinal);
        Assert.Contains("invalid_client", html, StringComparison.Ordinal);
        Assert.Equal(refusedBefore + 1, fixture.Provider.RefusedClients);
        Assert.False(browser.HasSession, "a refused code exchange left a session cookie");
    }

    private async Task<(HttpResponseMessage Page, string Html)> SignInAsync(SignInClient browser, TestUser user)
    {
        fixture.Provider.SignInAs(user);
        return await browser.NavigateAsync("/");
    }

    private static void AssertStatus(HttpStatusCode expected, HttpResponseMessage page, string html) =>
        Assert.True(page.StatusCode == expected, $"expected {(int)expected}, got {(int)page.StatusCode} at {page.RequestMessage?.RequestUri}:\n{html}");

    private List<JsonElement> AuditLines() =>
        [.. File.ReadAllLines(fixture.AuditLogPath).Select(l => JsonDocument.Parse(l).RootElement)];
}
