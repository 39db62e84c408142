using Bunit;
using Dashboard.UI.Components.TimeRange;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.UI.Tests.TimeRange;

public sealed class TimeRangePickerTests : UiTestContext
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero));
    private ChartRange? _chosen;

    public TimeRangePickerTests() => Services.AddSingleton<TimeProvider>(_time);

    [Fact]
    public void A_relative_button_chooses_that_range_and_marks_the_current_one()
    {
        var picker = Render(ChartRange.Default);

        Assert.Equal("true", picker.Find("[data-testid=range-1h]").GetAttribute("aria-pressed"));
        picker.Find("[data-testid=range-15m]").Click();

        Assert.Equal("15m", _chosen!.Relative!.Text);
        Assert.Equal(ChartTimeZone.Local, _chosen.Zone);
    }

    [Fact]
    public void The_absolute_editor_starts_from_the_current_range_and_applies_the_typed_one_in_utc()
    {
        var picker = Render(ChartRange.Default.InZone(ChartTimeZone.Utc));

        picker.Find("[data-testid=range-absolute]").Click();
        Assert.Equal("2026-11-25 13:00:00", picker.Find("#range-from").GetAttribute("value"));
        Assert.Equal("2026-11-25 14:00:00", picker.Find("#range-to").GetAttribute("value"));
        picker.Find("#range-from").Change("2026-11-25 10:00");
        picker.Find("#range-to").Change("2026-11-25 11:30:00");
        picker.Find("[data-testid=range-apply]").Click();

        Assert.Equal(ChartRange.Between(new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), new(2026, 11, 25, 11, 30, 0, TimeSpan.Zero), ChartTimeZone.Utc), _chosen);
    }

    [Fact]
    public void A_reversed_or_unreadable_absolute_range_shows_an_error_and_chooses_nothing()
    {
        var picker = Render(ChartRange.Default);
        picker.Find("[data-testid=range-absolute]").Click();

        picker.Find("#range-from").Change("2026-11-25 12:00");
        picker.Find("#range-to").Change("2026-11-25 11:00");
        picker.Find("[data-testid=range-apply]").Click();
        Assert.Equal("To must come after From", picker.Find("[data-testid=range-error]").TextContent);

        picker.Find("#range-to").Change("noon");
        picker.Find("[data-testid=range-apply]").Click();
        Assert.Contains("To: cannot read \"noon\"", picker.Find("[data-testid=range-error]").TextContent, StringComparison.Ordinal);
        Assert.Null(_chosen);
    }

    [Fact]
    public void The_utc_switch_keeps_the_range_and_changes_the_zone()
    {
        var picker = Render(ChartRange.Last(RelativeRange.Find("6h")!));

        picker.Find("[data-testid=range-utc] input, input[data-testid=range-utc]").Change(true);

        Assert.Equal(ChartRange.Last(RelativeRange.Find("6h")!, ChartTimeZone.Utc), _chosen);
    }

    private IRenderedComponent<TimeRangePicker> Render(ChartRange value) => Render<TimeRangePicker>(p => p
        .Add(c => c.Value, value)
        .Add(c => c.ValueChanged, range => _chosen = range));
}
