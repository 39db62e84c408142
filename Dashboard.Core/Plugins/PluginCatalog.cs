using System.Reflection;
using Dashboard.Abstractions;
using Dashboard.Core.Collection;
using Dashboard.Core.Configuration;
using Dashboard.Core.FileSystem;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Plugins;

/// <summary>
/// The plugins folder, loaded: every subfolder is one plugin, loaded into its own collectible context from memory
/// (the files are never locked), reloaded when its files change, unloaded when it is removed. Every failure is kept
/// with its cause for operators; a failing plugin never stops the others from loading.
/// </summary>
public sealed partial class PluginCatalog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger<PluginCatalog> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PluginFolder> _folders = new(StringComparer.Ordinal);
    private volatile Dictionary<string, MonitorType> _monitors = [];
    private DebouncedWatcher? _watcher;
    private long _loads;
    private long _unloads;
    private long _failures;

    /// <summary>Creates the catalog of a plugins folder.</summary>
    /// <param name="pluginsPath">The plugins folder; created if missing.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The logger.</param>
    public PluginCatalog(string pluginsPath, TimeProvider time, ILogger<PluginCatalog> logger)
    {
        PluginsPath = Path.GetFullPath(pluginsPath);
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after a scan changed what is loaded.</summary>
    public event EventHandler? Changed;

    /// <summary>Plugin folders loaded since start, reloads included.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>Plugin folders unloaded since start because they were removed.</summary>
    public long Unloads => Interlocked.Read(ref _unloads);

    /// <summary>Plugin folders that failed to load since start.</summary>
    public long LoadFailures => Interlocked.Read(ref _failures);

    /// <summary>The plugins folder.</summary>
    public string PluginsPath { get; }

    /// <summary>Scans the folder and starts watching it.</summary>
    /// <param name="cancellationToken">Cancels the first scan.</param>
    /// <returns>A task.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(PluginsPath);
        await RescanAsync(cancellationToken).ConfigureAwait(false);
        // A short quiet period: a folder caught half-copied fails to load and is loaded again by the copy's next events.
        _watcher ??= new DebouncedWatcher(PluginsPath, "*", true, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(10),
            _time, () => RescanAsync(CancellationToken.None));
    }

    /// <summary>Every plugin found, loaded or not.</summary>
    /// <returns>A snapshot, ordered by name.</returns>
    public IReadOnlyList<PluginInfo> GetPlugins()
    {
        lock (_folders)
        {
            return [.. _folders.Values.SelectMany(f => f.Describe()).OrderBy(p => p.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>What the folder <c>&lt;PluginsPath&gt;/<paramref name="folderName"/></c> holds as the catalog last saw it: one entry per monitor, or one for the folder when it did not load.</summary>
    /// <param name="folderName">The plugin folder's name.</param>
    /// <returns>The entries; empty when the catalog has not seen the folder.</returns>
    public IReadOnlyList<PluginInfo> DescribeFolder(string folderName)
    {
        var path = Path.Combine(PluginsPath, folderName);
        lock (_folders)
        {
            return _folders.TryGetValue(path, out var folder) ? [.. folder.Describe()] : [];
        }
    }

    /// <summary>Unloads the plugin folder and loads it again from its files, changed or not.</summary>
    /// <param name="folderName">The plugin folder's name.</param>
    /// <param name="cancellationToken">Cancels the wait for a scan in progress.</param>
    /// <returns><see langword="false"/> when there is no such folder.</returns>
    public async Task<bool> ReloadAsync(string folderName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(PluginsPath, folderName);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (FolderFingerprint.TryOf(path) is not { } fingerprint)
            {
                return false;
            }

            var now = _time.GetUtcNow();
            if (_folders.TryGetValue(path, out var known))
            {
                Locked(() => known.Unload(PluginState.Unloaded, "reloaded on request", now));
                PublishMonitors();
                RuntimeCaches.Clear();
            }

            var folder = new PluginFolder(path) { Fingerprint = fingerprint, ChangedAt = now };
            Locked(() => _folders[path] = folder);
            await LoadAsync(folder).ConfigureAwait(false);
            PublishMonitors();
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }

    /// <summary>The loaded monitor type named <paramref name="name"/>, if any.</summary>
    /// <param name="name">The plugin name from <c>plugins.json</c>.</param>
    /// <returns>The type, or <see langword="null"/>.</returns>
    public MonitorType? Find(string name) => _monitors.GetValueOrDefault(name);

    /// <summary>Loads what was added or changed and unloads what was removed.</summary>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>A task.</returns>
    public async Task RescanAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await ScanAsync().ConfigureAwait(false))
            {
                Changed?.Invoke(this, EventArgs.Empty);
            }
        }
#pragma warning disable CA1031 // A scan runs from the watcher: log, keep what is loaded, and let the next scan retry.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogScanFailed(PluginsPath, ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _monitors = [];
        lock (_folders)
        {
            foreach (var folder in _folders.Values)
            {
                folder.Unload(PluginState.Unloaded, "the host is stopping", _time.GetUtcNow());
            }
        }

        RuntimeCaches.Clear();
    }

    private async Task<bool> ScanAsync()
    {
        var onDisk = Directory.Exists(PluginsPath)
            ? Directory.GetDirectories(PluginsPath).Order(StringComparer.Ordinal).ToList()
            : [];
        var changed = false;
        var unloaded = false;
        var now = _time.GetUtcNow();

        foreach (var gone in _folders.Values.Where(f => f.State != PluginState.Unloaded && !onDisk.Contains(f.Path)).ToList())
        {
            Locked(() => gone.Unload(PluginState.Unloaded, "its folder was removed", now));
            LogUnloaded(gone.Name, gone.Path);
            Interlocked.Increment(ref _unloads);
            changed = unloaded = true;
        }

        PublishMonitors();

        ForgetOldUnloaded();

        foreach (var path in onDisk)
        {
            if (FolderFingerprint.TryOf(path) is not { } fingerprint)
            {
                // Removed while we scanned: the next scan unloads it.
                continue;
            }

            if (_folders.TryGetValue(path, out var known) && known.Fingerprint == fingerprint && known.State != PluginState.Unloaded)
            {
                continue;
            }

            if (known is not null)
            {
                Locked(() => known.Unload(PluginState.Unloaded, "replaced by a newer copy", now));
                unloaded = true;
                PublishMonitors();
            }

            // Listed as discovered while it loads.
            var folder = new PluginFolder(path) { Fingerprint = fingerprint, ChangedAt = now };
            Locked(() => _folders[path] = folder);
            await LoadAsync(folder).ConfigureAwait(false);
            changed = true;
        }

        if (changed)
        {
            PublishMonitors();
        }

        if (unloaded)
        {
            RuntimeCaches.Clear();
        }

        return changed;
    }

    private async Task LoadAsync(PluginFolder folder)
    {
        try
        {
            folder.AssemblyPath = FindMainAssembly(folder.Path);
            var bytes = await File.ReadAllBytesAsync(folder.AssemblyPath).ConfigureAwait(false);
            if (PluginAssemblyInspector.Check(bytes) is { } refusal)
            {
                throw new PluginLoadException(refusal);
            }

            folder.Loader = PluginLoader.CreateFromAssemblyFile(folder.AssemblyPath, [typeof(IMonitor)], config =>
            {
                config.IsUnloadable = true;
                config.LoadInMemory = true;
                config.PreferSharedTypes = true;
            });
            var assembly = folder.Loader.LoadDefaultAssembly();
            folder.Version = VersionOf(assembly);
            var monitors = new List<MonitorType>();
            foreach (var type in MonitorClasses(assembly))
            {
                monitors.Add(await DescribeAsync(type, folder.AssemblyPath, folder.Version).ConfigureAwait(false));
            }

            CompileMetricClasses(assembly);

            var taken = _folders.Values.Where(f => f.Path != folder.Path).SelectMany(f => f.Monitors)
                .ToDictionary(m => m.Name, m => m.AssemblyPath, StringComparer.Ordinal);
            foreach (var monitor in monitors)
            {
                if (!taken.TryAdd(monitor.Name, monitor.AssemblyPath))
                {
                    throw new PluginLoadException(
                        $"it declares a monitor named '{monitor.Name}', but one of that name is already loaded from " +
                        $"{taken[monitor.Name]}; plugin names must be unique");
                }
            }

            folder.Monitors = monitors;
            folder.State = PluginState.Loaded;
            var names = string.Join(", ", monitors.Select(m => m.Name));
            LogLoaded(folder.Name, folder.Version, names);
            Interlocked.Increment(ref _loads);
        }
#pragma warning disable CA1031 // Whatever a plugin's files make the loader throw, it fails that plugin only.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var error = ex switch
            {
                ReflectionTypeLoadException typeLoad => "its types could not be loaded: " +
                    string.Join("; ", typeLoad.LoaderExceptions.Select(e => e?.Message).Distinct()),
                FileNotFoundException missing when missing.FileName is not null && !missing.FileName.EndsWith(".dll", StringComparison.Ordinal) =>
                    $"a dependency is missing: {missing.Message}",
                _ => ex.Message,
            };
            folder.Unload(PluginState.Failed, $"Plugin folder '{folder.Name}' failed to load: {error}", folder.ChangedAt);
            LogFailed(folder.Name, folder.Error!);
            Interlocked.Increment(ref _failures);
        }
    }

    // Unloaded plugins must stop being found at once, before a slow load of another folder delays the scan.
    private void PublishMonitors() =>
        _monitors = _folders.Values.SelectMany(f => f.Monitors).ToDictionary(m => m.Name, StringComparer.Ordinal);

    // Removed folders stay listed (operators see what went away and why), but not without bound.
    private void ForgetOldUnloaded()
    {
        const int Kept = 100;
        var forgotten = _folders.Values.Where(f => f.State == PluginState.Unloaded && !Directory.Exists(f.Path))
            .OrderByDescending(f => f.ChangedAt).Skip(Kept).ToList();
        foreach (var folder in forgotten)
        {
            Locked(() => _folders.Remove(folder.Path));
        }
    }

    private static string FindMainAssembly(string folder)
    {
        var named = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(named))
        {
            return named;
        }

        var candidates = Directory.GetFiles(folder, "*.dll")
            .Where(dll => PluginAssemblyInspector.Check(File.ReadAllBytes(dll)) is null)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new PluginLoadException(
                $"it holds no {Path.GetFileName(named)} and no other assembly built against this host's Dashboard.Abstractions " +
                $"{PluginAssemblyInspector.HostAbstractionsVersion.ToString(2)}"),
            _ => throw new PluginLoadException(
                $"it holds several assemblies built against Dashboard.Abstractions ({string.Join(", ", candidates.Select(Path.GetFileName))}); " +
                $"name the main one {Path.GetFileName(named)}"),
        };
    }

    private static List<Type> MonitorClasses(Assembly assembly)
    {
        var types = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IMonitor).IsAssignableFrom(t))
            .ToList();
        if (types.Count == 0)
        {
            throw new PluginLoadException(
                $"{assembly.GetName().Name} has no public, non-abstract class implementing IMonitor");
        }

        var noConstructor = types.FirstOrDefault(t => t.GetConstructor(Type.EmptyTypes) is null);
        return noConstructor is null ? types
            : throw new PluginLoadException($"monitor class {noConstructor.FullName} has no public parameterless constructor");
    }

    // A wrongly declared metrics class is a build mistake: refusing the plugin now says so once, at the upload,
    // instead of failing every collect of every instance. Compiling here also spares the first collect the work.
    private static void CompileMetricClasses(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            if (type.IsClass && !type.ContainsGenericParameters && MetricClasses.Declares(type))
            {
                try
                {
                    MetricClasses.For(type);
                }
                catch (MetricDeclarationException ex)
                {
                    throw new PluginLoadException(ex.Message, ex);
                }
            }
        }
    }

    private static async Task<MonitorType> DescribeAsync(Type type, string assemblyPath, string version)
    {
        var (name, schemaText) = await PluginCode.RunAsync(() =>
        {
            var probe = (IMonitor)Activator.CreateInstance(type)!;
            try
            {
                return (probe.Name, probe.ConfigSchema);
            }
            finally
            {
                (probe as IDisposable)?.Dispose();
            }
        }, $"monitor class {type.FullName}: its constructor, Name or ConfigSchema", PluginCode.DefaultTimeout).ConfigureAwait(false);

        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
        {
            throw new PluginLoadException($"monitor class {type.FullName} has an empty name or one with spaces ('{name}')");
        }

        MonitorSchema schema;
        try
        {
            schema = await MonitorSchema.ParseAsync(schemaText).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new PluginLoadException($"monitor '{name}' ({type.FullName}): {ex.Message}", ex);
        }

        return new MonitorType(name, version, assemblyPath, schema, type);
    }

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
    }

    private void Locked(Action action)
    {
        lock (_folders)
        {
            action();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded plugin folder {Folder} {Version}: {Monitors}")]
    private partial void LogLoaded(string folder, string version, string monitors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin folder {Folder}: {Error}")]
    private partial void LogFailed(string folder, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scanning the plugins folder {Path} failed")]
    private partial void LogScanFailed(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded plugin folder {Folder} ({Path}): its folder was removed")]
    private partial void LogUnloaded(string folder, string path);
}
