namespace Dashboard.Host.Security;

/// <summary>How browsers sign in (<c>Dashboard:Auth:Mode</c>). API keys are accepted as bearer tokens in every mode.</summary>
public enum AuthMode
{
    /// <summary>A login URL with a one-time token is printed at start; the browser that opens it gets an admin cookie.</summary>
    BrowserToken,

    /// <summary>Browsers sign in by pasting an API key; the cookie carries that key's role.</summary>
    ApiKey,

    /// <summary>Browsers sign in at an OpenID Connect provider; roles come from a claim.</summary>
    OpenIdConnect,

    /// <summary>No sign-in: every request on a loopback address is admin. Refused on any other address.</summary>
    Unsecured,
}
