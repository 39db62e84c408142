using Bunit;
using Dashboard.UI.Components.Layout;

namespace Dashboard.UI.Tests.Layout;

public sealed class NavMenuTests : UiTestContext
{
    [Fact]
    public void A_viewer_sees_the_pages_but_not_diagnostics_or_the_audit_log()
    {
        AddAuthorization().SetAuthorized("viewer").SetRoles("viewer");

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["", "explorer", "dashboards", "plugins", "instances"], links);
    }

    [Fact]
    public void An_admin_also_sees_diagnostics_and_the_audit_log_and_every_link_is_relative_to_the_base()
    {
        AddAuthorization().SetAuthorized("admin").SetRoles("admin");

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("diagnostics", links);
        Assert.Contains("audit", links);
        Assert.All(links, href => Assert.False(href.StartsWith('/'), $"'{href}' ignores the path prefix"));
    }
}
