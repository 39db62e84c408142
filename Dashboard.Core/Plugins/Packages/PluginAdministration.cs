using Dashboard.Core.Audit;

namespace Dashboard.Core.Plugins.Packages;

/// <summary>
/// The admin's plugin actions as the API and the UI both perform them: install a received zip, remove a folder,
/// reload one, each recorded in the audit log with the same wording whoever asked.
/// </summary>
/// <param name="installer">Unpacks, places and removes plugin folders.</param>
/// <param name="catalog">The catalog that loads them.</param>
/// <param name="audit">Where each action is recorded.</param>
public sealed class PluginAdministration(PluginInstaller installer, PluginCatalog catalog, IAuditLog audit)
{
    /// <summary>The upload limits (<c>Dashboard:Plugins:Upload</c>).</summary>
    public PluginUploadOptions Limits => installer.Limits;

    /// <summary>Receives a zip into the staging folder, counting its bytes against the limit.</summary>
    /// <param name="content">The zip as sent.</param>
    /// <param name="cancellationToken">Cancels the receipt.</param>
    /// <returns>The received zip; dispose it to delete it.</returns>
    /// <exception cref="PluginUploadTooLargeException">The zip is larger than the limit; nothing is kept.</exception>
    public Task<PluginUpload> ReceiveAsync(Stream content, CancellationToken cancellationToken) =>
        installer.ReceiveAsync(content, cancellationToken);

    /// <summary>Installs a received zip (see <see cref="PluginInstaller.InstallAsync"/>) and audits it.</summary>
    /// <param name="upload">The received zip.</param>
    /// <param name="name">The folder name the caller gave, if any.</param>
    /// <param name="fileName">The uploaded file's name, if any.</param>
    /// <param name="actor">Who asked (<see cref="AuditActor.Of"/>).</param>
    /// <param name="cancellationToken">Cancels the unpacking.</param>
    /// <returns>What was installed and the plugins its folder holds now.</returns>
    /// <exception cref="PluginPackageException">The zip or the name is refused; nothing changed and nothing is audited.</exception>
    public async Task<PluginInstallOutcome> InstallAsync(PluginUpload upload, string? name, string? fileName, string actor,
        CancellationToken cancellationToken)
    {
        var installation = await installer.InstallAsync(upload, name, fileName, cancellationToken).ConfigureAwait(false);
        var plugins = catalog.DescribeFolder(installation.Name);
        audit.Record(new AuditEntry(actor, AuditActions.PluginInstall, installation.Name,
            $"version {VersionOf(plugins)}, {installation.Files} files, {installation.Bytes} bytes" +
            (installation.Replaced ? ", replacing the previous copy" : "") + $"; {Outcome(plugins)}"));
        return new PluginInstallOutcome(installation, plugins);
    }

    /// <summary>Removes a plugin folder (its plugins unload) and audits it.</summary>
    /// <param name="name">The folder's name.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels the wait for the catalog.</param>
    /// <returns>What the folder's plugins are now, or <see langword="null"/> when there is no such folder.</returns>
    public async Task<IReadOnlyList<PluginInfo>?> RemoveAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var before = catalog.DescribeFolder(name);
        if (!await installer.RemoveAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        audit.Record(new AuditEntry(actor, AuditActions.PluginRemove, name, $"version {VersionOf(before)} removed"));
        return catalog.DescribeFolder(name);
    }

    /// <summary>Loads a plugin folder again from disk and audits it.</summary>
    /// <param name="name">The folder's name.</param>
    /// <param name="actor">Who asked.</param>
    /// <param name="cancellationToken">Cancels the reload.</param>
    /// <returns>The folder's plugins after the reload, or <see langword="null"/> when there is no such folder.</returns>
    public async Task<IReadOnlyList<PluginInfo>?> ReloadAsync(string name, string actor, CancellationToken cancellationToken)
    {
        var before = VersionOf(catalog.DescribeFolder(name));
        if (!installer.Exists(name) || !await catalog.ReloadAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var plugins = catalog.DescribeFolder(name);
        audit.Record(new AuditEntry(actor, AuditActions.PluginReload, name, $"version {before} → {VersionOf(plugins)}; {Outcome(plugins)}"));
        return plugins;
    }

    /// <summary>The message for a folder that is not there, as the API and the UI show it.</summary>
    /// <param name="name">The folder's name.</param>
    /// <returns>The message.</returns>
    public string NotFoundMessage(string name) => $"No plugin folder named '{name}' in {catalog.PluginsPath}.";

    private static string VersionOf(IReadOnlyList<PluginInfo> plugins) =>
        plugins.Count > 0 && plugins[0].Version is { } version ? version : "unknown";

    private static string Outcome(IReadOnlyList<PluginInfo> plugins) =>
        plugins.Count == 0 ? "not loaded yet"
        : plugins.FirstOrDefault(p => p.Error is not null) is { } failed ? $"{failed.State.ToString().ToLowerInvariant()}: {failed.Error}"
        : "loaded: " + string.Join(", ", plugins.Select(p => p.Name));
}
