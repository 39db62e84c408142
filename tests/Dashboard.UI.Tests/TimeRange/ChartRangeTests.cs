using Dashboard.UI.Components.TimeRange;

namespace Dashboard.UI.Tests.TimeRange;

public sealed class ChartRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_parameters_give_the_last_hour_in_local_time()
    {
        Assert.True(ChartRange.TryParse(null, null, null, null, out var range, out var error));

        Assert.Null(error);
        Assert.Equal(ChartRange.Default, range);
        Assert.Equal("1h", range.Relative!.Text);
        Assert.Equal(ChartTimeZone.Local, range.Zone);
    }

    [Theory]
    [InlineData("5m", 5 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("7d", 7 * 86400)]
    public void A_relative_range_ends_now_and_reaches_back_its_length(string text, int seconds)
    {
        Assert.True(ChartRange.TryParse(text, null, null, "utc", out var range, out _));

        var (start, end) = range.Resolve(Now);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), end);
        Assert.Equal(seconds * 1000L, end - start);
        Assert.Equal(ChartTimeZone.Utc, range.Zone);
    }

    [Fact]
    public void An_absolute_range_reads_iso_times_and_unix_milliseconds_and_writes_iso_back()
    {
        Assert.True(ChartRange.TryParse(null, "2026-11-25T13:00:00Z", "1795615200500", null, out var range, out _));

        Assert.False(range.IsRelative);
        Assert.Equal((1795611600000L, 1795615200500L), range.Resolve(Now));
        var query = range.ToQuery();
        Assert.Equal("2026-11-25T13:00:00Z", query[ChartRange.FromParameter]);
        Assert.Equal("2026-11-25T14:00:00.500Z", query[ChartRange.ToParameter]);
        Assert.Null(query[ChartRange.RangeParameter]);
        Assert.Null(query[ChartRange.ZoneParameter]);
    }

    [Fact]
    public void Written_parameters_read_back_to_the_same_range()
    {
        var ranges = new[]
        {
            ChartRange.Last(RelativeRange.Find("2d")!, ChartTimeZone.Utc),
            ChartRange.Between(Now.AddMinutes(-7), Now.AddMilliseconds(-1), ChartTimeZone.Local),
        };

        foreach (var range in ranges)
        {
            var q = range.ToQuery();
            Assert.True(ChartRange.TryParse((string?)q["range"], (string?)q["from"], (string?)q["to"], (string?)q["tz"], out var back, out _));
            Assert.Equal(range, back);
        }
    }

    [Theory]
    [InlineData("2h", null, null, null, "range: unknown range \"2h\"; use one of 5m, 15m, 1h, 3h, 6h, 12h, 24h, 2d, 7d")]
    [InlineData(null, "yesterday", "2026-11-25T13:00:00Z", null, "from: cannot read \"yesterday\" as a time")]
    [InlineData(null, "2026-11-25T14:00:00Z", "2026-11-25T13:00:00Z", null, "to: the range ends (2026-11-25T13:00:00Z) before it starts (2026-11-25T14:00:00Z)")]
    [InlineData("1h", "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z", null, "range: give either range or from and to, not both")]
    [InlineData(null, null, null, "mars", "tz: unknown time zone \"mars\"; use utc or local")]
    public void A_wrong_parameter_is_named_and_the_default_range_shown(string? range, string? from, string? to, string? zone, string expected)
    {
        Assert.False(ChartRange.TryParse(range, from, to, zone, out var result, out var error));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.True(result.IsRelative);
    }

    [Fact]
    public void The_field_text_reads_in_the_chosen_zone()
    {
        var offset = TimeSpan.FromHours(2);
        var time = DateTimeOffset.Parse("2026-11-25T13:05:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("2026-11-25 15:05:00", RangeFieldText.Format(time, ChartTimeZone.Local, offset));
        Assert.Equal("2026-11-25 13:05:00", RangeFieldText.Format(time, ChartTimeZone.Utc, offset));
        Assert.True(RangeFieldText.TryParse("2026-11-25 15:05", ChartTimeZone.Local, offset, out var local));
        Assert.Equal(time, local);
        Assert.False(RangeFieldText.TryParse("25/11/2026", ChartTimeZone.Utc, offset, out _));
    }
}
