using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Dashboard.Host.Tests.Security.Oidc;

/// <summary>
/// A real OpenID Connect provider (OpenIddict's server) on Kestrel at 127.0.0.1, inside the test process: discovery,
/// keys, the authorization-code flow with PKCE for one confidential client registered in memory, ID tokens and a
/// user-info endpoint. There is no login form: the authorize endpoint signs in the user the test chose with
/// <see cref="SignInAs"/>, as if that user had typed their password. No database (OpenIddict's degraded mode), so the
/// client and its redirect address are checked here.
/// </summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "dashboard-tests";

    public const string ClientSecret = "idp-client-secret-5c1e9a";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TestUser> _issued = new(StringComparer.Ordinal);
    private TestUser? _next;
    private int _authorizations;
    private int _refusedClients;

    private TestIdentityProvider(WebApplication app) => _app = app;

    /// <summary>The issuer, the dashboard's <c>Authority</c>.</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>How many authorization requests reached the provider.</summary>
    public int Authorizations => Volatile.Read(ref _authorizations);

    /// <summary>How many token requests were refused for a wrong client or secret.</summary>
    public int RefusedClients => Volatile.Read(ref _refusedClients);

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        TestIdentityProvider? provider = null;
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetUserInfoEndpointUris("connect/userinfo");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile);
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .DisableTransportSecurityRequirement();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, $"unknown client '{context.ClientId}'");
                }
                else if (!Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var redirect)
                         || !IPAddress.TryParse(redirect.Host, out var ip) || !IPAddress.IsLoopback(ip)
                         || redirect.AbsolutePath != "/signin-oidc")
                {
                    context.Reject(Errors.InvalidRequest, $"redirect_uri '{context.RedirectUri}' is not registered");
                }

                return ValueTask.CompletedTask;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    Interlocked.Increment(ref provider!._refusedClients);
                    context.Reject(Errors.InvalidClient, "wrong client id or secret");
                }

                return ValueTask.CompletedTask;
            }));
        });

        var app = builder.Build();
        provider = new TestIdentityProvider(app);
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)provider.Authorize);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], (Delegate)provider.UserInfoAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Authority = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>The user the next authorization request signs in.</summary>
    public void SignInAs(TestUser user) => Volatile.Write(ref _next, user);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Authorize(HttpContext context)
    {
        Interlocked.Increment(ref _authorizations);
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
        var user = Volatile.Read(ref _next) ?? throw new InvalidOperationException("the test chose no user (SignInAs)");
        _issued[user.Name] = user;

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.PreferredUsername, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Name));
        identity.AddClaim(new Claim(Claims.PreferredUsername, user.Name));
        identity.AddClaims(user.IdTokenClaims);
        identity.SetScopes(request.GetScopes());
        // The subject also goes into the access token, by which the user-info endpoint finds the user.
        identity.SetDestinations(claim => claim.Type == Claims.Subject
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> UserInfoAsync(HttpContext context)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var subject = token.Principal?.GetClaim(Claims.Subject);
        if (subject is null || !_issued.TryGetValue(subject, out var user))
        {
            return Results.Challenge(properties: null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var answer = new Dictionary<string, object>
        {
            [Claims.Subject] = user.Name,
            [Claims.PreferredUsername] = user.Name,
        };
        if (user.UserInfoRoles is { } roles)
        {
            answer[TestUser.RoleClaim] = roles;
        }

        return Results.Json(answer);
    }
}
