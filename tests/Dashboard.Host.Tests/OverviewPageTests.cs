namespace Dashboard.Host.Tests;

public sealed class OverviewPageTests
{
    [Fact]
    public async Task The_overview_page_lists_instances_and_plugins_with_their_state()
    {
        await using var host = DashboardHost.Start(
            """{ "instances": [ { "id": "counter", "plugin": "Counting", "config": { "interval_ms": 200 } } ] }""",
            "Counting", "CtorThrows");
        await host.InstanceWhenAsync("counter", i => i.GetProperty("collects").GetInt64() >= 1, "a collect");

        var html = await host.Client.GetStringAsync("/");

        Assert.Contains("<title>Dashboard</title>", html, StringComparison.Ordinal);
        Assert.Matches("<tr class=\"state-running\"><td>counter</td>\\s*<td>Counting</td>", html);
        Assert.Matches("<tr class=\"state-failed\"><td>CtorThrows</td>", html);
        Assert.Contains("missing license file", html, StringComparison.Ordinal);
    }
}
