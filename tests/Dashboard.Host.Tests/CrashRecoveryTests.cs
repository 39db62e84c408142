using Dashboard.Core.Storage;
using Dashboard.Core.Storage.Index;
using Dashboard.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Host.Tests;

/// <summary>A real <c>kill -9</c> of the host process during collection, then a restart on the same data folder.</summary>
public sealed class CrashRecoveryTests
{
    private const string PluginsJson = """
        { "instances": [ { "id": "counting", "plugin": "Counting", "config": { "interval_ms": 100 } } ] }
        """;

    [Fact]
    public async Task A_killed_host_loses_no_flushed_sample_and_carries_on_after_a_restart()
    {
        using var folder = new TempFolder();
        TestPaths.CopyPlugin(TestPaths.TestPlugin("Counting"), folder.Combine("plugins"), "Counting");
        File.WriteAllText(folder.Combine("plugins.json"), PluginsJson);
        var settings = new Dictionary<string, string>
        {
            ["Dashboard:PluginsPath"] = folder.Combine("plugins"),
            ["Dashboard:PluginsConfigPath"] = folder.Combine("plugins.json"),
            ["Dashboard:DataPath"] = folder.Combine("data"),
        };

        long acknowledged;
        await using (var host = HostProcess.Start(settings))
        {
            await host.WaitReadyAsync();
            var status = await host.InstanceWhenAsync("counting", i => i.GetProperty("collects").GetInt64() >= 30, "30 collects");
            acknowledged = status.GetProperty("lastCollectedAt").GetDateTimeOffset().ToUnixTimeMilliseconds();
            // Past the log's flush interval (1 s), everything collected up to now is on disk.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await host.KillAsync();
        }

        var dataPath = Path.Combine(folder.Combine("data"), "tsdb");
        var first = ReadCollects(dataPath);
        Assert.True(first.Count >= 30, $"only {first.Count} samples survived");
        Assert.Equal(Enumerable.Range(1, first.Count).Select(i => (double)i), first.Select(s => s.Value));
        Assert.True(first[^1].Time >= acknowledged, $"the newest surviving sample ({first[^1].Time}) is older than one acknowledged before the kill ({acknowledged})");

        await using (var host = HostProcess.Start(settings))
        {
            await host.WaitReadyAsync();
            await host.InstanceWhenAsync("counting", i => i.GetProperty("collects").GetInt64() >= 10, "10 collects after the restart");
            await host.StopAsync();
        }

        var after = ReadCollects(dataPath);
        Assert.Equal(first, after.Take(first.Count));
        // The plugin counts from 1 again in the new process; its samples follow the old ones in time.
        Assert.True(after.Count >= first.Count + 10, $"{after.Count - first.Count} samples after the restart");
        Assert.Equal(1, after[first.Count].Value);
        Assert.True(after[first.Count].Time > first[^1].Time);
    }

    private static List<(long Time, double Value)> ReadCollects(string path)
    {
        using var meters = new TestMeterFactory();
        using var store = new TsdbStore(new StorageOptions { Path = path }, TimeProvider.System, new StorageMetrics(meters), NullLogger<TsdbStore>.Instance);
        var report = store.Open();
        Assert.True(report.CorruptBlocks.Count == 0, string.Join("; ", report.CorruptBlocks));
        var series = Assert.Single(store.Select([LabelMatcher.Equal("__name__", "test_collects_total")], long.MinValue, long.MaxValue));
        var samples = new List<(long, double)>();
        var cursor = series.Samples();
        while (cursor.MoveNext())
        {
            samples.Add((cursor.Timestamp, cursor.Value));
        }

        return samples;
    }
}
