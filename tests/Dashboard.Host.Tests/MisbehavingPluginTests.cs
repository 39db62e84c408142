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
        // 4 s at 200 ms is 20 ticks; allow for start-up and a loaded 2-core machine, but not for a stall.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var instances = (await _host.GetAsync("/api/instances")).EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        var healthy = instances["healthy"];
        Assert.True(healthy.GetProperty("collects").GetInt64() >= 12, $"healthy collected {healthy.GetProperty("collects")} times");
        Assert.Equal(0, healthy.GetProperty("failures").GetInt64());
        Assert.Equal("running", healthy.GetProperty("state").GetString());

        Assert.Equal("failing", instances["throwing"].GetProperty("state").GetString());
        Assert.Equal("InvalidOperationException: the disk is on fire", instances["throwing"].GetProperty("lastError").GetString());

        foreach (var id in new[] { "hanging-async", "hanging-thread" })
        {
            Assert.Equal("failing", instances[id].GetProperty("state").GetString());
            Assert.Contains("ignored cancellation", instances[id].GetProperty("lastError").GetString(), StringComparison.Ordinal);
            Assert.True(instances[id].GetProperty("skippedTicks").GetInt64() > 0);
        }

        Assert.True(instances["slow"].GetProperty("skippedTicks").GetInt64() > 0);
        Assert.True(instances["slow"].GetProperty("collects").GetInt64() >= 1);

        var flood = instances["flood"];
        Assert.Equal(10_000, flood.GetProperty("seriesCount").GetInt32());
        Assert.True(flood.GetProperty("refusedSamples").GetInt64() >= 990_000);
        Assert.Contains("series limit of 10000", flood.GetProperty("warning").GetString(), StringComparison.Ordinal);
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
