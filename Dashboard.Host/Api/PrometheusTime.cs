using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Host.Api;

/// <summary>
/// Time parameters as Prometheus's HTTP API takes them: Unix seconds, decimals allowed (<c>1714564800.5</c>), or
/// RFC 3339 (<c>2024-05-01T12:00:00Z</c>, <c>…00.123456789+02:00</c>); both resolved to whole milliseconds.
/// </summary>
internal static partial class PrometheusTime
{
    /// <summary>The earliest time Prometheus's API represents (its <c>MinTime</c>), in Unix ms: the default start.</summary>
    public const long MinTimeMs = -9_223_309_901_257_974_000;

    /// <summary>The latest time Prometheus's API represents (its <c>MaxTime</c>), in Unix ms: the default end.</summary>
    public const long MaxTimeMs = 9_223_309_901_257_974_999;

    private const string MinTimeText = "-292273086-05-16T16:47:06Z";
    private const string MaxTimeText = "292277025-08-18T07:12:54.999999999Z";

    // .NET parses at most 7 fraction digits; RFC 3339 allows any, and Go clients send 9.
    private const int MaxFractionDigits = 7;

    /// <summary>Parses a time.</summary>
    /// <param name="text">The parameter's value.</param>
    /// <param name="unixMs">The time as Unix milliseconds.</param>
    /// <returns><see langword="false"/> when the text is neither form or lies outside the representable range.</returns>
    public static bool TryParse(string text, out long unixMs)
    {
        unixMs = 0;
        switch (text)
        {
            // Go cannot print or parse years beyond 9999 in RFC 3339, so Prometheus accepts its own bounds by name;
            // clients (promtool, Thanos) send them for "from the beginning" and "until the end".
            case MinTimeText:
                unixMs = MinTimeMs;
                return true;
            case MaxTimeText:
                unixMs = MaxTimeMs;
                return true;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var seconds))
        {
            if (Math.Abs(seconds) > long.MaxValue / 1000)
            {
                return false;
            }

            unixMs = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
            return true;
        }

        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        var normalized = string.Concat(
            match.Groups["seconds"].Value.ToUpperInvariant(),
            fraction.Length > MaxFractionDigits + 1 ? fraction[..(MaxFractionDigits + 1)] : fraction,
            match.Groups["zone"].Value.ToUpperInvariant());
        if (!DateTimeOffset.TryParseExact(normalized, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        unixMs = time.ToUnixTimeMilliseconds();
        return true;
    }

    [GeneratedRegex(@"^(?<seconds>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?<fraction>\.\d+)?(?<zone>[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
