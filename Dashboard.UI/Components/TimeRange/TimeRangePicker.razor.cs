using Microsoft.AspNetCore.Components;

namespace Dashboard.UI.Components.TimeRange;

/// <summary>
/// Picks a <see cref="ChartRange"/>: one button per relative range, an absolute from/to typed in the chosen zone, and
/// a UTC switch. Raises <see cref="ValueChanged"/> with the new range; the page owns it (and its URL).
/// </summary>
public sealed partial class TimeRangePicker
{
    private bool _editing;
    private string? _fromText;
    private string? _toText;
    private string? _error;

    /// <summary>The range shown.</summary>
    [Parameter]
    [EditorRequired]
    public required ChartRange Value { get; set; }

    /// <summary>Raised with the range the user chose.</summary>
    [Parameter]
    public EventCallback<ChartRange> ValueChanged { get; set; }

    /// <summary>The browser's offset from UTC, which "local" times read in.</summary>
    [Parameter]
    public TimeSpan LocalOffset { get; set; }

    /// <summary>The clock a relative range is turned into absolute fields with.</summary>
    [Inject]
    public required TimeProvider Time { get; init; }

    private string ZoneName => Value.Zone == ChartTimeZone.Utc ? "UTC" : "local";

    private Task ChooseAsync(RelativeRange relative)
    {
        _editing = false;
        return ValueChanged.InvokeAsync(ChartRange.Last(relative, Value.Zone));
    }

    private Task SetUtcAsync(bool utc)
    {
        var zone = utc ? ChartTimeZone.Utc : ChartTimeZone.Local;
        _editing = false;
        return ValueChanged.InvokeAsync(Value.InZone(zone));
    }

    private void ToggleAbsolute()
    {
        _editing = !_editing;
        _error = null;
        var (startMs, endMs) = Value.Resolve(Time.GetUtcNow());
        _fromText = RangeFieldText.Format(DateTimeOffset.FromUnixTimeMilliseconds(startMs), Value.Zone, LocalOffset);
        _toText = RangeFieldText.Format(DateTimeOffset.FromUnixTimeMilliseconds(endMs), Value.Zone, LocalOffset);
    }

    private Task ApplyAbsoluteAsync()
    {
        if (!RangeFieldText.TryParse(_fromText, Value.Zone, LocalOffset, out var from))
        {
            _error = $"From: cannot read \"{_fromText}\"; write {RangeFieldText.Pattern}";
            return Task.CompletedTask;
        }

        if (!RangeFieldText.TryParse(_toText, Value.Zone, LocalOffset, out var to))
        {
            _error = $"To: cannot read \"{_toText}\"; write {RangeFieldText.Pattern}";
            return Task.CompletedTask;
        }

        if (to <= from)
        {
            _error = "To must come after From";
            return Task.CompletedTask;
        }

        _error = null;
        _editing = false;
        return ValueChanged.InvokeAsync(ChartRange.Between(from, to, Value.Zone));
    }
}
