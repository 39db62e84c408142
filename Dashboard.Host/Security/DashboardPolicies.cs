using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Host.Security;

/// <summary>The authorization policy behind each role. Admin satisfies every policy; viewer and writer only their own.</summary>
public static class DashboardPolicies
{
    /// <summary>Read pages and APIs.</summary>
    public const string Viewer = "dashboard.viewer";

    /// <summary>Send remote_write.</summary>
    public const string Writer = "dashboard.writer";

    /// <summary>Change things and look inside the process.</summary>
    public const string Admin = "dashboard.admin";

    /// <summary>The policy name for a role.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The policy name.</returns>
    public static string For(DashboardRole role) => role switch
    {
        DashboardRole.Viewer => Viewer,
        DashboardRole.Writer => Writer,
        DashboardRole.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>The role claim value of a role, as carried in the caller's identity.</summary>
    /// <param name="role">The role.</param>
    /// <returns><c>viewer</c>, <c>writer</c> or <c>admin</c>.</returns>
    public static string ClaimValue(DashboardRole role) => role.ToString().ToLowerInvariant();

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, p => p.RequireAuthenticatedUser().RequireRole(ClaimValue(DashboardRole.Viewer), ClaimValue(DashboardRole.Admin)));
        options.AddPolicy(Writer, p => p.RequireAuthenticatedUser().RequireRole(ClaimValue(DashboardRole.Writer), ClaimValue(DashboardRole.Admin)));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(ClaimValue(DashboardRole.Admin)));

        // A route that forgot to declare its access is admin-only rather than open.
        options.FallbackPolicy = options.GetPolicy(Admin);
    }
}
