using System.Security.Claims;

namespace Dashboard.Core.Audit;

/// <summary>Who the caller is (an HTTP request's user or a UI circuit's), as the audit log and messages name them: <c>apikey:ops-bot</c>, <c>browser:admin</c>, <c>oidc:alice</c>.</summary>
public static class AuditActor
{
    /// <summary>The claim that carries how the caller signed in (<c>apikey</c>, <c>browser</c>, <c>oidc</c>, <c>unsecured</c>).</summary>
    public const string MethodClaim = "dashboard:auth_method";

    /// <summary>The actor for a signed-in user, or <c>anonymous</c>.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The actor.</returns>
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return "anonymous";
        }

        var method = user.FindFirst(MethodClaim)?.Value ?? identity.AuthenticationType ?? "unknown";
        return identity.Name is { Length: > 0 } name ? $"{method}:{name}" : method;
    }
}
