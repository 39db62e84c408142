using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Security;

/// <summary>
/// <see cref="AuthMode.Unsecured"/>: a request that arrived on a loopback address is admin. The start-up check refuses
/// other addresses; this check per request holds even if a listener was added later.
/// </summary>
internal sealed class UnsecuredAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var local = Context.Connection.LocalIpAddress;
        if (local is not null && !IPAddress.IsLoopback(local))
        {
            return Task.FromResult(AuthenticateResult.Fail($"the Unsecured mode serves loopback only; this request came in on {local}"));
        }

        var principal = DashboardIdentity.Create("unsecured", "local", DashboardRole.Admin);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AccessProblems.WriteUnauthorizedAsync(Context, result.Failure?.Message);
    }
}
