using Dashboard.UI.Model;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.UI.Tests.Overview;

public sealed class RenderThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    [Fact]
    public void The_first_notice_renders_at_once_and_a_burst_after_it_costs_one_render_an_interval_later()
    {
        var time = new FakeTimeProvider();
        var renders = 0;
        using var throttle = new RenderThrottle(Interval, time, () => { renders++; return Task.CompletedTask; });

        throttle.Request();
        Assert.Equal(1, renders);
        for (var i = 0; i < 50; i++)
        {
            throttle.Request();
        }

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, renders);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, renders);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, renders);
    }

    [Fact]
    public void A_notice_after_a_quiet_interval_renders_at_once()
    {
        var time = new FakeTimeProvider();
        var renders = 0;
        using var throttle = new RenderThrottle(Interval, time, () => { renders++; return Task.CompletedTask; });
        throttle.Request();

        time.Advance(TimeSpan.FromSeconds(3));
        throttle.Request();

        Assert.Equal(2, renders);
    }

    [Fact]
    public void After_dispose_a_pending_render_never_comes()
    {
        var time = new FakeTimeProvider();
        var renders = 0;
        var throttle = new RenderThrottle(Interval, time, () => { renders++; return Task.CompletedTask; });
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        throttle.Request();

        Assert.Equal(1, renders);
    }
}
