using System.Net;
using System.Text.Json;

namespace Dashboard.Host.Tests;

public sealed class ApiTests : IAsyncLifetime
{
    private const string Config = """
        {
          "instances": [
            { "id": "counter", "plugin": "Counting", "labels": { "env": "test", "team": "core" }, "config": { "interval_ms": 200 } },
            { "id": "off", "plugin": "Counting", "enabled": false, "config": { "interval_ms": 200 } },
            { "id": "invalid", "plugin": "Counting", "config": { "interval_ms": 200, "step": 99, "colour": "red" } },
            { "id": "orphan", "plugin": "NoSuchPlugin", "config": { "interval_ms": 200 } }
          ]
        }
        """;

    private DashboardHost _host = null!;

    public Task InitializeAsync()
    {
        _host = DashboardHost.Start(Config, "Counting", "CtorThrows");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_and_readiness_answer_once_started()
    {
        var health = await _host.Client.GetAsync("/healthz");
        var ready = await _host.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.Equal("engine", ready.GetProperty("checks")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Plugins_lists_the_loaded_and_the_failed_with_their_cause()
    {
        var plugins = (await _host.GetAsync("/api/plugins")).EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        Assert.Equal("loaded", plugins["Counting"].GetProperty("state").GetString());
        Assert.Equal("1.0.0", plugins["Counting"].GetProperty("version").GetString());
        Assert.Equal("object", plugins["Counting"].GetProperty("configSchema").GetProperty("type").GetString());
        Assert.Equal("failed", plugins["CtorThrows"].GetProperty("state").GetString());
        Assert.Contains("threw InvalidOperationException: missing license file", plugins["CtorThrows"].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_instance_shows_its_effective_config_and_its_collects()
    {
        var instance = await _host.InstanceWhenAsync("counter", i => i.GetProperty("collects").GetInt64() >= 2, "two collects");

        Assert.Equal("running", instance.GetProperty("state").GetString());
        Assert.Equal(
            """{"interval_ms":200,"timeout_ms":5000,"greeting":"hello","step":1}""",
            instance.GetProperty("config").GetRawText());
        Assert.Equal("core", instance.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal(0, instance.GetProperty("consecutiveFailures").GetInt32());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("lastError").ValueKind);
        Assert.True(instance.GetProperty("lastDurationMs").GetDouble() >= 0);
        Assert.True(instance.GetProperty("lastCollectedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task An_instance_answers_with_an_etag_of_its_entry()
    {
        var response = await _host.Client.GetAsync("/api/instances/counter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^\"[0-9a-f]{16}\"$", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Latest_holds_the_last_samples_with_the_instance_labels()
    {
        await _host.InstanceWhenAsync("counter", i => i.GetProperty("collects").GetInt64() >= 1, "a collect");

        var latest = await _host.GetAsync("/api/instances/counter/latest");

        var samples = latest.GetProperty("samples").EnumerateArray().ToDictionary(s => s.GetProperty("metric").GetString()!);
        Assert.Equal("counter", samples["test_collects_total"].GetProperty("kind").GetString());
        Assert.True(samples["test_collects_total"].GetProperty("value").GetDouble() >= 1);
        var labels = samples["test_build_info"].GetProperty("labels");
        Assert.Equal(("test", "core", "1", "hello"), (labels.GetProperty("env").GetString(), labels.GetProperty("team").GetString(),
            labels.GetProperty("generation").GetString(), labels.GetProperty("greeting").GetString()));
    }

    [Fact]
    public async Task Disabled_invalid_and_orphaned_instances_say_why_they_do_not_run()
    {
        var instances = (await _host.GetAsync("/api/instances")).EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);

        Assert.Equal("disabled", instances["off"].GetProperty("state").GetString());
        Assert.Equal("waiting", instances["orphan"].GetProperty("state").GetString());
        Assert.Contains("no loaded plugin is named 'NoSuchPlugin'", instances["orphan"].GetProperty("message").GetString(), StringComparison.Ordinal);
        var invalid = instances["invalid"];
        Assert.Equal("invalid", invalid.GetProperty("state").GetString());
        Assert.Equal(
            [("instances[2].config.step", "must be <= 10"), ("instances[2].config.colour", "is not a known property (the schema allows no others)")],
            invalid.GetProperty("validationErrors").EnumerateArray()
                .Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString())).OrderByDescending(e => e.Item1));
    }

    [Fact]
    public async Task An_unknown_instance_is_a_404_problem()
    {
        var response = await _host.Client.GetAsync("/api/instances/nope/latest");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("No instance with id 'nope'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
