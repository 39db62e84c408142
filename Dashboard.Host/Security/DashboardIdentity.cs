using Dashboard.Core.Audit;
using System.Security.Claims;

namespace Dashboard.Host.Security;

/// <summary>The principal every sign-in method produces: a name, one role, and how the caller signed in.</summary>
internal static class DashboardIdentity
{
    public static ClaimsPrincipal Create(string method, string name, DashboardRole role, IEnumerable<Claim>? extra = null)
    {
        var identity = new ClaimsIdentity(method, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ClaimTypes.Role, DashboardPolicies.ClaimValue(role)));
        identity.AddClaim(new Claim(AuditActor.MethodClaim, method));
        if (extra is not null)
        {
            identity.AddClaims(extra);
        }

        return new ClaimsPrincipal(identity);
    }
}
