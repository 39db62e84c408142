using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Core.FileSystem;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Configuration;

/// <summary>
/// Owns <c>plugins.json</c>: loads it, watches it, and writes it atomically. A file that cannot be read as a whole
/// never replaces the document in force; the error is kept for operators instead. A change read from disk after the
/// start, applied or refused, goes to the audit log with actor <c>file</c>.
/// </summary>
public sealed partial class ConfigStore : IDisposable
{
    private const int HistoryKept = 100;

    private readonly string _path;
    private readonly string _historyPath;
    private readonly IAuditLog _audit;
    private readonly ConfigSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigStore> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DebouncedWatcher? _watcher;

    /// <summary>Creates the store.</summary>
    /// <param name="path">The <c>plugins.json</c> in use.</param>
    /// <param name="historyPath">Where previous versions are kept.</param>
    /// <param name="audit">Where changes read from disk are recorded.</param>
    /// <param name="secrets">The secret fields that the recorded diffs mask.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ConfigStore(string path, string historyPath, IAuditLog audit, ConfigSecrets secrets, TimeProvider time, ILogger<ConfigStore> logger)
    {
        _path = Path.GetFullPath(path);
        _historyPath = historyPath;
        _audit = audit;
        _secrets = secrets;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after a new document comes into force.</summary>
    public event EventHandler? Changed;

    /// <summary>The file in use.</summary>
    public string FilePath => _path;

    /// <summary>The folder where the content of each file replaced by <see cref="SaveAsync"/> is kept.</summary>
    public string HistoryPath => _historyPath;

    /// <summary>The document in force: the last one that could be read.</summary>
    public PluginsDocument Current { get; private set; } = PluginsDocument.Empty;

    /// <summary>Why the file on disk is not the document in force, or <see langword="null"/> when it is.</summary>
    public string? LoadError { get; private set; }

    /// <summary>When the document in force was read.</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Reads the file and starts watching it.</summary>
    /// <param name="cancellationToken">Cancels the first read.</param>
    /// <returns>A task.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(fromDisk: false, cancellationToken).ConfigureAwait(false);
        _watcher ??= new DebouncedWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path), false,
            TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), _time, () => ReloadAsync(CancellationToken.None));
    }

    /// <summary>
    /// Reads the file again, as the watcher does on an edit; the document changes only if the file parses and its
    /// content changed. A change or a refusal is recorded in the audit log.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task.</returns>
    public Task ReloadAsync(CancellationToken cancellationToken) => ReloadAsync(fromDisk: true, cancellationToken);

    private async Task ReloadAsync(bool fromDisk, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = Current;
            var previousError = LoadError;
            var document = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (Apply(document) && fromDisk)
            {
                var diff = ConfigDiff.Describe(previous, document!, _secrets);
                _audit.Record(new AuditEntry("file", AuditActions.ConfigFile, _path,
                    diff.Count == 0 ? "no instance changed" : string.Join('\n', diff)));
            }
            else if (fromDisk && LoadError is { } error && error != previousError)
            {
                _audit.Record(new AuditEntry("file", AuditActions.ConfigFile, _path, $"refused: {error}"));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces the file: the text must parse, and <paramref name="expectedVersion"/> (when given) must still be the
    /// version on disk. Written to a temporary file, flushed to disk and renamed over the old one, whose content is
    /// kept in the history folder.
    /// </summary>
    /// <param name="text">The new content.</param>
    /// <param name="expectedVersion">The version the edit was based on, or <see langword="null"/> to overwrite.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new document.</returns>
    /// <exception cref="ConfigFormatException">The text is not a valid <c>plugins.json</c>.</exception>
    /// <exception cref="ConfigConflictException">The file changed since <paramref name="expectedVersion"/>.</exception>
    public async Task<PluginsDocument> SaveAsync(string text, string? expectedVersion, CancellationToken cancellationToken)
    {
        var document = PluginsFileParser.Parse(text);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var onDisk = await ReadTextAsync(cancellationToken).ConfigureAwait(false);
            var diskVersion = onDisk is null ? PluginsDocument.Empty.Version : PluginsFileParser.Hash(onDisk);
            if (expectedVersion is not null && expectedVersion != diskVersion)
            {
                throw new ConfigConflictException(
                    $"plugins.json changed since version {expectedVersion} (it is now {diskVersion}); reload and edit again.");
            }

            if (onDisk is not null)
            {
                await KeepInHistoryAsync(onDisk, diskVersion, cancellationToken).ConfigureAwait(false);
            }

            await AtomicFile.WriteAsync(_path, text, cancellationToken).ConfigureAwait(false);
            Apply(document);
            return document;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The file's text on disk now, which may differ from <see cref="Current"/> when it did not parse.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or <see langword="null"/> when there is no file.</returns>
    public Task<string?> ReadFileAsync(CancellationToken cancellationToken) => ReadTextAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _gate.Dispose();
    }

    private async Task<PluginsDocument?> ReadAsync(CancellationToken cancellationToken)
    {
        string? text;
        try
        {
            text = await ReadTextAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Reject($"plugins.json could not be read: {ex.Message}");
            return null;
        }

        if (text is null)
        {
            if (Current.Instances.Count == 0)
            {
                return PluginsDocument.Empty;
            }

            Reject($"{_path} is missing; the config in force is kept until the file is back.");
            return null;
        }

        try
        {
            return PluginsFileParser.Parse(text);
        }
        catch (ConfigFormatException ex)
        {
            Reject(ex.Message);
            return null;
        }
    }

    // Whether the document came into force (it is new and differs from the one in force).
    private bool Apply(PluginsDocument? document)
    {
        if (document is null)
        {
            return false;
        }

        LoadError = null;
        if (document.Version == Current.Version && LoadedAt is not null)
        {
            return false;
        }

        Current = document;
        LoadedAt = _time.GetUtcNow();
        LogLoaded(_path, document.Instances.Count, document.Errors.Count);
        foreach (var error in document.Errors)
        {
            LogEntryError(error.Path, error.Message);
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    private void Reject(string error)
    {
        if (error != LoadError)
        {
            LogRejected(error);
        }

        LoadError = error;
    }

    private async Task<string?> ReadTextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private async Task KeepInHistoryAsync(string text, string version, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_historyPath);
        var name = $"plugins-{_time.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{version}.json";
        await AtomicFile.WriteAsync(Path.Combine(_historyPath, name), text, cancellationToken).ConfigureAwait(false);
        foreach (var old in Directory.GetFiles(_historyPath, "plugins-*.json").Order(StringComparer.Ordinal).SkipLast(HistoryKept))
        {
            File.Delete(old);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Path}: {Instances} instances, {Errors} entry errors")]
    private partial void LogLoaded(string path, int instances, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "plugins.json entry {Path}: {Message}")]
    private partial void LogEntryError(string path, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "plugins.json was rejected; the previous config stays in force: {Error}")]
    private partial void LogRejected(string error);
}
