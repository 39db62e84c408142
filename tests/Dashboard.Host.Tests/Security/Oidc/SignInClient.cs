using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Dashboard.Host.Tests.Security.Oidc;

/// <summary>
/// An HTTP client that behaves like a browser for the sign-in flow: keeps cookies per origin, follows redirects across
/// the dashboard and the provider, sends <c>Accept: text/html</c> for navigations, and submits an auto-posting form
/// (the <c>form_post</c> response mode) as a browser's script would.
/// </summary>
internal sealed partial class SignInClient : IDisposable
{
    private readonly HttpClient _client;

    public SignInClient(Uri dashboard)
    {
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = true, MaxAutomaticRedirections = 10 })
        {
            BaseAddress = dashboard,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Whether the dashboard's session cookie is held.</summary>
    public bool HasSession => Cookies.GetCookies(_client.BaseAddress!).Any(c => c.Name == "dashboard.session");

    /// <summary>Navigates to a page as a browser does; returns the last response, its body read.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> NavigateAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (AutoPostForm().Match(body) is { Success: true } form)
        {
            var fields = HiddenField().Matches(form.Groups["fields"].Value)
                .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            using var post = new HttpRequestMessage(HttpMethod.Post, WebUtility.HtmlDecode(form.Groups["action"].Value)) { Content = new FormUrlEncodedContent(fields) };
            post.Headers.Accept.ParseAdd("text/html");
            response.Dispose();
            response = await _client.SendAsync(post);
            body = await response.Content.ReadAsStringAsync();
        }

        return (response, body);
    }

    /// <summary>Calls an API with the session cookie, as the UI's fetches do.</summary>
    public async Task<HttpResponseMessage> ApiAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await _client.SendAsync(request);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""<form[^>]*method="post"[^>]*action="(?<action>[^"]*/signin-oidc[^"]*)"[^>]*>(?<fields>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex AutoPostForm();

    [GeneratedRegex("""<input[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"[^>]*/?>""", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenField();
}
