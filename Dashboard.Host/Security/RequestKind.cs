using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Security;

/// <summary>Tells a browser navigating to a page (redirect it to sign in) from an API client (answer 401 or 403).</summary>
internal static class RequestKind
{
    public static bool IsPageNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool HasBearer(HttpRequest request) => BearerToken(request) is not null;

    /// <summary>The token of <c>Authorization: Bearer &lt;token&gt;</c>, trimmed, or <see langword="null"/> without one.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        const string bearer = "Bearer ";
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
    }
}
