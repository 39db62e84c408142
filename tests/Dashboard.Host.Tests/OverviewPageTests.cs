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
        Assert.Matches("<tr data-instance=\"counter\" data-state=\"running\">\\s*<td><a [^>]*href=\"instances/counter\"[^>]*>counter</a></td>\\s*<td>Counting</td>", html);
        Assert.Matches("data-plugin=\"CtorThrows\" data-state=\"failed\"", html);
        Assert.Matches("<b>CtorThrows</b> did not load: <span data-testid=\"plugin-error\">[^<]*missing license file", html);
    }
}
