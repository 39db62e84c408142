using Dashboard.Abstractions;
using Dashboard.Core.Storage;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Storage.Store;

/// <summary>A store in a temp folder on a fake clock (timers fire only when a test says), reopenable.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TestMeterFactory _meters = new();

    public StoreFixture(Action<StorageOptions>? configure = null)
    {
        Options = new StorageOptions { Path = _folder.Combine("tsdb"), BlockDuration = TimeSpan.FromHours(2) };
        configure?.Invoke(Options);
        Store = OpenStore(Options.Path);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UnixEpoch.AddDays(20_000));

    public StorageOptions Options { get; }

    public TsdbStore Store { get; private set; }

    public RecoveryReport LastRecovery { get; private set; } = null!;

    public static Label[] Series(string metric, params (string Name, string Value)[] labels) =>
        [.. labels.Select(l => new Label(l.Name, l.Value)).Append(new Label("__name__", metric)).OrderBy(l => l.Name, StringComparer.Ordinal)];

    /// <summary>Stops cleanly and opens the same folder again.</summary>
    public void Restart()
    {
        Store.Dispose();
        Store = OpenStore(Options.Path);
    }

    /// <summary>
    /// Copies the folder as it is on disk now (what a kill -9 leaves: written data survives in the page cache, the
    /// process's buffers do not) and opens the copy in place of the running store, which is then dropped unflushed.
    /// </summary>
    public void CrashAndRestart()
    {
        var copy = _folder.Combine("crashed-" + Guid.NewGuid().ToString("N"));
        CopyFolder(Options.Path, copy);
        var crashed = Store;
        Store = OpenStore(copy);
        crashed.Dispose();
    }

    public TsdbStore OpenStore(string path)
    {
        var options = new StorageOptions
        {
            Path = path,
            BlockDuration = Options.BlockDuration,
            Retention = Options.Retention,
            RetentionBytes = Options.RetentionBytes,
            HeadChunkSamples = Options.HeadChunkSamples,
            BlockChunkSamples = Options.BlockChunkSamples,
        };
        var store = new TsdbStore(options, Time, new StorageMetrics(_meters), NullLogger<TsdbStore>.Instance);
        LastRecovery = store.Open();
        return store;
    }

    public void Dispose()
    {
        Store.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (Path.GetFileName(file) != "LOCK")
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyFolder(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
