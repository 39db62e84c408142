using Dashboard.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Host.Tests.Security.Oidc;

/// <summary>
/// The test identity provider and a dashboard (real Kestrel, one collecting instance) signing in there with
/// <c>Dashboard:Auth:Mode=OpenIdConnect</c>, roles from the <c>groups</c> claim the way Entra ID and Keycloak send it.
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    internal TestIdentityProvider Provider { get; private set; } = null!;

    internal DashboardHost Dashboard { get; private set; } = null!;

    /// <summary>The audit log file, <c>&lt;DataPath&gt;/audit/audit.log</c>.</summary>
    internal string AuditLogPath =>
        Path.Combine(Dashboard.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.DataPath, "audit", "audit.log");

    public async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        Dashboard = DashboardHost.Start(Settings(),
            """{ "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }""",
            "Counting");
    }

    /// <summary>The dashboard's settings for signing in at <see cref="Provider"/>.</summary>
    internal Dictionary<string, string> Settings() => new()
    {
        ["Dashboard:Auth:Mode"] = "OpenIdConnect",
        ["Dashboard:Auth:OpenIdConnect:Authority"] = Provider.Authority.ToString(),
        ["Dashboard:Auth:OpenIdConnect:ClientId"] = TestIdentityProvider.ClientId,
        ["Dashboard:Auth:OpenIdConnect:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Dashboard:Auth:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Dashboard:Auth:OpenIdConnect:RoleClaim"] = TestUser.RoleClaim,
        ["Dashboard:Auth:OpenIdConnect:AdminValues:0"] = TestUser.AdminGroup,
        ["Dashboard:Auth:OpenIdConnect:ViewerValues:0"] = TestUser.ViewerGroup,
    };

    public async Task DisposeAsync()
    {
        await Dashboard.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
