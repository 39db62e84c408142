using System.Security.Claims;
using Dashboard.Host.Security;

namespace Dashboard.Host.Tests.Security.Oidc;

/// <summary>The role claim's value shapes beyond what the end-to-end tests send through the provider.</summary>
public sealed class OpenIdConnectRolesTests
{
    [Theory]
    [InlineData("dashboard-admins", DashboardRole.Admin)]
    [InlineData("staff dashboard-viewers", DashboardRole.Viewer)]
    [InlineData("staff,dashboard-admins", DashboardRole.Admin)]
    [InlineData("""["staff","dashboard-viewers"]""", DashboardRole.Viewer)]
    [InlineData("""  [ "dashboard-viewers", "dashboard-admins" ] """, DashboardRole.Admin)]
    [InlineData("Dashboard Admins", DashboardRole.Admin)]
    [InlineData("[not json, dashboard-viewers", DashboardRole.Viewer)]
    [InlineData("staff", null)]
    [InlineData("", null)]
    [InlineData("[]", null)]
    [InlineData("dashboard-admins-old", null)]
    public void One_claim_value_in_any_shape_gives_the_highest_role_it_names(string value, DashboardRole? expected) =>
        Assert.Equal(expected, OpenIdConnectRoles.Resolve(User(new Claim("groups", value)), Settings()));

    [Fact]
    public void Several_claims_of_the_type_count_together_and_other_claim_types_do_not()
    {
        var user = User(new Claim("groups", "staff"), new Claim("groups", "dashboard-viewers"), new Claim("roles", "dashboard-admins"));

        Assert.Equal(DashboardRole.Viewer, OpenIdConnectRoles.Resolve(user, Settings()));
    }

    [Fact]
    public void A_star_lets_every_signed_in_user_view_and_the_defaults_are_admin_and_viewer()
    {
        var everyone = Settings();
        everyone.ViewerValues.Add("*");
        var defaults = new OpenIdConnectSettings();

        Assert.Equal(DashboardRole.Viewer, OpenIdConnectRoles.Resolve(User(), everyone));
        Assert.Equal(DashboardRole.Admin, OpenIdConnectRoles.Resolve(User(new Claim("roles", """["admin"]""")), defaults));
        Assert.Equal(DashboardRole.Viewer, OpenIdConnectRoles.Resolve(User(new Claim("roles", "viewer")), defaults));
        Assert.Null(OpenIdConnectRoles.Resolve(User(new Claim("roles", "Admin")), defaults));
    }

    private static OpenIdConnectSettings Settings()
    {
        var settings = new OpenIdConnectSettings { RoleClaim = "groups" };
        settings.AdminValues.Add("dashboard-admins");
        settings.AdminValues.Add("Dashboard Admins");
        settings.ViewerValues.Add("dashboard-viewers");
        return settings;
    }

    private static ClaimsPrincipal User(params Claim[] claims) => new(new ClaimsIdentity(claims, "oidc"));
}
