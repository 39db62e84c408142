using System.Net;
using System.Text.RegularExpressions;

namespace Dashboard.Host.Tests.Security;

/// <summary>
/// A browser at the HTTP level: keeps cookies, follows no redirect (the tests look at each), and reads the antiforgery
/// field of the login form as a browser would submit it.
/// </summary>
internal sealed partial class BrowserSession : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _client;

    public BrowserSession(DashboardHost host)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false })
        {
            BaseAddress = host.Address,
        };
    }

    public bool HasSession => _cookies.GetCookies(_client.BaseAddress!).Any(c => c.Name.StartsWith("dashboard.session", StringComparison.Ordinal));

    public Cookie? SessionCookie => _cookies.GetCookies(_client.BaseAddress!).FirstOrDefault(c => c.Name == "dashboard.session");

    public Task<HttpResponseMessage> GetAsync(string path, string accept = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        return _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path) => _client.PostAsync(path, new ByteArrayContent([]));

    /// <summary>Opens the login page and returns its form's hidden fields.</summary>
    public async Task<Dictionary<string, string>> LoginFormAsync(string path = "/login")
    {
        using var page = await GetAsync(path, "text/html");
        var html = await page.Content.ReadAsStringAsync();
        return HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields) =>
        _client.PostAsync(path, new FormUrlEncodedContent(fields));

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)" />""")]
    private static partial Regex HiddenField();
}

internal static class FormFields
{
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, string name, string value)
    {
        fields[name] = value;
        return fields;
    }
}
