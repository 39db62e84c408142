using Dashboard.Core.Configuration;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Configuration;

public sealed class ConfigStoreTests : IDisposable
{
    private const string OneInstance = """{ "instances": [ { "id": "a", "plugin": "P", "config": { "interval_ms": 1000 } } ] }""";
    private const string TwoInstances = """{ "instances": [ { "id": "a", "plugin": "P" }, { "id": "b", "plugin": "P" } ] }""";

    private readonly TempFolder _folder = new();
    private readonly string _path;

    public ConfigStoreTests() => _path = _folder.Combine("plugins.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_file_starts_empty()
    {
        using var store = NewStore();

        await store.StartAsync(CancellationToken.None);

        Assert.Empty(store.Current.Instances);
        Assert.Null(store.LoadError);
    }

    [Fact]
    public async Task A_broken_file_never_replaces_the_config_in_force_and_the_error_is_kept()
    {
        await File.WriteAllTextAsync(_path, OneInstance);
        using var store = NewStore();
        await store.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(_path, "{ \"instances\": [ ");
        await store.ReloadAsync(CancellationToken.None);

        Assert.Equal("a", Assert.Single(store.Current.Instances).Id);
        Assert.Contains("not valid JSON", store.LoadError, StringComparison.Ordinal);

        File.Delete(_path);
        await store.ReloadAsync(CancellationToken.None);
        Assert.Single(store.Current.Instances);
        Assert.Contains("is missing", store.LoadError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_on_disk_is_picked_up_by_the_watcher()
    {
        await File.WriteAllTextAsync(_path, OneInstance);
        using var store = NewStore();
        await store.StartAsync(CancellationToken.None);
        var changed = 0;
        store.Changed += (_, _) => Interlocked.Increment(ref changed);

        await File.WriteAllTextAsync(_path, TwoInstances);

        await Eventually.TrueAsync(() => store.Current.Instances.Count == 2, TimeSpan.FromSeconds(2), "the edit is applied");
        Assert.Equal(1, Volatile.Read(ref changed));
    }

    [Fact]
    public async Task Save_is_atomic_keeps_the_previous_version_and_detects_a_concurrent_edit()
    {
        await File.WriteAllTextAsync(_path, OneInstance);
        using var store = NewStore();
        await store.StartAsync(CancellationToken.None);
        var basedOn = store.Current.Version;

        var saved = await store.SaveAsync(TwoInstances, basedOn, CancellationToken.None);

        Assert.Equal(TwoInstances, await File.ReadAllTextAsync(_path));
        Assert.Equal(saved.Version, store.Current.Version);
        var kept = Assert.Single(Directory.GetFiles(_folder.Combine("history")));
        Assert.Equal(OneInstance, await File.ReadAllTextAsync(kept));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));

        var conflict = await Assert.ThrowsAsync<ConfigConflictException>(() => store.SaveAsync(OneInstance, basedOn, CancellationToken.None));
        Assert.Contains(basedOn, conflict.Message, StringComparison.Ordinal);
        Assert.Equal(TwoInstances, await File.ReadAllTextAsync(_path));

        await Assert.ThrowsAsync<ConfigFormatException>(() => store.SaveAsync("nope", null, CancellationToken.None));
        Assert.Equal(TwoInstances, await File.ReadAllTextAsync(_path));
    }

    private ConfigStore NewStore() =>
        new(_path, _folder.Combine("history"), TimeProvider.System, NullLogger<ConfigStore>.Instance);
}
