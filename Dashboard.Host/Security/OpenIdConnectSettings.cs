namespace Dashboard.Host.Security;

/// <summary>The OpenID Connect provider and how its claims map to roles (<c>Dashboard:Auth:OpenIdConnect</c>).</summary>
public sealed class OpenIdConnectSettings
{
    /// <summary>The issuer URL; its <c>/.well-known/openid-configuration</c> is read at start.</summary>
    public string? Authority { get; set; }

    /// <summary>The client id registered at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret, for confidential clients.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes beyond <c>openid profile</c>.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>The claim that carries roles or groups (a string, a space-separated string, or a JSON array).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim shown as the user's name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>Claim values that grant admin; <c>admin</c> when none are configured.</summary>
    public IList<string> AdminValues { get; } = [];

    /// <summary>Claim values that grant viewer; <c>viewer</c> when none are configured; <c>*</c> lets every signed-in user view.</summary>
    public IList<string> ViewerValues { get; } = [];

    // Defaults are applied here rather than in the initialisers because the configuration binder appends to a list.
    internal IReadOnlyList<string> AdminValuesOrDefault => AdminValues.Count > 0 ? [.. AdminValues] : ["admin"];

    internal IReadOnlyList<string> ViewerValuesOrDefault => ViewerValues.Count > 0 ? [.. ViewerValues] : ["viewer"];

    /// <summary>Whether the provider must be reached over HTTPS (turn off only for a provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
