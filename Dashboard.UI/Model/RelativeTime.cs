using System.Globalization;

namespace Dashboard.UI.Model;

/// <summary>How long ago something happened, in the words the overview shows ("3 s ago"), and its exact time.</summary>
public static class RelativeTime
{
    /// <summary>The time between <paramref name="at"/> and <paramref name="now"/> in the largest whole unit.</summary>
    /// <param name="at">When it happened.</param>
    /// <param name="now">The current time.</param>
    /// <returns>"just now" under a second (or a time slightly ahead of this clock), else "N s/min/h/d ago".</returns>
    public static string Format(DateTimeOffset at, DateTimeOffset now)
    {
        var ago = now - at;
        return ago.TotalSeconds switch
        {
            < 1 => "just now",
            < 60 => Ago(ago.TotalSeconds, "s"),
            < 3600 => Ago(ago.TotalMinutes, "min"),
            < 48 * 3600 => Ago(ago.TotalHours, "h"),
            _ => Ago(ago.TotalDays, "d"),
        };
    }

    /// <summary>The exact time, in UTC to the millisecond, for a tooltip.</summary>
    /// <param name="at">The time.</param>
    /// <returns>For example "2026-11-25 14:03:07.250 UTC".</returns>
    public static string Exact(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

    private static string Ago(double amount, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(amount):0} {unit} ago");
}
