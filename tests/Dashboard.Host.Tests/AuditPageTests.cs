using System.Net;
using System.Reflection;
using Dashboard.Core.Audit;
using Dashboard.Tests;
using Dashboard.UI.Components.Pages;
using Dashboard.UI.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Dashboard.Host.Tests;

public sealed class AuditPageTests
{
    [Fact]
    public async Task The_audit_page_lists_the_newest_entries_first_with_the_diff_in_a_pre()
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(2)));
        var log = new AuditLogFile(folder.Combine("audit.log"), time, NullLogger<AuditLogFile>.Instance);
        log.Record(new AuditEntry("file", AuditActions.ConfigFile, "/etc/plugins.json", "instance a: config.interval_ms 1000 → 2000\ninstance b: removed"));
        time.Advance(TimeSpan.FromMinutes(1));
        log.Record(new AuditEntry("apikey:ops-bot", AuditActions.PluginInstall, "<System>"));

        var html = await RenderAsync(log);

        Assert.Matches(
            "<td class=\"time\">2026-11-25 07:31:00</td>\\s*<td>apikey:ops-bot</td>\\s*<td>plugin.install</td>\\s*<td>&lt;System&gt;</td>",
            html);
        Assert.Contains("<pre>instance a: config.interval_ms 1000 → 2000\ninstance b: removed</pre>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.True(html.IndexOf("plugin.install</td>", StringComparison.Ordinal) < html.IndexOf("config.file</td>", StringComparison.Ordinal));
        Assert.Contains("data-action=\"config.file\"", html, StringComparison.Ordinal);
        Assert.Contains("2 of 2 entries", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Load more", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_a_page_of_entries_the_page_offers_more()
    {
        using var folder = new TempFolder();
        var log = new AuditLogFile(folder.Combine("audit.log"), TimeProvider.System, NullLogger<AuditLogFile>.Instance);
        for (var i = 0; i <= Audit.PageSize; i++)
        {
            log.Record(new AuditEntry("file", AuditActions.ConfigFile, $"t{i}"));
        }

        var html = await RenderAsync(log);

        Assert.Contains($"{Audit.PageSize} of {Audit.PageSize + 1} entries", html, StringComparison.Ordinal);
        Assert.Contains("Load more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>t0</td>", html, StringComparison.Ordinal);
    }

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

    private static async Task<string> RenderAsync(IAuditLog log)
    {
        var services = new ServiceCollection().AddSingleton(log).AddMudServices().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<Audit>()).ToHtmlString());
    }
}
