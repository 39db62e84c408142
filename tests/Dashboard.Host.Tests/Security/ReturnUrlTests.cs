using Dashboard.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Security;

/// <summary>Where a sign-in or sign-out sends the browser afterwards: a path on this site, never another site.</summary>
public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/instances/counter?range=1h", "/instances/counter?range=1h")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("/\r\n/evil.example/", "/")]
    [InlineData("evil", "/")]
    public void Only_a_local_path_is_taken(string? returnUrl, string expected) =>
        Assert.Equal(expected, LoginEndpoints.LocalOrRoot(returnUrl));

    [Fact]
    public async Task A_return_url_with_a_control_character_sends_the_browser_home_rather_than_failing()
    {
        await using var host = DashboardHost.Start(new Dictionary<string, string> { ["Dashboard:Auth:Mode"] = "BrowserToken" }, """{ "instances": [] }""");
        using var browser = new BrowserSession(host);
        var token = host.Services.GetRequiredService<BrowserTokens>().Current;

        using var response = await browser.GetAsync("/login?returnUrl=%2F%09%2Fevil.example%2F&t=" + Uri.EscapeDataString(token), "text/html");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
