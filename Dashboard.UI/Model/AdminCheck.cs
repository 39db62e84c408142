using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.UI.Model;

/// <summary>
/// The server-side half of an admin-only action: hiding its button is not enough, since a circuit can be made to call
/// any handler, so the handler asks again who the user is.
/// </summary>
public static class AdminCheck
{
    /// <summary>The role that may change things.</summary>
    public const string Role = "admin";

    /// <summary>The circuit's user when they are an admin, else <see langword="null"/>.</summary>
    /// <param name="authentication">The cascaded authentication state, if any.</param>
    /// <returns>The admin user, or <see langword="null"/>.</returns>
    public static async Task<ClaimsPrincipal?> AdminAsync(Task<AuthenticationState>? authentication)
    {
        if (authentication is null)
        {
            return null;
        }

        var user = (await authentication).User;
        return user.IsInRole(Role) ? user : null;
    }
}
