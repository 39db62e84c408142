using System.Reflection;
using Dashboard.Core.Audit;
using Dashboard.UI.Components.Pages;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Host.Tests;

public sealed class AuditPageTests
{
    [Fact]
    public void The_audit_page_is_for_admins_only()
    {
        var authorize = typeof(Audit).GetCustomAttribute<AuthorizeAttribute>();

        Assert.Equal("admin", authorize?.Roles);
        Assert.Equal("/audit", typeof(Audit).GetCustomAttribute<RouteAttribute>()?.Template);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("config.file", "", true)]
    [InlineData("plugin.install", "", false)]
    [InlineData("", "INTERVAL", true)]
    [InlineData("", "ops-bot", true)]
    [InlineData("", "plugins.json", true)]
    [InlineData("config.file", "nowhere", false)]
    public void The_filter_takes_one_action_and_text_found_in_any_field(string action, string text, bool shown)
    {
        var record = new AuditRecord(DateTimeOffset.UnixEpoch,
            new AuditEntry("apikey:ops-bot", AuditActions.ConfigFile, "/etc/plugins.json", "instance a: config.interval_ms 1000 → 2000"));

        Assert.Equal(shown, AuditFilter.Matches(record, action, text));
    }
}
