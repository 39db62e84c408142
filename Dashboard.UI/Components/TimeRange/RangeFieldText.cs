using System.Globalization;

namespace Dashboard.UI.Components.TimeRange;

/// <summary>
/// The text of the picker's from/to fields: <c>2026-11-25 14:05:00</c> in the chosen zone. The server does not know
/// the browser's zone, so "local" is the browser's offset from UTC, which the page asks the browser for.
/// </summary>
public static class RangeFieldText
{
    /// <summary>The fields' format.</summary>
    public const string Pattern = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Writes <paramref name="time"/> as a field shows it.</summary>
    public static string Format(DateTimeOffset time, ChartTimeZone zone, TimeSpan localOffset) =>
        time.ToOffset(zone == ChartTimeZone.Utc ? TimeSpan.Zero : localOffset).ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Reads a field's text (seconds optional) as a time in the chosen zone.</summary>
    public static bool TryParse(string? text, ChartTimeZone zone, TimeSpan localOffset, out DateTimeOffset time)
    {
        time = default;
        if (!DateTime.TryParseExact(text?.Trim(), [Pattern, "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return false;
        }

        time = new DateTimeOffset(wall, zone == ChartTimeZone.Utc ? TimeSpan.Zero : localOffset);
        return true;
    }
}
