namespace Dashboard.Core.FileSystem;

/// <summary>
/// Calls back once a burst of file changes has settled (a copy of a folder raises dozens of events), and also on a
/// slow period as a safety net for file systems whose change events get lost (network shares, some containers).
/// Callbacks never overlap.
/// </summary>
public sealed class DebouncedWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _debounce;
    private readonly ITimer _poll;
    private readonly TimeSpan _quiet;
    private readonly Func<Task> _onChange;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _disposed;

    /// <summary>Starts watching.</summary>
    /// <param name="directory">The folder to watch; created if missing.</param>
    /// <param name="filter">The file name filter, e.g. <c>plugins.json</c> or <c>*</c>.</param>
    /// <param name="includeSubdirectories">Whether changes in subfolders count.</param>
    /// <param name="quiet">How long no event must arrive before the callback runs.</param>
    /// <param name="poll">How often to call back even without events.</param>
    /// <param name="time">The clock.</param>
    /// <param name="onChange">The callback.</param>
    public DebouncedWatcher(string directory, string filter, bool includeSubdirectories, TimeSpan quiet, TimeSpan poll,
        TimeProvider time, Func<Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        _quiet = quiet;
        _onChange = onChange;
        _debounce = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _poll = time.CreateTimer(_ => Fire(), null, poll, poll);
        _watcher = new FileSystemWatcher(directory, filter)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => Poke();
        _watcher.Created += (_, _) => Poke();
        _watcher.Deleted += (_, _) => Poke();
        _watcher.Renamed += (_, _) => Poke();
        _watcher.Error += (_, _) => Poke();
        _watcher.EnableRaisingEvents = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _watcher.Dispose();
        _debounce.Dispose();
        _poll.Dispose();

        // Let a callback in progress finish, so its owner is not torn down under it.
        if (_gate.Wait(TimeSpan.FromSeconds(30)))
        {
            _gate.Release();
        }
    }

    private void Poke()
    {
        if (!_disposed)
        {
            try
            {
                _debounce.Change(_quiet, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the check and the call.
            }
        }
    }

    private async void Fire()
    {
        if (_disposed)
        {
            return;
        }

        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            // A callback is running; run once more after it, so the last change is not missed.
            Poke();
            return;
        }

        try
        {
            if (!_disposed)
            {
                await _onChange().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The callback reports its own errors; a watcher thread must never die of one.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            _gate.Release();
        }
    }
}
