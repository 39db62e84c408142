using System.Text.Json;
using Dashboard.Tests;

namespace Dashboard.Host.Tests.PrometheusApi;

/// <summary><c>/api/v1/metadata</c> with a plugin collecting: each metric with the kind it was collected as.</summary>
public sealed class PrometheusMetadataTests
{
    private const string Config = """
        { "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }
        """;

    [Fact]
    public async Task Reports_the_kind_each_metric_was_collected_as()
    {
        await using var host = DashboardHost.Start(Config, "Counting");
        await Eventually.TrueAsync(async () => (await host.Client.GetStringAsync("/api/v1/metadata")).Contains("test_collects_total", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the first collect known to metadata");

        using var all = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/metadata"));
        using var one = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/metadata?metric=test_build_info"));
        using var limited = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/metadata?limit=1"));
        using var unknown = JsonDocument.Parse(await host.Client.GetStringAsync("/api/v1/metadata?metric=not_collected"));

        var data = all.RootElement.GetProperty("data");
        Assert.Equal("success", all.RootElement.GetProperty("status").GetString());
        Assert.Equal("""[{"type":"counter","help":"","unit":""}]""", data.GetProperty("test_collects_total").GetRawText());
        Assert.Equal("""[{"type":"gauge","help":"","unit":""}]""", data.GetProperty("test_build_info").GetRawText());
        Assert.Equal(["test_build_info"], one.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Single(limited.RootElement.GetProperty("data").EnumerateObject());
        Assert.Equal("{}", unknown.RootElement.GetProperty("data").GetRawText());
    }
}
