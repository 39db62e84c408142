using Dashboard.Core.Plugins;
using Dashboard.Core.Plugins.Packages;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Plugins.Packages;

public sealed class PluginInstallerTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _root = new();
    private readonly PluginCatalog _catalog;
    private readonly PluginInstaller _installer;

    public PluginInstallerTests()
    {
        _catalog = new PluginCatalog(_root.Combine("plugins"), TimeProvider.System, NullLogger<PluginCatalog>.Instance);
        _installer = new PluginInstaller(_catalog, Options.Create(new PluginUploadOptions { MaxBytes = 1 << 20 }),
            NullLogger<PluginInstaller>.Instance);
    }

    public Task InitializeAsync() => _catalog.StartAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _catalog.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task An_installed_zip_is_in_the_plugins_folder_and_loaded_when_install_returns()
    {
        var installation = await InstallAsync(TestZips.OfPlugin("Counting"), name: null, fileName: "Counting.zip");

        Assert.Equal(new PluginInstallation("Counting", 4, installation.Bytes, false), installation);
        Assert.Equal(("Counting", "1.0.0"), (_catalog.Find("Counting")?.Name, _catalog.Find("Counting")?.Version));
        Assert.Equal(Path.Combine(_catalog.PluginsPath, "Counting"), Assert.Single(Directory.GetDirectories(_catalog.PluginsPath)));
        Assert.Empty(Directory.GetFileSystemEntries(_installer.StagingPath));
    }

    [Fact]
    public async Task Installing_over_a_plugin_replaces_its_folder_and_reloads_it()
    {
        await InstallAsync(TestZips.OfPlugin("Counting"), "Counting", null);

        var installation = await InstallAsync(TestZips.OfPlugin("CountingV2", topFolder: "Counting"), null, null);

        Assert.True(installation.Replaced);
        Assert.Equal("2.0.0", _catalog.Find("Counting")?.Version);
        Assert.Empty(Directory.GetFileSystemEntries(_installer.StagingPath));
    }

    [Fact]
    public async Task A_refused_zip_leaves_the_plugins_folder_and_the_staging_folder_as_they_were()
    {
        await InstallAsync(TestZips.OfPlugin("Counting"), "Counting", null);
        var before = Snapshot();

        await Assert.ThrowsAsync<PluginPackageException>(() =>
            InstallAsync(TestZips.Raw(TestZips.File("Counting.dll"), TestZips.File("../Evil.dll")), "Counting", null));

        Assert.Equal(before, Snapshot());
        Assert.Equal("1.0.0", _catalog.Find("Counting")?.Version);
        Assert.Empty(Directory.GetFileSystemEntries(_installer.StagingPath));
    }

    [Fact]
    public async Task An_upload_above_the_size_cap_is_refused_and_nothing_is_kept()
    {
        using var body = new MemoryStream(new byte[(1 << 20) + 1]);

        await Assert.ThrowsAsync<PluginUploadTooLargeException>(() => _installer.ReceiveAsync(body, CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(_installer.StagingPath));
    }

    [Theory]
    [InlineData(null, null, "has no name")]
    [InlineData("../up", null, "cannot name a plugin folder")]
    [InlineData(null, "bad name.zip", "cannot name a plugin folder")]
    public async Task A_plugin_without_a_usable_name_is_refused(string? name, string? fileName, string message)
    {
        var error = await Assert.ThrowsAsync<PluginPackageException>(() => InstallAsync(TestZips.OfPlugin("Counting"), name, fileName));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_catalog.PluginsPath));
    }

    [Fact]
    public async Task Removing_a_plugin_takes_its_folder_away_and_unloads_it()
    {
        await InstallAsync(TestZips.OfPlugin("Counting"), "Counting", null);

        Assert.True(await _installer.RemoveAsync("Counting", CancellationToken.None));

        Assert.Null(_catalog.Find("Counting"));
        Assert.Empty(Directory.GetFileSystemEntries(_catalog.PluginsPath));
        Assert.False(await _installer.RemoveAsync("Counting", CancellationToken.None));
        Assert.False(await _installer.RemoveAsync("..", CancellationToken.None));
    }

    private async Task<PluginInstallation> InstallAsync(byte[] zip, string? name, string? fileName)
    {
        using var body = new MemoryStream(zip);
        using var upload = await _installer.ReceiveAsync(body, CancellationToken.None);
        return await _installer.InstallAsync(upload, name, fileName, CancellationToken.None);
    }

    private string[] Snapshot() =>
        [.. Directory.GetFiles(_catalog.PluginsPath, "*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(_catalog.PluginsPath, f)}:{new FileInfo(f).Length}")
            .Order(StringComparer.Ordinal)];
}
