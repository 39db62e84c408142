using System.Globalization;

namespace Dashboard.UI.Components.TimeRange;

/// <summary>
/// The time a chart shows: the last few minutes to days up to now (it slides), or a fixed from–to; and the time zone
/// its axis reads in. It travels in the page's URL as <c>range=1h</c> or <c>from=…&amp;to=…</c> (UTC, ISO 8601) plus
/// <c>tz=utc</c>, so a link opens the same chart.
/// </summary>
public sealed record ChartRange
{
    /// <summary>The URL parameter of a relative range.</summary>
    public const string RangeParameter = "range";

    /// <summary>The URL parameter of an absolute range's start.</summary>
    public const string FromParameter = "from";

    /// <summary>The URL parameter of an absolute range's end.</summary>
    public const string ToParameter = "to";

    /// <summary>The URL parameter of the time zone (<c>utc</c>; absent for local).</summary>
    public const string ZoneParameter = "tz";

    private ChartRange(RelativeRange? relative, DateTimeOffset from, DateTimeOffset to, ChartTimeZone zone)
    {
        Relative = relative;
        From = from;
        To = to;
        Zone = zone;
    }

    /// <summary>The last hour, local time: what a page shows when its URL says nothing.</summary>
    public static ChartRange Default { get; } = Last(RelativeRange.Find("1h")!);

    /// <summary>The relative choice, or null for an absolute range.</summary>
    public RelativeRange? Relative { get; }

    /// <summary>An absolute range's start (UTC).</summary>
    public DateTimeOffset From { get; }

    /// <summary>An absolute range's end (UTC).</summary>
    public DateTimeOffset To { get; }

    /// <summary>The zone the axis and the absolute fields read in.</summary>
    public ChartTimeZone Zone { get; }

    /// <summary>Whether the range slides with the clock (relative) rather than stays put.</summary>
    public bool IsRelative => Relative is not null;

    /// <summary>The last <paramref name="relative"/> up to now.</summary>
    public static ChartRange Last(RelativeRange relative, ChartTimeZone zone = ChartTimeZone.Local)
    {
        ArgumentNullException.ThrowIfNull(relative);
        return new(relative, default, default, zone);
    }

    /// <summary>A fixed range; <paramref name="from"/> must come before <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">The range is empty or reversed.</exception>
    public static ChartRange Between(DateTimeOffset from, DateTimeOffset to, ChartTimeZone zone = ChartTimeZone.Local)
    {
        if (to <= from)
        {
            throw new ArgumentException($"the range ends ({Format(to)}) before it starts ({Format(from)})", nameof(to));
        }

        return new(null, from.ToUniversalTime(), to.ToUniversalTime(), zone);
    }

    /// <summary>The same range in another zone.</summary>
    public ChartRange InZone(ChartTimeZone zone) => new(Relative, From, To, zone);

    /// <summary>Start and end in Unix milliseconds, a relative range ending at <paramref name="now"/>.</summary>
    public (long StartMs, long EndMs) Resolve(DateTimeOffset now) => Relative is { } relative
        ? ((now - relative.Length).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds())
        : (From.ToUnixTimeMilliseconds(), To.ToUnixTimeMilliseconds());

    /// <summary>
    /// The URL parameters of this range, every one of <see cref="RangeParameter"/>, <see cref="FromParameter"/>,
    /// <see cref="ToParameter"/> and <see cref="ZoneParameter"/> present (null removes it from a URL).
    /// </summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        [RangeParameter] = Relative?.Text,
        [FromParameter] = Relative is null ? Format(From) : null,
        [ToParameter] = Relative is null ? Format(To) : null,
        [ZoneParameter] = Zone == ChartTimeZone.Utc ? "utc" : null,
    };

    /// <summary>
    /// Reads the range from URL parameters. None at all gives <see cref="Default"/>; a wrong one gives
    /// <paramref name="error"/> naming it (and the default range, so the page still shows something).
    /// </summary>
    public static bool TryParse(string? range, string? from, string? to, string? zone, out ChartRange result, out string? error)
    {
        result = Default;
        error = null;
        var tz = ChartTimeZone.Local;
        if (!string.IsNullOrEmpty(zone))
        {
            if (string.Equals(zone, "utc", StringComparison.OrdinalIgnoreCase))
            {
                tz = ChartTimeZone.Utc;
            }
            else if (!string.Equals(zone, "local", StringComparison.OrdinalIgnoreCase))
            {
                error = $"tz: unknown time zone \"{zone}\"; use utc or local";
                return false;
            }
        }

        result = Default.InZone(tz);
        if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
        {
            if (!string.IsNullOrEmpty(range))
            {
                error = "range: give either range or from and to, not both";
                return false;
            }

            if (!TryParseTime(from, out var start))
            {
                error = $"from: cannot read \"{from}\" as a time (ISO 8601 such as 2026-11-25T14:00:00Z, or Unix milliseconds)";
                return false;
            }

            if (!TryParseTime(to, out var end))
            {
                error = $"to: cannot read \"{to}\" as a time (ISO 8601 such as 2026-11-25T14:00:00Z, or Unix milliseconds)";
                return false;
            }

            if (end <= start)
            {
                error = $"to: the range ends ({Format(end)}) before it starts ({Format(start)})";
                return false;
            }

            result = Between(start, end, tz);
            return true;
        }

        if (!string.IsNullOrEmpty(range))
        {
            if (RelativeRange.Find(range) is not { } relative)
            {
                error = $"range: unknown range \"{range}\"; use one of {string.Join(", ", RelativeRange.All.Select(r => r.Text))}";
                return false;
            }

            result = Last(relative, tz);
        }

        return true;
    }

    /// <summary>"Last hour", or the absolute range in its zone.</summary>
    /// <param name="localOffset">The browser's offset from UTC, for a local zone.</param>
    public string Describe(TimeSpan localOffset) => Relative is { } relative
        ? relative.Describe()
        : $"{RangeFieldText.Format(From, Zone, localOffset)} – {RangeFieldText.Format(To, Zone, localOffset)}{(Zone == ChartTimeZone.Utc ? " UTC" : "")}";

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(
        time.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static bool TryParseTime(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs))
        {
            if (unixMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
