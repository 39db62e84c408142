using System.Net;
using System.Text.Json;

namespace Dashboard.Host.Tests.Security;

public sealed class ApiKeyModeTests
{
    [Fact]
    public async Task Each_key_gets_its_role_and_a_wrong_key_gets_a_401_that_says_so()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");

        using var viewer = await host.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/instances").With(TestKeys.Viewer));
        using var admin = await host.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/instances").With(TestKeys.Admin));
        using var writer = await host.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/instances").With(TestKeys.Writer));
        using var wrong = await host.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/instances").With("not-a-key"));
        using var none = await host.Anonymous.GetAsync("/api/instances");

        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, writer.StatusCode);
        Assert.Contains("needs the viewer role; apikey:writer has writer", await DetailAsync(writer), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("the bearer token is not a known API key", await DetailAsync(wrong));
        Assert.Equal("Bearer error=\"invalid_token\"", wrong.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_browser_without_a_session_is_sent_to_the_login_page_and_an_API_client_is_not()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");

        using var page = new HttpRequestMessage(HttpMethod.Get, "/?tab=plugins");
        page.Headers.Accept.ParseAdd("text/html");
        using var navigation = await host.Anonymous.SendAsync(page);
        using var api = await host.Anonymous.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, navigation.StatusCode);
        Assert.Equal("/login?returnUrl=%2F%3Ftab%3Dplugins", navigation.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_key_pasted_into_the_login_form_gives_a_session_with_that_keys_role()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");
        using var browser = new BrowserSession(host);

        var form = await browser.LoginFormAsync();
        using var signIn = await browser.PostFormAsync("/login", form.With("token", TestKeys.Viewer).With("returnUrl", "/"));
        using var instances = await browser.GetAsync("/api/instances");
        using var write = await browser.PostAsync("/api/v1/write");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, instances.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        var audit = await File.ReadAllTextAsync(Path.Combine(host.DataPath, "audit", "audit.log"));
        Assert.Contains("\"actor\":\"apikey:grafana\",\"action\":\"auth.login\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_in_the_login_form_is_refused_and_audited_without_the_key()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");
        using var browser = new BrowserSession(host);

        var form = await browser.LoginFormAsync();
        using var signIn = await browser.PostFormAsync("/login", form.With("token", "guessed-key-123"));

        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Contains("That is not a valid login token or API key.", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(browser.HasSession);
        var audit = await File.ReadAllTextAsync(Path.Combine(host.DataPath, "audit", "audit.log"));
        Assert.Contains("auth.login_failed", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("guessed-key-123", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guessing_keys_in_the_login_form_is_rate_limited_per_address()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");
        using var browser = new BrowserSession(host);
        var form = await browser.LoginFormAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt < 6; attempt++)
        {
            last?.Dispose();
            last = await browser.PostFormAsync("/login", form.With("token", $"guess-{attempt}"));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {last.Headers.RetryAfter}");
        last.Dispose();
    }

    [Fact]
    public async Task Login_redirects_only_to_paths_on_this_site()
    {
        await using var host = DashboardHost.Start(TestKeys.Settings(), """{ "instances": [] }""");
        using var browser = new BrowserSession(host);

        var form = await browser.LoginFormAsync();
        using var signIn = await browser.PostFormAsync("/login", form.With("token", TestKeys.Viewer).With("returnUrl", "//evil.example/x"));

        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
}
