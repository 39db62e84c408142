using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dashboard.Host.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Host.Tests.Security;

/// <summary>One browser's cookies against an in-process host in <c>BrowserToken</c> mode; follows no redirect, so tests see each answer.</summary>
internal sealed partial class BrowserSession : IDisposable
{
    private readonly DashboardHost _host;

    public BrowserSession(DashboardHost host)
    {
        _host = host;
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; } = new();

    public string? SessionCookie => Cookies.GetCookies(_host.Address).FirstOrDefault(c => c.Name == "dashboard.session")?.Value;

    /// <summary>The login link's token the host would print now.</summary>
    public string CurrentLoginToken => _host.Services.GetRequiredService<BrowserTokens>().Current;

    /// <summary>Opens the current login link.</summary>
    public async Task SignInAsync()
    {
        using var response = await Client.GetAsync("/login?t=" + Uri.EscapeDataString(CurrentLoginToken));
        if (response.StatusCode != HttpStatusCode.Redirect || SessionCookie is null)
        {
            throw new InvalidOperationException($"the login link did not sign in: {(int)response.StatusCode}");
        }
    }

    /// <summary>The antiforgery token of the login page's form, as this browser gets it (its antiforgery cookie set too).</summary>
    public async Task<string> FormTokenAsync()
    {
        var html = await Client.GetStringAsync("/login");
        return WebUtility.HtmlDecode(FormToken().Match(html) is { Success: true } match
            ? match.Groups["value"].Value
            : throw new InvalidOperationException("the login page has no antiforgery field:\n" + html));
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public async Task<HttpStatusCode> ApiStatusAsync(string path = "/api/instances")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("""<input type="hidden" name="__RequestVerificationToken" value="(?<value>[^"]+)" />""")]
    private static partial Regex FormToken();
}
