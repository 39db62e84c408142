using Dashboard.Core.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Host.Security;

/// <summary>
/// The authorization-code flow with PKCE against the configured provider. After sign-in the provider's identity is
/// replaced by a dashboard identity with one role, resolved from the role claim; a user with no matching value is
/// refused with a page that names the claim and the values looked for.
/// </summary>
internal static class OpenIdConnectSetup
{
    public static void Configure(OpenIdConnectOptions oidc, OpenIdConnectSettings settings)
    {
        oidc.SignInScheme = AuthSchemes.Cookie;
        oidc.Authority = settings.Authority;
        oidc.ClientId = settings.ClientId;
        oidc.ClientSecret = settings.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        // The code comes back in the query of a top-level GET, which carries SameSite=Lax cookies even from another
        // site. The handler's defaults (a form post, correlation and nonce cookies SameSite=None, so always Secure) drop
        // those cookies on plain HTTP (a dashboard on loopback, or behind a proxy that ends TLS) and every sign-in
        // fails with "Correlation failed".
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.SaveTokens = false;
        // The handler asks for openid and profile already.
        foreach (var scope in settings.Scopes)
        {
            oidc.Scope.Add(scope);
        }

        // The user-info endpoint's JSON becomes claims only where mapped; an array becomes one claim per element.
        oidc.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
        oidc.ClaimActions.MapJsonKey(settings.NameClaim, settings.NameClaim);
        oidc.Events.OnTicketReceived = context =>
        {
            var provider = context.Principal!;
            var name = provider.FindFirst(settings.NameClaim)?.Value ?? provider.FindFirst("sub")?.Value ?? "unknown";
            var audit = context.HttpContext.RequestServices.GetRequiredService<IAuditLog>();
            if (OpenIdConnectRoles.Resolve(provider, settings) is not { } role)
            {
                audit.Record(new AuditEntry($"oidc:{name}", AuditActions.LoginFailed, "openid-connect",
                    $"no dashboard role: claim '{settings.RoleClaim}' holds none of the admin or viewer values"));
                // Fail() here would not stop the handler: it signs in whatever principal the context holds unless the
                // response is handled. The refusal page is the response; no session cookie is set.
                context.HandleResponse();
                return LoginPage.Message(context.HttpContext, "Sign-in refused",
                        $"{name} has no dashboard role: the '{settings.RoleClaim}' claim holds none of " +
                        $"{string.Join(", ", settings.AdminValuesOrDefault.Concat(settings.ViewerValuesOrDefault))}",
                        StatusCodes.Status403Forbidden)
                    .ExecuteAsync(context.HttpContext);
            }

            context.Principal = DashboardIdentity.Create("oidc", name, role);
            LoginEndpoints.RecordSignIn(audit, context.HttpContext, context.Principal);
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = async context =>
        {
            context.HandleResponse();
            await LoginPage.Message(context.HttpContext, "Sign-in failed", context.Failure?.Message ?? "the identity provider refused the sign-in",
                StatusCodes.Status403Forbidden).ExecuteAsync(context.HttpContext);
        };
    }
}
