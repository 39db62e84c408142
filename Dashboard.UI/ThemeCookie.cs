using Microsoft.AspNetCore.Http;

namespace Dashboard.UI;

/// <summary>
/// The light/dark choice of one browser, kept in a plain cookie (not a secret, not signed) so the first render already
/// has the right theme. Written by <c>wwwroot/js/theme.js</c>.
/// </summary>
public static class ThemeCookie
{
    /// <summary>The cookie's name, also the name of the cascading value that carries it into the circuit.</summary>
    public const string Name = "dashboard.theme";

    /// <summary>"light", "dark", or null when the browser has not chosen (follow the system).</summary>
    public static string? Read(HttpContext? context) => context?.Request.Cookies[Name] switch
    {
        "light" => "light",
        "dark" => "dark",
        _ => null,
    };
}
