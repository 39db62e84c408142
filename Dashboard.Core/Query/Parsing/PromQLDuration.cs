using System.Globalization;
using System.Text;

namespace Dashboard.Core.Query.Parsing;

/// <summary>
/// PromQL durations: <c>1y2w3d4h5m6s7ms</c>, units in that order, each at most once; a year is 365 days, a week 7.
/// </summary>
public static class PromQLDuration
{
    private static readonly (string Unit, long Ms)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000), ("w", 7L * 24 * 3600 * 1000), ("d", 24L * 3600 * 1000), ("h", 3600L * 1000),
        ("m", 60L * 1000), ("s", 1000L), ("ms", 1L),
    ];

    /// <summary>Reads a duration.</summary>
    /// <param name="text">The text, e.g. <c>1h30m</c>.</param>
    /// <param name="duration">The duration.</param>
    /// <returns><see langword="false"/> when the text is not a duration or overflows.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.SequenceEqual("0"))
        {
            return true;
        }

        long total = 0;
        var nextUnit = 0;
        var at = 0;
        while (at < text.Length)
        {
            var start = at;
            while (at < text.Length && char.IsAsciiDigit(text[at]))
            {
                at++;
            }

            if (at == start || !long.TryParse(text[start..at], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return false;
            }

            var unitLength = text[at..].StartsWith("ms") ? 2 : 1;
            if (at + unitLength > text.Length)
            {
                return false;
            }

            var unit = text.Slice(at, unitLength);
            at += unitLength;
            var index = nextUnit;
            while (index < Units.Length && !unit.SequenceEqual(Units[index].Unit))
            {
                index++;
            }

            if (index == Units.Length)
            {
                return false;
            }

            nextUnit = index + 1;
            try
            {
                total = checked(total + checked(count * Units[index].Ms));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        if (total > TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(total);
        return nextUnit > 0;
    }

    /// <summary>Prints a duration the way Prometheus does: years and weeks only when exact, <c>0s</c> for zero.</summary>
    /// <param name="duration">The duration; a negative one gets a leading minus.</param>
    /// <returns>The text.</returns>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)duration.TotalMilliseconds;
        if (ms == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (ms < 0)
        {
            text.Append('-');
            ms = -ms;
        }

        foreach (var (unit, unitMs) in Units)
        {
            if (unit is "y" or "w" && ms % unitMs != 0)
            {
                continue;
            }

            var count = ms / unitMs;
            if (count > 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                ms -= count * unitMs;
            }
        }

        return text.ToString();
    }
}
