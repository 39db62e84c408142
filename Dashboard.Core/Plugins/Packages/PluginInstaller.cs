using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Plugins.Packages;

/// <summary>
/// Installs and removes plugin folders for the API. A zip is received and unpacked in a staging folder beside the
/// plugins folder (same file system), then renamed into <c>&lt;PluginsPath&gt;/&lt;name&gt;</c>, so the catalog never
/// sees a half-written plugin; a replaced or removed folder is first renamed out of the plugins folder, then deleted.
/// After each change the catalog rescans at once rather than waiting for its watcher.
/// </summary>
public sealed partial class PluginInstaller
{
    // Long enough for a slow plugin constructor (PluginCode's own timeout), short enough to answer the request.
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StaleStaging = TimeSpan.FromHours(1);

    private readonly PluginCatalog _catalog;
    private readonly ILogger<PluginInstaller> _logger;
    private readonly Lock _moves = new();

    /// <summary>Creates the installer.</summary>
    /// <param name="catalog">The catalog whose plugins folder it changes.</param>
    /// <param name="options">The upload limits.</param>
    /// <param name="logger">The logger.</param>
    public PluginInstaller(PluginCatalog catalog, IOptions<PluginUploadOptions> options, ILogger<PluginInstaller> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _logger = logger;
        Limits = options.Value;
        StagingPath = Path.Combine(Path.GetDirectoryName(catalog.PluginsPath) ?? catalog.PluginsPath, ".plugin-staging");
    }

    /// <summary>The upload limits.</summary>
    public PluginUploadOptions Limits { get; }

    /// <summary>Where uploads are received and unpacked: <c>.plugin-staging</c> beside the plugins folder.</summary>
    public string StagingPath { get; }

    /// <summary>Receives an uploaded zip into the staging folder, counting its bytes against <see cref="PluginUploadOptions.MaxBytes"/>.</summary>
    /// <param name="content">The zip as sent.</param>
    /// <param name="cancellationToken">Cancels the receipt.</param>
    /// <returns>The received zip; dispose it to delete it.</returns>
    /// <exception cref="PluginUploadTooLargeException">The zip is larger than the limit; nothing is kept.</exception>
    public async Task<PluginUpload> ReceiveAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(StagingPath);
        SweepStaging();
        var path = Path.Combine(StagingPath, $"{Guid.NewGuid():N}.zip");
        var buffer = new byte[81920];
        long bytes = 0;
        try
        {
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    bytes += read;
                    if (bytes > Limits.MaxBytes)
                    {
                        throw new PluginUploadTooLargeException(
                            $"the upload is larger than {Limits.MaxBytes} bytes (Dashboard:Plugins:Upload:MaxBytes)");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }

            return new PluginUpload(path, bytes);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// Unpacks a received zip and puts it in the plugins folder under its name: <paramref name="name"/> when given,
    /// else the zip's one top folder, else <paramref name="fileName"/> without <c>.zip</c>. A folder of that name is replaced.
    /// </summary>
    /// <param name="upload">The received zip.</param>
    /// <param name="name">The name the caller gave, if any.</param>
    /// <param name="fileName">The uploaded file's name, if any.</param>
    /// <param name="cancellationToken">Cancels the unpacking.</param>
    /// <returns>What was installed; the catalog has scanned it (or is still loading it after a bounded wait).</returns>
    /// <exception cref="PluginPackageException">The zip or the name is refused; the plugins folder is unchanged.</exception>
    public async Task<PluginInstallation> InstallAsync(PluginUpload upload, string? name, string? fileName,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var unpacked = Path.Combine(StagingPath, Guid.NewGuid().ToString("N"));
        try
        {
            PluginPackageContents contents;
            var zip = new FileStream(upload.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            await using (zip.ConfigureAwait(false))
            {
                contents = await PluginPackage.ExtractAsync(zip, unpacked, Limits, cancellationToken).ConfigureAwait(false);
            }

            var pluginName = ChooseName(name, contents.TopFolder, fileName);
            var replaced = MoveIntoPlace(unpacked, pluginName);
            LogInstalled(pluginName, contents.Files, contents.Bytes, replaced);
            await RescanAsync(cancellationToken).ConfigureAwait(false);
            return new PluginInstallation(pluginName, contents.Files, contents.Bytes, replaced);
        }
        finally
        {
            DeleteFolder(unpacked);
        }
    }

    /// <summary>Removes a plugin's folder (the catalog unloads it).</summary>
    /// <param name="name">The plugin folder's name.</param>
    /// <param name="cancellationToken">Cancels the wait for the catalog.</param>
    /// <returns><see langword="false"/> when there is no such folder.</returns>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (!PluginPackage.IsValidName(name))
        {
            return false;
        }

        var target = Path.Combine(_catalog.PluginsPath, name);
        var removed = Path.Combine(StagingPath, $"{Guid.NewGuid():N}.removed");
        lock (_moves)
        {
            if (!Directory.Exists(target))
            {
                return false;
            }

            Directory.CreateDirectory(StagingPath);
            Directory.Move(target, removed);
        }

        DeleteFolder(removed);
        LogRemoved(name);
        await RescanAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether a plugin folder of that name exists.</summary>
    /// <param name="name">The plugin folder's name.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Exists(string name) => PluginPackage.IsValidName(name) && Directory.Exists(Path.Combine(_catalog.PluginsPath, name));

    private static string ChooseName(string? name, string? topFolder, string? fileName)
    {
        var (chosen, source) = name is { Length: > 0 } ? (name, "the name given")
            : topFolder is not null ? (topFolder, "the zip's top folder")
            : FileStem(fileName) is { } stem ? (stem, "the zip's file name")
            : (null, null);
        if (chosen is null)
        {
            throw new PluginPackageException(
                "the plugin has no name: send a 'name' form field (or ?name=), put its files in one top folder, or upload a file named <Name>.zip");
        }

        return PluginPackage.IsValidName(chosen) ? chosen : throw new PluginPackageException(
            $"'{chosen}' ({source}) cannot name a plugin folder: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128");
    }

    private static string? FileStem(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return null;
        }

        // Browsers on Windows may send a full path; only its last part names the file.
        var last = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        return last.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? last[..^4] : last;
    }

    private bool MoveIntoPlace(string unpacked, string name)
    {
        var target = Path.Combine(_catalog.PluginsPath, name);
        var previous = Path.Combine(StagingPath, $"{Guid.NewGuid():N}.previous");
        bool replaced;
        lock (_moves)
        {
            Directory.CreateDirectory(_catalog.PluginsPath);
            replaced = Directory.Exists(target);
            if (replaced)
            {
                Directory.Move(target, previous);
            }

            try
            {
                Directory.Move(unpacked, target);
            }
            catch when (replaced)
            {
                Directory.Move(previous, target);
                throw;
            }
        }

        DeleteFolder(previous);
        return replaced;
    }

    private async Task RescanAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(LoadWait);
        try
        {
            await _catalog.RescanAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A long scan is still running; it or the watcher's next one picks the change up.
            LogScanBusy(LoadWait.TotalSeconds);
        }
    }

    // A crash between receipt and clean-up leaves files behind; they are swept once nothing can still be using them.
    private void SweepStaging()
    {
        var before = DateTime.UtcNow - StaleStaging;
        foreach (var entry in new DirectoryInfo(StagingPath).EnumerateFileSystemInfos())
        {
            if (entry.LastWriteTimeUtc < before)
            {
                if (entry is DirectoryInfo folder)
                {
                    DeleteFolder(folder.FullName);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
    }

    private void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(path, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed plugin {Plugin} from an upload: {Files} files, {Bytes} bytes, replaced: {Replaced}")]
    private partial void LogInstalled(string plugin, int files, long bytes, bool replaced);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed plugin folder {Plugin}")]
    private partial void LogRemoved(string plugin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugin catalog is still scanning after {Seconds} s; the change is picked up when it finishes")]
    private partial void LogScanBusy(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the staging folder {Path}; it is swept later")]
    private partial void LogCleanupFailed(string path, Exception exception);
}
