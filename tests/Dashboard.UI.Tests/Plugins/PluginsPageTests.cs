using Bunit;
using Dashboard.Core.Audit;
using Dashboard.Core.Plugins;
using Dashboard.Core.Plugins.Packages;
using Dashboard.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PluginsPage = Dashboard.UI.Components.Pages.Plugins;

namespace Dashboard.UI.Tests.Plugins;

/// <summary>The plugins page over a real catalog of a folder holding one plugin that fails to load.</summary>
public sealed class PluginsPageTests : UiTestContext
{
    private readonly TempFolder _folder = new();
    private PluginCatalog _catalog = null!;

    public override async Task InitializeAsync()
    {
        var plugins = _folder.Combine("plugins");
        Directory.CreateDirectory(Path.Combine(plugins, "Broken"));
        await File.WriteAllTextAsync(Path.Combine(plugins, "Broken", "Broken.dll"), "not an assembly");
        _catalog = new PluginCatalog(plugins, TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        await _catalog.StartAsync(CancellationToken.None);
        var installer = new PluginInstaller(_catalog, Options.Create(new PluginUploadOptions()), NullLogger<PluginInstaller>.Instance);
        var audit = new AuditLogFile(_folder.Combine("audit.log"), TimeProvider.System, NullLogger<AuditLogFile>.Instance);
        Services.AddSingleton(_catalog);
        Services.AddSingleton(new PluginAdministration(installer, _catalog, audit));
        Services.AddSingleton(TimeProvider.System);
    }

    // The context goes first (its page uses the catalog), then the catalog and its folder.
    protected override Task DisposeTestResourcesAsync()
    {
        _catalog.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void A_viewer_sees_every_plugin_and_its_error_but_no_action()
    {
        AddAuthorization().SetAuthorized("viewer").SetRoles("viewer");
        SetRendererInfo(new RendererInfo("Server", true));

        var page = Render<PluginsPage>();

        var row = page.Find("tr[data-plugin=Broken]");
        Assert.Equal("failed", row.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(row.QuerySelector("[data-testid=plugin-error]")!.TextContent));
        Assert.Empty(page.FindAll("[data-testid=upload-button]"));
        Assert.Empty(page.FindAll("[data-testid=remove]"));
        Assert.Empty(page.FindAll("[data-testid=reload]"));
    }

    [Fact]
    public void An_admin_gets_upload_reload_and_remove()
    {
        AddAuthorization().SetAuthorized("admin").SetRoles("admin");
        SetRendererInfo(new RendererInfo("Server", true));

        var page = Render<PluginsPage>();

        Assert.Single(page.FindAll("[data-testid=upload-button]"));
        Assert.Equal("Remove Broken", page.Find("tr[data-plugin=Broken] [data-testid=remove]").GetAttribute("aria-label"));
        Assert.Single(page.FindAll("tr[data-plugin=Broken] [data-testid=reload]"));
    }
}
