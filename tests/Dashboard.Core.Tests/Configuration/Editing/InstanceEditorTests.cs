using System.Text.Json.Nodes;
using Dashboard.Core.Audit;
using Dashboard.Core.Configuration.Editing;
using Dashboard.Core.Instances;

namespace Dashboard.Core.Tests.Configuration.Editing;

public sealed class InstanceEditorTests
{
    private const string OneCounter = """{ "instances": [ { "id": "c", "plugin": "Counting", "config": { "interval_ms": 1000, "step": 2 } } ] }""";

    [Fact]
    public async Task A_valid_edit_is_saved_audited_and_running_before_the_answer()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var version = await rig.VersionOfAsync("c");

        var result = await rig.Instances.PutAsync("c", Entry(step: 3), ExpectedVersion.OneOf([version!]), "alice", CancellationToken.None);

        var saved = Assert.IsType<EditResult.Saved>(result);
        Assert.False(saved.Created);
        Assert.Equal(saved.Version, await rig.VersionOfAsync("c"));
        var status = rig.Supervisor.GetInstance("c")!;
        Assert.Equal(3, status.Config["step"]!.GetValue<int>());
        Assert.NotEqual(InstanceState.Invalid, status.State);
        var audit = (await rig.Audit.ReadRecentAsync(10, CancellationToken.None)).First(r => r.Entry.Action == AuditActions.InstancePut).Entry;
        Assert.Equal(("alice", "c", "instance c: config.step 2 → 3"), (audit.Actor, audit.Target, audit.Detail));
    }

    [Fact]
    public async Task An_invalid_value_is_refused_with_its_path_in_the_instance_and_nothing_is_written()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var before = await rig.DiskAsync();

        var result = await rig.Instances.PutAsync("c", Entry(step: 50), ExpectedVersion.Any, "alice", CancellationToken.None);

        var error = Assert.Single(Assert.IsType<EditResult.Invalid>(result).Errors);
        Assert.Equal("config.step", error.Path);
        Assert.Contains("10", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await rig.DiskAsync());
    }

    [Fact]
    public async Task An_edit_based_on_a_version_that_is_no_longer_current_is_refused_with_the_current_version()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var read = await rig.VersionOfAsync("c");
        await rig.Instances.PutAsync("c", Entry(step: 4), ExpectedVersion.Any, "bob", CancellationToken.None);
        var afterBob = await rig.DiskAsync();

        var result = await rig.Instances.PutAsync("c", Entry(step: 5), ExpectedVersion.OneOf([read!]), "alice", CancellationToken.None);

        Assert.Equal(await rig.VersionOfAsync("c"), Assert.IsType<EditResult.Stale>(result).Current);
        Assert.Equal(afterBob, await rig.DiskAsync());
    }

    [Fact]
    public async Task Creating_an_id_that_exists_is_refused_and_a_new_one_is_created()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);

        var taken = await rig.Instances.PutAsync("c", Entry(step: 1), ExpectedVersion.Absent, "alice", CancellationToken.None);
        var created = await rig.Instances.PutAsync("d", Entry(step: 1), ExpectedVersion.Absent, "alice", CancellationToken.None);

        Assert.IsType<EditResult.Stale>(taken);
        Assert.True(Assert.IsType<EditResult.Saved>(created).Created);
        Assert.Equal(["c", "d"], rig.Supervisor.GetInstances().Select(i => i.Id));
    }

    [Fact]
    public async Task A_body_naming_another_id_is_refused()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var entry = Entry(step: 1);
        entry["id"] = "other";

        var result = await rig.Instances.PutAsync("c", entry, ExpectedVersion.Any, "alice", CancellationToken.None);

        Assert.Equal("id", Assert.Single(Assert.IsType<EditResult.Invalid>(result).Errors).Path);
    }

    [Fact]
    public async Task Removing_an_instance_stops_it_and_removing_it_again_finds_nothing()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);

        var removed = await rig.Instances.DeleteAsync("c", ExpectedVersion.OneOf([(await rig.VersionOfAsync("c"))!]), "alice", CancellationToken.None);
        var again = await rig.Instances.DeleteAsync("c", ExpectedVersion.Any, "alice", CancellationToken.None);

        Assert.IsType<EditResult.Saved>(removed);
        Assert.IsType<EditResult.NotFound>(again);
        Assert.Empty(rig.Supervisor.GetInstances());
    }

    [Fact]
    public async Task A_file_that_does_not_parse_cannot_be_edited_by_instance()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        await File.WriteAllTextAsync(rig.ConfigPath, "{ \"instances\": [");

        var result = await rig.Instances.PutAsync("c", Entry(step: 1), ExpectedVersion.Any, "alice", CancellationToken.None);

        Assert.Contains("line 1", Assert.IsType<EditResult.Unreadable>(result).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_reports_what_a_save_would_refuse_and_writes_nothing()
    {
        await using var rig = await EditorRig.StartAsync(OneCounter);
        var before = await rig.DiskAsync();

        var refused = await rig.Instances.CheckAsync("c", Entry(step: 50), CancellationToken.None);
        var accepted = await rig.Instances.CheckAsync("c", Entry(step: 5), CancellationToken.None);
        var badId = await rig.Instances.CheckAsync("not valid!", Entry(step: 5), CancellationToken.None);

        Assert.Equal("config.step", Assert.Single(refused).Path);
        Assert.Empty(accepted);
        Assert.Equal("id", Assert.Single(badId).Path);
        Assert.Equal(before, await rig.DiskAsync());
    }

    [Theory]
    [InlineData("*", "v1", true)]
    [InlineData("*", null, false)]
    [InlineData("v1", "v1", true)]
    [InlineData("v0", "v1", false)]
    public void An_expected_version_list_matches_as_if_match_does(string listed, string? current, bool allowed) =>
        Assert.Equal(allowed, ExpectedVersion.OneOf([listed]).Allows(current));

    internal static JsonObject Entry(int step) =>
        new() { ["plugin"] = "Counting", ["config"] = new JsonObject { ["interval_ms"] = 1000, ["step"] = step } };
}
