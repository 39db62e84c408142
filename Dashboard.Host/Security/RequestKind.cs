using Microsoft.Net.Http.Headers;

namespace Dashboard.Host.Security;

/// <summary>Tells a browser navigating to a page (redirect it to sign in) from an API client (answer 401 or 403).</summary>
internal static class RequestKind
{
    public static bool IsPageNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderNames.Authorization, out var value)
        && value.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
