using Dashboard.UI.Model;

namespace Dashboard.UI.Tests.Overview;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.4, "just now")]
    [InlineData(-2, "just now")]
    [InlineData(3.9, "3 s ago")]
    [InlineData(59.9, "59 s ago")]
    [InlineData(60, "1 min ago")]
    [InlineData(3599, "59 min ago")]
    [InlineData(3600 * 5.5, "5 h ago")]
    [InlineData(3600 * 47, "47 h ago")]
    [InlineData(3600 * 24 * 3, "3 d ago")]
    public void The_largest_whole_unit_is_shown(double secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Format(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void The_exact_time_is_in_utc_to_the_millisecond_whatever_the_offset()
    {
        var at = new DateTimeOffset(2026, 11, 25, 15, 3, 7, 250, TimeSpan.FromHours(1));

        Assert.Equal("2026-11-25 14:03:07.250 UTC", RelativeTime.Exact(at));
    }
}
