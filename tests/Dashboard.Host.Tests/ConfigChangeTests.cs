using System.Text.Json;

namespace Dashboard.Host.Tests;

public sealed class ConfigChangeTests : IAsyncLifetime
{
    private const string Initial = """
        { "instances": [ { "id": "a", "plugin": "Counting", "config": { "interval_ms": 200, "greeting": "first" } } ] }
        """;

    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = DashboardHost.Start(Initial, "Counting");
        await _host.InstanceWhenAsync("a", i => i.GetProperty("collects").GetInt64() >= 1, "the first collect");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_edit_on_disk_is_validated_and_applied_within_two_seconds()
    {
        await _host.WriteConfigAsync("""
            { "instances": [
              { "id": "a", "plugin": "Counting", "config": { "interval_ms": 200, "greeting": "second" } },
              { "id": "b", "plugin": "Counting", "config": { "interval_ms": 300 } } ] }
            """);

        await _host.InstanceWhenAsync("a", i => Greeting(i) == "second", "a's new config runs");
        var b = await _host.InstanceWhenAsync("b", i => i.GetProperty("collects").GetInt64() >= 1, "b starts collecting");
        Assert.Equal(5000, b.GetProperty("config").GetProperty("timeout_ms").GetInt32());
    }

    [Fact]
    public async Task A_schema_violating_edit_keeps_the_last_valid_config_running_and_lists_every_error()
    {
        await _host.WriteConfigAsync("""
            { "instances": [ { "id": "a", "plugin": "Counting", "config": { "interval_ms": 50, "greeting": 7, "extra": true } } ] }
            """);

        var a = await _host.InstanceWhenAsync("a", i => i.GetProperty("validationErrors").GetArrayLength() > 0, "the edit is rejected");
        Assert.Equal("running", a.GetProperty("state").GetString());
        Assert.Equal("first", Greeting(a));
        Assert.Contains("last valid config keeps running", a.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["instances[0].config.extra", "instances[0].config.greeting", "instances[0].config.interval_ms"],
            a.GetProperty("validationErrors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order());
        var collects = a.GetProperty("collects").GetInt64();
        await _host.InstanceWhenAsync("a", i => i.GetProperty("collects").GetInt64() > collects + 1, "it keeps collecting");
    }

    [Fact]
    public async Task A_file_that_is_not_json_changes_nothing_and_the_error_is_shown()
    {
        await _host.WriteConfigAsync("""{ "instances": [ { "id": "a", """);

        await Dashboard.Tests.Eventually.TrueAsync(
            async () => (await _host.GetAsync("/api/config")).GetProperty("loadError").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(10), "the broken file is reported");
        var config = await _host.GetAsync("/api/config");
        Assert.StartsWith("plugins.json is not valid JSON at line 1", config.GetProperty("loadError").GetString(), StringComparison.Ordinal);
        var a = await _host.InstanceAsync("a");
        Assert.Equal(("running", "first"), (a.GetProperty("state").GetString(), Greeting(a)));
    }

    [Fact]
    public async Task An_instance_waiting_for_its_plugin_starts_when_the_plugin_folder_is_dropped_in()
    {
        await _host.WriteConfigAsync("""
            { "instances": [
              { "id": "a", "plugin": "Counting", "config": { "interval_ms": 200, "greeting": "first" } },
              { "id": "slow", "plugin": "Slow", "config": { "interval_ms": 500, "delay_ms": 10 } } ] }
            """);
        await _host.InstanceWhenAsync("slow", i => i.GetProperty("state").GetString() == "waiting", "slow waits for its plugin");

        _host.AddPlugin("Misbehaving");

        await _host.InstanceWhenAsync("slow", i => i.GetProperty("collects").GetInt64() >= 1, "slow collects once its plugin is loaded");
    }

    [Fact]
    public async Task Removing_an_instance_stops_it()
    {
        await _host.WriteConfigAsync("""{ "instances": [] }""");

        await Dashboard.Tests.Eventually.TrueAsync(
            async () => (await _host.GetAsync("/api/instances")).GetArrayLength() == 0, TimeSpan.FromSeconds(10), "the instance is gone");
        var response = await _host.Client.GetAsync("/api/instances/a");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string? Greeting(JsonElement instance) =>
        instance.GetProperty("config").TryGetProperty("greeting", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
}
