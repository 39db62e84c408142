using System.Net;
using Bunit;
using Dashboard.Core.Audit;
using Dashboard.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using AuditPage = Dashboard.UI.Components.Pages.Audit;

namespace Dashboard.UI.Tests.Audit;

/// <summary>The audit page over a real audit log file (its filter and admin-only route are tested in Dashboard.Host.Tests).</summary>
public sealed class AuditPageTests : UiTestContext
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
        for (var i = 0; i <= AuditPage.PageSize; i++)
        {
            log.Record(new AuditEntry("file", AuditActions.ConfigFile, $"t{i}"));
        }

        var html = await RenderAsync(log);

        Assert.Contains($"{AuditPage.PageSize} of {AuditPage.PageSize + 1} entries", html, StringComparison.Ordinal);
        Assert.Contains("Load more", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>t0</td>", html, StringComparison.Ordinal);
    }

    private async Task<string> RenderAsync(IAuditLog log)
    {
        Services.AddSingleton(log);
        SetRendererInfo(new RendererInfo("Server", true));
        var page = Render<AuditPage>();
        await page.WaitForStateAsync(() => page.FindAll("tbody tr").Count > 0);
        return page.Markup;
    }
}
