using Dashboard.Core.Audit;
using Dashboard.Core.Configuration;
using Dashboard.Core.Configuration.Secrets;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Configuration;

public sealed class ConfigStoreTests : IDisposable
{
    private const string OneInstance = """{ "instances": [ { "id": "a", "plugin": "P", "config": { "interval_ms": 1000 } } ] }""";
    private const string TwoInstances = """{ "instances": [ { "id": "a", "plugin": "P" }, { "id": "b", "plugin": "P" } ] }""";

    private readonly TempFolder _folder = new();
    private readonly string _path;
    private readonly AuditLogFile _audit;

    public ConfigStoreTests()
    {
        _path = _folder.Combine("plugins.json");
        _audit = new AuditLogFile(_folder.Combine("audit", "audit.log"), TimeProvider.System, NullLogger<AuditLogFile>.Instance);
    }

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

    [Fact]
    public async Task An_edit_read_from_disk_is_audited_with_its_diff_and_the_secrets_masked()
    {
        await File.WriteAllTextAsync(_path, """
            { "instances": [ { "id": "a", "plugin": "P", "config": { "interval_ms": 1000, "api_key": "k-before-123" } } ] }
            """);
        using var store = NewStore();
        await store.StartAsync(CancellationToken.None);
        Assert.Empty(await _audit.ReadRecentAsync(10, CancellationToken.None));

        await File.WriteAllTextAsync(_path, """
            { "instances": [ { "id": "a", "plugin": "P", "config": { "interval_ms": 2000, "api_key": "k-after-456" } },
                             { "id": "b", "plugin": "P", "config": { "interval_ms": 500 } } ] }
            """);
        await store.ReloadAsync(CancellationToken.None);

        var entry = Assert.Single(await _audit.ReadRecentAsync(10, CancellationToken.None)).Entry;
        Assert.Equal(("file", AuditActions.ConfigFile, store.FilePath), (entry.Actor, entry.Action, entry.Target));
        Assert.Equal(
            """
            instance a: config.interval_ms 1000 → 2000
            instance a: config.api_key changed (secret)
            instance b: added: plugin "P", enabled true, labels {}, config {"interval_ms":500}
            """.ReplaceLineEndings("\n"),
            entry.Detail);
        var file = await File.ReadAllTextAsync(_audit.Path);
        Assert.DoesNotContain("k-before-123", file, StringComparison.Ordinal);
        Assert.DoesNotContain("k-after-456", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_is_audited_once_with_the_reason()
    {
        await File.WriteAllTextAsync(_path, OneInstance);
        using var store = NewStore();
        await store.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(_path, "{ \"instances\": [ ");
        await store.ReloadAsync(CancellationToken.None);
        await store.ReloadAsync(CancellationToken.None);

        var entry = Assert.Single(await _audit.ReadRecentAsync(10, CancellationToken.None)).Entry;
        Assert.Equal(AuditActions.ConfigFile, entry.Action);
        Assert.StartsWith("refused: plugins.json is not valid JSON", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_through_the_store_is_left_to_its_caller_to_audit()
    {
        await File.WriteAllTextAsync(_path, OneInstance);
        using var store = NewStore();
        await store.StartAsync(CancellationToken.None);

        await store.SaveAsync(TwoInstances, null, CancellationToken.None);
        await store.ReloadAsync(CancellationToken.None);

        Assert.Empty(await _audit.ReadRecentAsync(10, CancellationToken.None));
    }

    private ConfigStore NewStore() =>
        new(_path, _folder.Combine("history"), _audit, new ConfigSecrets(_ => null), TimeProvider.System, NullLogger<ConfigStore>.Instance);
}
