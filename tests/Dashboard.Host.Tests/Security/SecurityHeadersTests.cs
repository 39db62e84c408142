using System.Net;
using Dashboard.Host.Security;

namespace Dashboard.Host.Tests.Security;

/// <summary>The browser-hardening headers are on every kind of answer: pages, the login page, API answers and refusals.</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/login", "text/html", false, HttpStatusCode.OK)]
    [InlineData("/", "text/html", true, HttpStatusCode.OK)]
    [InlineData("/api/instances", "application/json", true, HttpStatusCode.OK)]
    [InlineData("/api/instances", "application/json", false, HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/query?query=up", "application/json", true, HttpStatusCode.OK)]
    public async Task Every_answer_carries_the_security_headers(string path, string accept, bool signedIn, HttpStatusCode status)
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Auth:Mode"] = "BrowserToken" }, """{ "instances": [] }""");
        using var browser = signedIn ? await CsrfTests.SignedInAsync(host) : new BrowserSession(host);

        using var response = await browser.GetAsync(path, accept);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Single(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
    }

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? Assert.Single(values) : throw new Xunit.Sdk.XunitException($"no {header} header");
}
