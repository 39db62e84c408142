using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.Editing;

namespace Dashboard.Core.Tests.Configuration.Editing;

public sealed class ConfigHistoryTests
{
    private const string OneCounter = """{ "instances": [ { "id": "c", "plugin": "Counting", "config": { "interval_ms": 1000, "step": 2 } } ] }""";

    [Fact]
    public async Task Each_save_keeps_the_version_it_replaced_with_who_replaced_it()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var first = await rig.DiskAsync();

        await rig.Instances.PutAsync("c", InstanceEditorTests.Entry(step: 3), ExpectedVersion.Any, "alice", CancellationToken.None);
        await rig.Instances.PutAsync("c", InstanceEditorTests.Entry(step: 4), ExpectedVersion.Any, "bob", CancellationToken.None);

        var versions = await rig.History.ListAsync(CancellationToken.None);
        Assert.Equal(["bob", "alice"], versions.Select(v => v.ReplacedBy));
        Assert.True(versions[0].ReplacedAt >= versions[1].ReplacedAt);
        Assert.Equal(first, await rig.History.ReadAsync(versions[1].Id, CancellationToken.None));
        Assert.Null(await rig.History.ReadAsync("../plugins", CancellationToken.None));
    }

    [Fact]
    public async Task An_instance_history_lists_its_changes_and_compares_them_with_secrets_masked()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        await rig.Instances.PutAsync("c", InstanceEditorTests.Entry(step: 3), ExpectedVersion.Any, "alice", CancellationToken.None);
        await rig.Instances.PutAsync("other", InstanceEditorTests.Entry(step: 1), ExpectedVersion.Any, "alice", CancellationToken.None);

        var versions = await rig.History.ListInstanceAsync("c", CancellationToken.None);

        // Adding "other" left "c" as it was: one change of c, from step 2.
        var version = Assert.Single(versions);
        Assert.Equal(2, version.Definition!.Config["step"]!.GetValue<int>());
        var now = rig.Store.Current.Instances.Single(i => i.Id == "c");
        var diff = rig.History.Compare(version.Definition, now);
        Assert.Equal(["instance c: config.step 2 → 3"], diff.Changes);
        Assert.Contains("\"step\": 2", diff.Old, StringComparison.Ordinal);
        Assert.Contains("\"step\": 3", diff.New, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rollback_restores_the_old_entry_through_the_audited_save()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        await rig.Instances.PutAsync("c", InstanceEditorTests.Entry(step: 3), ExpectedVersion.Any, "alice", CancellationToken.None);
        var old = Assert.Single(await rig.History.ListInstanceAsync("c", CancellationToken.None));

        var result = await rig.Instances.RollBackAsync("c", old.File.Id, ExpectedVersion.OneOf([(await rig.VersionOfAsync("c"))!]), "bob",
            CancellationToken.None);

        Assert.IsType<EditResult.Saved>(result);
        Assert.Equal(2, rig.Supervisor.GetInstance("c")!.Config["step"]!.GetValue<int>());
        var audit = (await rig.Audit.ReadRecentAsync(1, CancellationToken.None))[0].Entry;
        Assert.Equal(("bob", AuditActions.InstanceRollback), (audit.Actor, audit.Action));
        Assert.Equal($"to version {old.File.Id}: instance c: config.step 3 → 2", audit.Detail);
    }

    [Fact]
    public async Task A_rollback_to_a_version_that_no_longer_validates_gets_the_field_errors()
    {
        // An edit on disk may hold a value the schema refuses; the save that replaces it keeps it in the history.
        await using var rig = await EditorRig.StartAsync(OneCounter.Replace("\"step\": 2", "\"step\": 50", StringComparison.Ordinal));
        await rig.Instances.PutAsync("c", InstanceEditorTests.Entry(step: 3), ExpectedVersion.Any, "alice", CancellationToken.None);
        var invalid = Assert.Single(await rig.History.ListInstanceAsync("c", CancellationToken.None));
        var before = await rig.DiskAsync();

        var result = await rig.Instances.RollBackAsync("c", invalid.File.Id, ExpectedVersion.Any, "bob", CancellationToken.None);

        Assert.Equal("config.step", Assert.Single(Assert.IsType<EditResult.Invalid>(result).Errors).Path);
        Assert.Equal(before, await rig.DiskAsync());
    }

    [Fact]
    public async Task Rolling_back_to_a_version_without_the_instance_removes_it()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        await rig.Instances.PutAsync("new", InstanceEditorTests.Entry(step: 1), ExpectedVersion.Any, "alice", CancellationToken.None);
        var absent = Assert.Single(await rig.History.ListInstanceAsync("new", CancellationToken.None));
        Assert.Null(absent.Definition);

        var result = await rig.Instances.RollBackAsync("new", absent.File.Id, ExpectedVersion.Any, "bob", CancellationToken.None);

        Assert.IsType<EditResult.Saved>(result);
        Assert.Null(rig.Supervisor.GetInstance("new"));
    }

    [Fact]
    public async Task The_whole_file_rolls_back_to_a_kept_version_byte_for_byte_unless_it_changed_meanwhile()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var first = await rig.DiskAsync();
        await rig.Instances.PutAsync("c", InstanceEditorTests.Entry(step: 3), ExpectedVersion.Any, "alice", CancellationToken.None);
        var kept = Assert.Single(await rig.History.ListAsync(CancellationToken.None));

        var now = rig.Store.Current.Version;

        var stale = await rig.File.RollBackAsync(kept.Id, kept.Version, "bob", CancellationToken.None);
        var result = await rig.File.RollBackAsync(kept.Id, now, "bob", CancellationToken.None);

        Assert.Equal(now, Assert.IsType<EditResult.Stale>(stale).Current);
        Assert.IsType<EditResult.Saved>(result);
        Assert.Equal(first, await rig.DiskAsync());
        Assert.Equal(AuditActions.ConfigRollback, (await rig.Audit.ReadRecentAsync(1, CancellationToken.None))[0].Entry.Action);
    }
}
