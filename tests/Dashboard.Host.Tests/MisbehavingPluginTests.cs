using System.Text.Json;

namespace Dashboard.Host.Tests;

/// <summary>Plugins that throw, hang (both ways), overrun and flood run beside a healthy one, which stays on time.</summary>
public sealed class MisbehavingPluginTests : IAsyncLifetime
{
    private const string Config = """
        {
          "instances": [
            { "id": "healthy", "plugin": "Counting", "config": { "interval_ms": 200 } },
            { "id": "throwing", "plugin": "Throwing", "config": { "interval_ms": 200 } },
            { "id": "hanging-async", "plugin": "Hanging", "config": { "interval_ms": 200, "timeout_ms": 300 } },
            { "id": "hanging-thread", "plugin": "Hanging", "config": { "interval_ms": 200, "timeout_ms": 300, "block_thread": true } },
            { "id": "slow", "plugin": "Slow", "config": { "interval_ms": 200, "delay_ms": 700 } },
            { "id": "flood", "plugin": "Flood", "config": { "interval_ms": 1000, "series": 1000000 } }
          ]
        }
        """;

    private DashboardHost _host = null!;

    public Task InitializeAsync()
    {
        _host = DashboardHost.Start(Config, "Counting", "Misbehaving");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_healthy_instance_keeps_collecting_while_the_others_misbehave()
    {
        // Bounds generous enough for a loaded 2-core CI machine; what is checked is that each misbehaviour shows and
        // that the healthy instance keeps its pace meanwhile, not how fast the machine is.
        var instances = await InstancesWhenAsync(i =>
            State(i["throwing"]) == "failing"
            && Error(i["hanging-async"]).Contains("ignored cancellation", StringComparison.Ordinal)
            && Error(i["hanging-thread"]).Contains("ignored cancellation", StringComparison.Ordinal)
            && i["slow"].GetProperty("skippedTicks").GetInt64() > 0 && i["slow"].GetProperty("collects").GetInt64() >= 1
            && i["flood"].GetProperty("refusedSamples").GetInt64() >= 990_000);

        Assert.Equal("InvalidOperationException: the disk is on fire", Error(instances["throwing"]));
        foreach (var id in new[] { "hanging-async", "hanging-thread" })
        {
            Assert.Equal("failing", State(instances[id]));
            Assert.True(instances[id].GetProperty("skippedTicks").GetInt64() > 0);
        }

        var flood = instances["flood"];
        Assert.Equal(10_000, flood.GetProperty("seriesCount").GetInt32());
        Assert.Contains("series limit of 10000", flood.GetProperty("warning").GetString(), StringComparison.Ordinal);

        // While all that goes on, the healthy instance collects every 200 ms: 10 ticks in 2 s, at least 6 counted.
        var before = (await _host.InstanceAsync("healthy")).GetProperty("collects").GetInt64();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var healthy = await _host.InstanceAsync("healthy");
        var collected = healthy.GetProperty("collects").GetInt64() - before;
        Assert.True(collected >= 6, $"healthy collected {collected} times in 2 s");
        Assert.Equal(0, healthy.GetProperty("failures").GetInt64());
        Assert.Equal("running", State(healthy));
    }

    private static string? State(JsonElement instance) => instance.GetProperty("state").GetString();

    private static string Error(JsonElement instance) => instance.GetProperty("lastError").GetString() ?? "";

    private async Task<Dictionary<string, JsonElement>> InstancesWhenAsync(Func<Dictionary<string, JsonElement>, bool> condition)
    {
        var last = new Dictionary<string, JsonElement>();
        try
        {
            await Dashboard.Tests.Eventually.TrueAsync(async () =>
            {
                last = (await _host.GetAsync("/api/instances")).EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
                return condition(last);
            }, TimeSpan.FromSeconds(20), "every misbehaviour shows");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; last: {string.Join("; ", last.Values)}", ex);
        }

        return last;
    }

    [Fact]
    public async Task The_api_stays_responsive()
    {
        for (var i = 0; i < 20; i++)
        {
            var response = await _host.Client.GetAsync("/api/instances");
            Assert.True(response.IsSuccessStatusCode);
            await Task.Delay(100);
        }

        var ready = await _host.GetAsync("/readyz");
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
    }
}
