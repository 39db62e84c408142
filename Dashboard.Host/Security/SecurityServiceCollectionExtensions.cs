using Dashboard.Core.Audit;
using Dashboard.Core.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Security;

/// <summary>
/// Registers authentication (API keys always; a browser cookie signed in by one-time token, API key or OpenID Connect;
/// or Unsecured on loopback), the role policies, and session keys kept under the data path so sessions survive a restart.
/// </summary>
internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthOptions.Section);
        services.AddOptions<AuthOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, ValidateAuthOptions>();
        var options = section.Get<AuthOptions>() ?? new AuthOptions();

        services.AddSingleton(sp =>
        {
            var auth = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
            var generated = ApiKeyRing.HasAdminKey(auth)
                ? null
                : GeneratedAdminKey.LoadOrCreate(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.DataPath, Console.Out);
            return new ApiKeyRing(auth, generated);
        });
        services.AddSingleton<BrowserTokens>();
        services.AddHostedService<AuthStartup>();
        if (options.Mode == AuthMode.BrowserToken)
        {
            services.AddHostedService<LoginUrlAnnouncer>();
        }

        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DashboardOptions>, ILoggerFactory>((keys, dashboard, logs) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(dashboard.Value.DataPath, "keys")), logs));
        services.AddDataProtection().SetApplicationName("Dashboard");

        var authentication = services.AddAuthentication(AuthSchemes.Dashboard)
            .AddPolicyScheme(AuthSchemes.Dashboard, null, o => o.ForwardDefaultSelector = context => Select(context, options.Mode))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, UnsecuredAuthenticationHandler>(AuthSchemes.Unsecured, null)
            .AddCookie(AuthSchemes.Cookie, cookie => ConfigureCookie(cookie, options));
        if (options.Mode == AuthMode.OpenIdConnect)
        {
            authentication.AddOpenIdConnect(AuthSchemes.OpenIdConnect, oidc => OpenIdConnectSetup.Configure(oidc, options.OpenIdConnect));
        }

        services.AddAuthorization(DashboardPolicies.Add);
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static IApplicationBuilder UseDashboardSecurity(this IApplicationBuilder app) =>
        app.UseSecurityHeaders().UseAuthentication().UseAuthorization();

    // A bearer token means an API client; a session cookie or a page navigation means a browser; anything else is an
    // API client without credentials, who gets a 401 rather than a redirect to a login page.
    private static string Select(HttpContext context, AuthMode mode) =>
        RequestKind.HasBearer(context.Request) ? AuthSchemes.ApiKey
        : mode == AuthMode.Unsecured ? AuthSchemes.Unsecured
        : context.Request.Cookies.ContainsKey(AuthSchemes.CookieName) || RequestKind.IsPageNavigation(context.Request) ? AuthSchemes.Cookie
        : AuthSchemes.ApiKey;

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, AuthOptions options)
    {
        cookie.Cookie.Name = AuthSchemes.CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = options.SessionLifetime;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = "/login";
        cookie.LogoutPath = "/logout";
        cookie.AccessDeniedPath = "/access-denied";
        cookie.ReturnUrlParameter = "returnUrl";
        cookie.Events.OnRedirectToLogin = context =>
        {
            if (!RequestKind.IsPageNavigation(context.Request))
            {
                return AccessProblems.WriteUnauthorizedAsync(context.HttpContext, "the browser session expired or is not valid; sign in again");
            }

            context.Response.Redirect(options.Mode == AuthMode.OpenIdConnect
                ? $"{context.Request.PathBase}/login/oidc?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}"
                : context.RedirectUri);
            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            if (!RequestKind.IsPageNavigation(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return AccessProblems.WriteForbiddenAsync(context.HttpContext);
            }

            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        };
    }
}
