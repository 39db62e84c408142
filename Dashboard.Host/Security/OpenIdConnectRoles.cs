using System.Security.Claims;
using System.Text.Json;

namespace Dashboard.Host.Security;

/// <summary>
/// Turns the provider's role or group claim into one dashboard role. Providers send it as one claim per value, as one
/// space- or comma-separated string (the whole string counts as a value as well), or as a JSON array in a single claim
/// (Keycloak, Entra ID groups): all three count.
/// </summary>
internal static class OpenIdConnectRoles
{
    public static DashboardRole? Resolve(ClaimsPrincipal user, OpenIdConnectSettings settings)
    {
        var values = user.FindAll(settings.RoleClaim).SelectMany(c => Split(c.Value)).ToHashSet(StringComparer.Ordinal);
        if (settings.AdminValuesOrDefault.Any(values.Contains))
        {
            return DashboardRole.Admin;
        }

        var viewers = settings.ViewerValuesOrDefault;
        return viewers.Contains("*") || viewers.Any(values.Contains) ? DashboardRole.Viewer : null;
    }

    private static List<string> Split(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var array = JsonDocument.Parse(trimmed);
                return array.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
            }
            catch (JsonException)
            {
                // Not JSON after all: read it as a plain list below.
            }
        }

        // The whole value counts too: a single group named "Dashboard Admins" is one value, not two.
        return [trimmed, .. trimmed.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
