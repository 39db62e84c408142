using Dashboard.Core.Audit;
using Dashboard.Host.Server;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Security;

/// <summary>
/// <c>/login</c> (the one-time link, the token/key form, or the way to the identity provider), <c>/logout</c> and
/// <c>/access-denied</c>. Every sign-in, refused sign-in and sign-out is audited. The two forms are checked against
/// forgery here rather than by form binding, which throws (a 500) in Development and answers a bare 400 elsewhere: a
/// forged or stale post gets a 400 page that says what to do, and changes no session.
/// </summary>
internal static class LoginEndpoints
{
    public static void MapLoginEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/login", LoginPageAsync).AllowPublic().DisableAntiforgery();
        // Keys are guessed through the form, so the form is rate limited; a login link's token is 192 random bits.
        endpoints.MapPost("/login", LoginAsync).AllowPublic().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Login);
        endpoints.MapGet("/login/oidc", (HttpContext context, IOptions<AuthOptions> options, [FromQuery] string? returnUrl) =>
                options.Value.Mode == AuthMode.OpenIdConnect
                    ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [AuthSchemes.OpenIdConnect])
                    : Results.NotFound())
            .AllowPublic();
        endpoints.MapPost("/logout", LogoutAsync).AllowPublic().DisableAntiforgery();
        endpoints.MapGet("/access-denied", (HttpContext context) => LoginPage.Message(context, "Access denied",
                $"You are signed in as {AuditActor.Of(context.User)}, whose role does not allow that page.", StatusCodes.Status403Forbidden))
            .AllowPublic();
    }

    private static async Task<IResult> LoginPageAsync(HttpContext context, IOptions<AuthOptions> options, BrowserTokens tokens,
        IAuditLog audit, [FromQuery(Name = "t")] string? token, [FromQuery] string? returnUrl, [FromQuery] bool signedOut = false)
    {
        var mode = options.Value.Mode;
        var target = LocalOrRoot(returnUrl);
        if (mode == AuthMode.Unsecured)
        {
            return Results.LocalRedirect(target);
        }

        if (token is null || mode != AuthMode.BrowserToken)
        {
            return LoginPage.SignIn(context, mode, target, signedOut ? "You are signed out." : null);
        }

        if (!tokens.TryUse(token))
        {
            audit.Record(new AuditEntry(Client(context), AuditActions.LoginFailed, "browser-token", "the login link's token is not valid or was used already"));
            return LoginPage.SignIn(context, mode, target,
                "That login link is not valid or was used already. The dashboard's console shows a new one.", StatusCodes.Status401Unauthorized);
        }

        await SignInAsync(context, DashboardIdentity.Create("browser", "admin", DashboardRole.Admin), audit);
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, IOptions<AuthOptions> options, BrowserTokens tokens,
        ApiKeyRing keys, IAuditLog audit, IAntiforgery antiforgery, [FromForm] string? token, [FromForm] string? returnUrl)
    {
        var mode = options.Value.Mode;
        var target = LocalOrRoot(returnUrl);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            audit.Record(new AuditEntry(Client(context), AuditActions.LoginFailed, "login-form", "the form's antiforgery token is missing or not this browser's"));
            return LoginPage.SignIn(context, mode, target,
                "The sign-in form expired or was sent from another page; nothing was signed in. Sign in again here.", StatusCodes.Status400BadRequest);
        }

        if (mode is AuthMode.Unsecured or AuthMode.OpenIdConnect)
        {
            return Results.LocalRedirect(mode == AuthMode.Unsecured ? target : "/login/oidc?returnUrl=" + Uri.EscapeDataString(target));
        }

        var principal = mode == AuthMode.BrowserToken && tokens.TryUse(token)
            ? DashboardIdentity.Create("browser", "admin", DashboardRole.Admin)
            : keys.Find(token) is { } key ? DashboardIdentity.Create("apikey", key.Name, key.Role) : null;
        if (principal is null)
        {
            audit.Record(new AuditEntry(Client(context), AuditActions.LoginFailed, "login-form", "the token is not a login token or API key"));
            return LoginPage.SignIn(context, mode, target, "That is not a valid login token or API key.", StatusCodes.Status401Unauthorized);
        }

        await SignInAsync(context, principal, audit);
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IAuditLog audit, IAntiforgery antiforgery, [FromForm] string? returnUrl)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return LoginPage.Message(context, "Sign-out refused",
                "The sign-out form expired or was sent from another site, so you are still signed in. Reload the dashboard and sign out again.",
                StatusCodes.Status400BadRequest);
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            audit.Record(new AuditEntry(AuditActor.Of(context.User), AuditActions.Logout, "session", null));
        }

        await context.SignOutAsync(AuthSchemes.Cookie);
        return Results.LocalRedirect("/login?signedOut=true" + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(LocalOrRoot(returnUrl))));
    }

    private static async Task SignInAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal principal, IAuditLog audit)
    {
        await context.SignInAsync(AuthSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = false });
        context.User = principal;
        RecordSignIn(audit, context, principal);
    }

    /// <summary>The audit entry of a session started, whichever way the user signed in.</summary>
    internal static void RecordSignIn(IAuditLog audit, HttpContext context, System.Security.Claims.ClaimsPrincipal principal) =>
        audit.Record(new AuditEntry(AuditActor.Of(principal), AuditActions.Login, "session", $"from {context.Connection.RemoteIpAddress}"));

    // A refused sign-in has no user: the audit names the client address instead.
    private static string Client(HttpContext context) => $"anonymous@{context.Connection.RemoteIpAddress}";

    // Only a path on this site: an open redirect would let a crafted link bounce a signed-in user anywhere. Browsers
    // drop tabs and newlines from a URL ("/\t/evil.example" is "//evil.example" to them), and LocalRedirect throws on
    // them, so a path with a control character is not taken either.
    internal static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";
}
