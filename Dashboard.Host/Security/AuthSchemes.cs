namespace Dashboard.Host.Security;

/// <summary>The authentication schemes the host registers.</summary>
internal static class AuthSchemes
{
    /// <summary>The default: picks one of the others per request.</summary>
    public const string Dashboard = "Dashboard";

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The browser session cookie.</summary>
    public const string Cookie = "Cookie";

    /// <summary>Sign-in at an OpenID Connect provider.</summary>
    public const string OpenIdConnect = "OpenIdConnect";

    /// <summary>Everyone on loopback is admin.</summary>
    public const string Unsecured = "Unsecured";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "dashboard.session";
}
