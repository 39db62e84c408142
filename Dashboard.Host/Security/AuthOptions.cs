using System.ComponentModel.DataAnnotations;

namespace Dashboard.Host.Security;

/// <summary>Who may call the dashboard and how they prove it (<c>Dashboard:Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dashboard:Auth";

    /// <summary>How browsers sign in.</summary>
    public AuthMode Mode { get; set; } = AuthMode.BrowserToken;

    /// <summary>A key with the admin role, for automation (environment <c>Dashboard__Auth__AdminApiKey</c>).
    /// Without one (and without an admin entry in <see cref="ApiKeys"/>) a key is generated at first start, printed once and kept hashed.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>A key with the writer role, for remote_write senders.</summary>
    public string? WriterApiKey { get; set; }

    /// <summary>Further keys, each with a name and a role, stored as the SHA-256 of the key.</summary>
    public IList<ApiKeyEntry> ApiKeys { get; } = [];

    /// <summary>A fixed browser token instead of a fresh one-time token per start (reusable; for kiosks and tests).</summary>
    public string? BrowserToken { get; set; }

    /// <summary>How long a browser session lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Whether <c>/metrics</c> is open to anyone (the Prometheus default) or needs the viewer role.</summary>
    public bool PublicMetrics { get; set; } = true;

    /// <summary>The OpenID Connect provider, for <see cref="AuthMode.OpenIdConnect"/>.</summary>
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
}

/// <summary>One API key: who it is for, what it may do, and the SHA-256 of the key (hex), never the key itself. Checked by <see cref="ValidateAuthOptions"/>.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The name shown in the audit log (<c>apikey:&lt;name&gt;</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The role the key grants.</summary>
    public DashboardRole Role { get; set; } = DashboardRole.Viewer;

    /// <summary>The SHA-256 of the key as 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}
